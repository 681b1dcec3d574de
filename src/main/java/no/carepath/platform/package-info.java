/**
 * Platform wiring with no domain logic: engine settings, authorizations and Tasklist filters per
 * Keycloak group, API error responses, server-side validation of task forms, what the
 * external-task workers share (token, start-up, retries), and the frame of Carepath's own pages:
 * the layout's model ({@code PageLayout}), the start page, the error pages.
 * The pages themselves are Thymeleaf templates in {@code src/main/resources/templates/}.
 */
package no.carepath.platform;
