/**
 * Hospital transitions: the hospital's messages about a patient (melding om innlagt pasient,
 * helseopplysninger, utskrivningsklar, avmelding, utskrevet, epikrise/utskrivningsrapport) arrive
 * on {@code POST /api/hospital/messages}, idempotent on the hospital's message id, and drive one
 * {@code transitions-hospital-stay} process per stay: admission pauses digital home follow-up and
 * sends the admission report, ready-for-discharge starts the municipality's same-day answer and
 * the clock of days waiting, discharge resumes follow-up with a first assessment, and a discharge
 * summary that does not come gives a task to chase it. The process reads the stay's state from
 * table {@code transitions_stay}, so messages may come out of order or twice. A message about a
 * patient the municipality does not know becomes a task for the allocation office.
 */
package no.carepath.transitions;
