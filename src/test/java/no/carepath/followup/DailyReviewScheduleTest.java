package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import no.carepath.security.Municipalities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the daily start starts the lists: from the start time, every municipality's list of the day
 * (Oslo's day, not UTC's); never before the start time, and never twice (the list's unique key:
 * {@code start} answers empty).
 */
class DailyReviewScheduleTest {

  private final DailyReviews reviews = mock(DailyReviews.class);
  private final Municipalities municipalities = new Municipalities();
  private final DailyReviewProperties properties = new DailyReviewProperties(true, LocalTime.of(7, 0),
      LocalTime.of(15, 0), Duration.ofDays(7));

  @BeforeEach
  void serve() {
    municipalities.getMunicipalities().put("1804", "Bodø");
    municipalities.getMunicipalities().put("1806", "Narvik");
    when(reviews.start(anyString(), any())).thenAnswer(call -> Optional.of(
        DailyReviews.reference(call.getArgument(0), call.getArgument(1))));
  }

  private DailyReviewSchedule at(String instant) {
    return new DailyReviewSchedule(reviews, municipalities, properties, Clock.fixed(Instant.parse(instant),
        ZoneId.of("Europe/Oslo")));
  }

  @Test
  void beforeTheStartTimeNothingStarts() {
    assertThat(at("2026-11-23T05:59:00Z").startDue()).isEmpty();
    verify(reviews, never()).start(anyString(), any());
  }

  @Test
  void fromTheStartTimeEveryMunicipalityGetsTheListOfItsDay() {
    // 07:00 in Oslo is 06:00 UTC in November
    assertThat(at("2026-11-23T06:00:00Z").startDue()).containsExactly("GJ-2026-11-23-1804", "GJ-2026-11-23-1806");
    // 00:30 on the 24th in Oslo (23:30 UTC on the 23rd): before the start time of Oslo's new day
    assertThat(at("2026-11-23T23:30:00Z").startDue()).isEmpty();
  }

  @Test
  void aListAlreadyStartedThatDayIsNotStartedAgain() {
    when(reviews.start("1804", LocalDate.of(2026, 11, 23))).thenReturn(Optional.empty());
    assertThat(at("2026-11-23T09:00:00Z").startDue()).containsExactly("GJ-2026-11-23-1806");
  }

  @Test
  void theScheduleCanBeTurnedOff() {
    new DailyReviewSchedule(reviews, municipalities, new DailyReviewProperties(false, LocalTime.of(7, 0),
        LocalTime.of(15, 0), Duration.ofDays(7)), Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"),
        ZoneId.of("Europe/Oslo"))).onSchedule();
    verify(reviews, never()).start(anyString(), any());
  }
}
