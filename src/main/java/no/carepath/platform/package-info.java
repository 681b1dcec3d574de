/**
 * Platform wiring with no domain logic: engine settings, authorizations and Tasklist filters per
 * Keycloak group, API error responses, the one-command local platform ({@code local}), and what
 * the external-task workers share (token, start-up, retries).
 */
package no.carepath.platform;
