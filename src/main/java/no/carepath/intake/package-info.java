/**
 * The three ways a need reaches the allocation office, as REST contracts under {@code /api/intake}:
 * an application (søknad) from the patient or a relative, a referral from the GP (henvisning), and
 * a hospital's notice. Validates on the server, registers the patient and opens the case; a
 * resend with the same {@code externalReference} is never a second case. Owns table
 * {@code intake_referral}.
 */
package no.carepath.intake;
