/**
 * Identity and access: Keycloak tokens for {@code /engine-rest}, {@code /api} and the webapps,
 * the Keycloak groups that are the BPMN candidate groups, the bridges that make Camunda see the
 * user and the groups, the access log of who read which patient's data, and the menu of the pages
 * each role sees ({@link no.carepath.security.Navigation}).
 */
package no.carepath.security;
