/**
 * The one-command platform: starts, beside the application, whatever outside service the
 * environment does not name (embedded PostgreSQL, Keycloak from the Maven zip, simulators), and
 * stops them after it. Used by {@code CarepathApplication.main} and by the integration tests.
 */
package no.carepath.local;
