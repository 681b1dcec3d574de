/**
 * Identity and access: Keycloak tokens for {@code /engine-rest}, {@code /api} and the webapps,
 * the Keycloak groups that are the BPMN candidate groups, the bridges that make Camunda see the
 * user and the groups, and the access log of who read which patient's data.
 */
package no.carepath.security;
