/**
 * The one-command platform: starts, beside the application, whatever outside service the
 * environment does not name (embedded PostgreSQL, Keycloak from the Maven zip, simulators), and
 * stops them after it. Used by {@link no.carepath.local.LocalMain} ({@code ./mvnw spring-boot:run}) and by the
 * integration tests. This source set ({@code src/local/java}) is not in the jar an operator deploys.
 */
package no.carepath.local;
