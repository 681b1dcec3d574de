/**
 * What the access log shows people: the allocation office's report, for a patient who asks, of who
 * read their data (the patient's right of access to the log, as a page and as a PDF), and the
 * managers' access statistics and patterns to follow up, without any patient. The log itself is
 * {@code no.carepath.security.AccessLog}'s.
 */
package no.carepath.audit;
