package no.carepath.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.nimbusds.jose.RemoteKeySourceException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which errors mean that the database or Keycloak cannot serve (503), and which are answers of their own. */
class OutageTest {

  @Test
  void aDatabaseThatCannotServeIsAnOutageHoweverDeepItIsWrapped() {
    String[] states = {"08001", "08006", "08003", "53100", "53200", "53300", "57P01", "57P02", "57P03", "58030"};
    for (String state : states) {
      SQLException sql = new SQLException("FATAL: something about table t with value 12345678901", state);
      assertThat(Outage.of(sql)).as(state).contains(Outage.DATABASE);
      // as the engine wraps it: ProcessEngineException <- MyBatis' PersistenceException <- the driver's exception
      assertThat(Outage.of(new ProcessEngineException("ENGINE-03004", new PersistenceException("### Error", sql))))
          .as(state).contains(Outage.DATABASE);
      assertThat(Outage.of(new jakarta.servlet.ServletException("Request processing failed",
          new RuntimeException(new org.springframework.dao.DataAccessResourceFailureException("x", sql)))))
          .as(state).contains(Outage.DATABASE);
    }
    assertThat(Outage.of(new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))
        .contains(Outage.DATABASE);
    assertThat(Outage.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))).contains(Outage.DATABASE);
    assertThat(Outage.of(new CannotCreateTransactionException("Could not open JDBC Connection for transaction")))
        .contains(Outage.DATABASE);
  }

  /**
   * PostgreSQL stopped under a transaction (found by DatabaseRestartIT): the statement fails with
   * 08006, the pool closes the broken connection, and the rollback then fails on it; Spring throws the
   * rollback's failure and keeps the first error as the application exception.
   */
  @Test
  void aRollbackThatFailsBecauseTheDatabaseWentAwayIsAnOutage() {
    SQLException closedByPool = new SQLException("Connection is closed");
    org.springframework.transaction.TransactionSystemException rollback =
        new org.springframework.transaction.TransactionSystemException("JDBC rollback failed", closedByPool);
    rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException(
        "PreparedStatementCallback; An I/O error occurred while sending to the backend.",
        new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    assertThat(Outage.of(rollback)).contains(Outage.DATABASE);
    assertThat(Outage.of(new jakarta.servlet.ServletException("Request processing failed", rollback)))
        .contains(Outage.DATABASE);

    // the pool's closed connection alone: the database went away under it
    assertThat(Outage.of(new org.springframework.transaction.TransactionSystemException("JDBC commit failed",
        new SQLException("Connection is closed")))).contains(Outage.DATABASE);

    // a failed rollback for another reason, after a bug: not an outage
    org.springframework.transaction.TransactionSystemException other =
        new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
            new SQLException("something else", "XX000"));
    other.initApplicationException(new IllegalStateException("a bug"));
    assertThat(Outage.of(other)).isEmpty();
  }

  @Test
  void theDatabasesOwnAnswersAreNotOutages() {
    String[] states = {"23505", "23503", "22001", "40001", "40P01", "42P01", "P0001", null};
    for (String state : states) {
      assertThat(Outage.of(new SQLException("refused", state))).as(String.valueOf(state)).isEmpty();
    }
    assertThat(Outage.of(new DataIntegrityViolationException("duplicate key"))).isEmpty();
    assertThat(Outage.of(new IllegalStateException("a bug"))).isEmpty();
    assertThat(Outage.of(null)).isEmpty();
  }

  @Test
  void signingKeysThatCannotBeFetchedAreAnIdentityOutage() {
    JwtException decoding = new JwtException("An error occurred while attempting to decode the Jwt: Couldn't retrieve"
        + " remote JWK set", new RemoteKeySourceException("Couldn't retrieve remote JWK set: Connection refused",
        new ConnectException("Connection refused")));
    assertThat(Outage.of(decoding)).contains(Outage.IDENTITY);
    assertThat(Outage.of(new AuthenticationServiceException(decoding.getMessage(), decoding))).contains(Outage.IDENTITY);
    assertThat(Outage.of(new AuthenticationServiceException("x", new ConnectException("Connection refused"))))
        .contains(Outage.IDENTITY);
    // a bad token is the client's fault (401), and a refused connection elsewhere is not Keycloak
    assertThat(Outage.of(new BadJwtException("Signed JWT rejected: Invalid signature"))).isEmpty();
    assertThat(Outage.of(new ConnectException("Connection refused"))).isEmpty();
  }

  @Test
  void aCycleInTheCauseChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(Outage.of(a)).isEmpty();
  }

  @Test
  void theDetailSaysWhatNothingAndWhen() {
    for (Outage outage : Outage.values()) {
      assertThat(outage.detail()).startsWith(outage.reason()).contains("Ingenting er lagret")
          .contains(Outage.RETRY_AFTER_SECONDS + " sekunder");
    }
  }
}
