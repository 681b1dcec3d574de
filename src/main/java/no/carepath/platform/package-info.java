/**
 * Platform wiring with no domain logic: engine settings, authorizations and Tasklist filters per
 * Keycloak group, API error responses, server-side validation of task forms, and what the
 * external-task workers share (token, start-up, retries).
 */
package no.carepath.platform;
