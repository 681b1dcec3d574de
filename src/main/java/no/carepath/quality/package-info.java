/**
 * The quality loop (forskrift om ledelse og kvalitetsforbedring §§ 6-9): avvik in the regulation's
 * sense, an unwanted event or a near miss in the service, reported from where the work is done and
 * handled in process {@code quality-incident}. Called incident in the code, because deviation already
 * means a measurement outside thresholds (module followup). An incident names a patient only by a
 * reference taken from the task it was reported from, never by a typed identifier.
 */
package no.carepath.quality;
