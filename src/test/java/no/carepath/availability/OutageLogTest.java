package no.carepath.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import no.carepath.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

class OutageLogTest {

  @Test
  void eachKindOfOutageIsDueOncePerHalfMinute() {
    TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    OutageLog said = new OutageLog(clock);

    assertThat(said.due(Outage.DATABASE)).isTrue();
    assertThat(said.due(Outage.DATABASE)).isFalse();
    assertThat(said.due(Outage.IDENTITY)).as("another kind has its own turn").isTrue();
    clock.advance(OutageLog.INTERVAL.minusSeconds(1));
    assertThat(said.due(Outage.DATABASE)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(said.due(Outage.DATABASE)).isTrue();
  }

  @Test
  void kindsNameTheChainAndItsSqlStatesButNoMessage() {
    String kinds = OutageLog.kinds(new CannotCreateTransactionException("down",
        new SQLException("connection to patient 01019912345 refused", "08001")));
    assertThat(kinds).isEqualTo("CannotCreateTransactionException <- SQLException (SQLState 08001)");
  }
}
