/**
 * Availability: what Carepath answers when a part it cannot work without (PostgreSQL, Keycloak) is
 * down or refusing. Every such request gets 503 with {@code Retry-After} in the caller's format
 * (FHIR OperationOutcome, problem JSON, the engine REST API's error JSON, or a Norwegian page), one
 * log line without a stack trace, and a counter; a sign-in started while Keycloak does not answer
 * gets a clear page instead of a browser error.
 */
package no.carepath.availability;
