/**
 * Task sharing by competence (oppgavedeling, helsepersonelloven § 4): the register of what each
 * person may do (competence, level, validity, verified by), the competence a user task requires (the
 * model's {@code competence} and {@code competenceIf} extension properties), the engine-side check
 * of every claim, assignment and completion, the way out ("I lack the competence": hand the task on),
 * and the record of who did which task under which competence. Keycloak says who a person is and
 * their roles; this module says what they may do.
 */
package no.carepath.competence;
