/**
 * Patients: who a case or an episode is about. Owns table {@code patient}; the national ID number
 * lives here and nowhere else (not in process variables, logs, URLs or metric labels).
 */
package no.carepath.patient;
