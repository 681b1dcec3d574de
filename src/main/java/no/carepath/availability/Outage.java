package no.carepath.availability;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * An outside part Carepath cannot work without is unavailable: the database (down, restarting,
 * refusing connections, out of disk) or the identity provider whose signing keys a token is checked
 * with. The right answer to a request is then 503 with {@code Retry-After}, never a 500 with a stack
 * trace, and never a 2xx: nothing of the request is stored, because nothing could commit.
 *
 * <p>Recognised by the cause chain of an error: a {@link SQLException} whose SQLState says the
 * connection or the server's resources failed, the pool's {@link SQLTransientConnectionException}
 * or its closed connection (a connection the pool found broken is closed under the transaction
 * still using it), a failed rollback or commit whose first error was an outage, or a failure to fetch the key set (Nimbus' {@code KeySourceException}) under Spring
 * Security's {@code AuthenticationServiceException}.
 */
public enum Outage {

  DATABASE("Databasen er ikke tilgjengelig akkurat nå."),
  IDENTITY("Innloggingstjenesten (Keycloak) svarer ikke, så tilgangen kan ikke kontrolleres nå.");

  /** What the answer asks the client to wait before trying again. */
  public static final int RETRY_AFTER_SECONDS = 10;

  /**
   * SQLStates of a database that cannot serve now: 08 connection exceptions, 53 insufficient
   * resources (disk full, out of memory, too many connections), 57P01-57P03 shut down or starting up,
   * 58030 I/O error.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "58030");

  /** HikariCP's connection after the pool closed it as broken: a plain SQLException without a state. */
  private static final String CLOSED_BY_POOL = "Connection is closed";

  private final String reason;

  Outage(String reason) {
    this.reason = reason;
  }

  /** One Norwegian sentence naming what is unavailable. */
  public String reason() {
    return reason;
  }

  /** What a person or a client is told: the reason, that nothing was stored, and when to try again. */
  public String detail() {
    return reason + " Ingenting er lagret. Prøv igjen om " + RETRY_AFTER_SECONDS + " sekunder.";
  }

  /** The outage an error comes from, if any. */
  public static Optional<Outage> of(Throwable error) {
    boolean authentication = false;
    int depth = 0;
    for (Throwable cause = error; cause != null && depth < 32; cause = cause.getCause() == cause ? null : cause.getCause(),
        depth++) {
      if (cause instanceof SQLTransientConnectionException) {
        return Optional.of(DATABASE);
      }
      if (cause instanceof SQLException sql && databaseUnavailable(sql.getSQLState())) {
        return Optional.of(DATABASE);
      }
      if (cause instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
          || cause instanceof org.springframework.transaction.CannotCreateTransactionException) {
        return Optional.of(DATABASE);
      }
      // PostgreSQL went away mid-transaction: the rollback fails on the closed connection, and that
      // failure hides the first error (Spring keeps it as the application exception)
      if (cause instanceof org.springframework.transaction.TransactionSystemException failed
          && failed.getApplicationException() != null && failed.getApplicationException() != error) {
        Optional<Outage> first = of(failed.getApplicationException());
        if (first.isPresent()) {
          return first;
        }
      }
      if (cause instanceof SQLException sql && sql.getSQLState() == null && CLOSED_BY_POOL.equals(sql.getMessage())) {
        return Optional.of(DATABASE);
      }
      if (cause instanceof org.springframework.security.authentication.AuthenticationServiceException) {
        authentication = true;
      }
      if (cause instanceof com.nimbusds.jose.KeySourceException
          || authentication && (cause instanceof java.net.ConnectException || cause instanceof java.net.http.HttpTimeoutException
              || cause instanceof java.net.SocketTimeoutException || cause instanceof org.springframework.web.client.ResourceAccessException)) {
        return Optional.of(IDENTITY);
      }
    }
    return Optional.empty();
  }

  /** For an exception handler that answers everything else itself: an outage goes on to {@link OutageFilter}. */
  public static void rethrowIfOutage(Exception e) throws Exception {
    if (of(e).isPresent()) {
      throw e;
    }
  }

  static boolean databaseUnavailable(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("53") || UNAVAILABLE_STATES.contains(state));
  }
}
