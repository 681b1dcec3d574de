package no.carepath.security;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import no.carepath.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node skips writing a user its last token described the same way, but for a minute at most, so
 * that on two nodes the table ends as the latest token says whichever node saw it.
 */
class KnownUsersTest {

  private static final Users USERS = new Users();

  private final TestClock clock = new TestClock(Instant.parse("2026-12-04T08:00:00Z"), ZoneId.of("Europe/Oslo"));

  @Test
  void writesAUserOnceWhileTheTokenSaysTheSameAndAgainAfterAMinute() {
    JdbcClient jdbc = mock(JdbcClient.class, RETURNS_DEEP_STUBS);
    KnownUsers users = new KnownUsers(jdbc, clock);

    users.remember(USERS.nurse);
    clock.advance(Duration.ofSeconds(30));
    users.remember(USERS.nurse);
    verify(jdbc, times(1)).sql(anyString());

    clock.advance(KnownUsers.REWRITE_AFTER);
    users.remember(USERS.nurse);
    verify(jdbc, times(2)).sql(anyString());
  }

  @Test
  void writesAChangedUserAtOnce() {
    JdbcClient jdbc = mock(JdbcClient.class, RETURNS_DEEP_STUBS);
    KnownUsers users = new KnownUsers(jdbc, clock);

    users.remember(USERS.nurse);
    clock.advance(Duration.ofSeconds(1));
    users.remember(USERS.nurseWithNewGroup);
    clock.advance(Duration.ofSeconds(1));
    users.remember(USERS.nurse);

    verify(jdbc, times(3)).sql(anyString());
  }

  /**
   * Two nodes: A wrote the old groups; B then wrote the new ones; a token of before the change is
   * still used on A. Within a minute A writes what its token says again, so the table does not keep
   * B's description forever while A believes its own is there: both nodes rewrite what they see, and
   * the latest token seen wins within a minute instead of never.
   */
  @Test
  void aNodeThatWroteEarlierWritesAgainWithinAMinuteOfAnotherNodesWrite() {
    JdbcClient nodeA = mock(JdbcClient.class, RETURNS_DEEP_STUBS);
    JdbcClient nodeB = mock(JdbcClient.class, RETURNS_DEEP_STUBS);
    KnownUsers a = new KnownUsers(nodeA, clock);
    KnownUsers b = new KnownUsers(nodeB, clock);

    a.remember(USERS.nurse);
    clock.advance(Duration.ofSeconds(5));
    b.remember(USERS.nurseWithNewGroup);
    clock.advance(Duration.ofSeconds(10));
    a.remember(USERS.nurse);
    verify(nodeA, times(1)).sql(anyString());

    clock.advance(KnownUsers.REWRITE_AFTER);
    a.remember(USERS.nurse);
    verify(nodeA, times(2)).sql(anyString());
    verify(nodeB, times(1)).sql(anyString());
  }

  private static final class Users {
    final KnownUsers.KnownUser nurse = new KnownUsers.KnownUser("kari.nordmann", "Kari", "Nordmann",
        "kari@example.invalid", List.of("nurses-4601"));
    final KnownUsers.KnownUser nurseWithNewGroup = new KnownUsers.KnownUser("kari.nordmann", "Kari", "Nordmann",
        "kari@example.invalid", List.of("nurses-4601", "nurses-red-4601"));
  }
}
