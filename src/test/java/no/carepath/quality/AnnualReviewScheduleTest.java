package no.carepath.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import no.carepath.security.Municipalities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the yearly start starts a review: from 15 January, in the window after it for every
 * municipality, later in the year only for a municipality that reviewed the year before that; never
 * before the day, and never twice (the review's unique key: {@code start} answers empty).
 */
class AnnualReviewScheduleTest {

  private final AnnualReviews reviews = mock(AnnualReviews.class);
  private final Municipalities municipalities = new Municipalities();

  @BeforeEach
  void serve() {
    municipalities.getMunicipalities().put("1804", "Bodø");
    municipalities.getMunicipalities().put("1806", "Narvik");
    when(reviews.start(anyString(), anyInt(), anyString())).thenAnswer(call -> Optional.of(new AnnualReviews.Review(
        UUID.randomUUID(), "LG-" + call.getArgument(1) + "-" + call.getArgument(0), call.getArgument(0),
        call.getArgument(1), "OPEN", Instant.EPOCH, "timer", null, null, null, "pi")));
  }

  private AnnualReviewSchedule at(String instant) {
    return new AnnualReviewSchedule(reviews, municipalities, Clock.fixed(Instant.parse(instant),
        ZoneId.of("Europe/Oslo")), "--01-15");
  }

  @Test
  void beforeTheFifteenthOfJanuaryNothingStarts() {
    assertThat(at("2027-01-14T12:00:00Z").startDue()).isEmpty();
    verify(reviews, never()).start(anyString(), anyInt(), anyString());
  }

  @Test
  void fromTheFifteenthEveryMunicipalityGetsItsReviewOfTheYearBefore() {
    assertThat(at("2027-01-15T07:00:00Z").startDue()).containsExactly("LG-2026-1804", "LG-2026-1806");
    verify(reviews).start("1804", 2026, "timer");
    verify(reviews).start("1806", 2026, "timer");
  }

  @Test
  void laterInTheYearOnlyAMunicipalityThatReviewedTheYearBeforeGetsOne() {
    when(reviews.exists("1804", 2025)).thenReturn(true);
    assertThat(at("2027-09-01T07:00:00Z").startDue()).containsExactly("LG-2026-1804");
    verify(reviews, never()).start("1806", 2026, "timer");
  }

  @Test
  void aReviewThatExistsIsNotStartedAgain() {
    when(reviews.start("1804", 2026, "timer")).thenReturn(Optional.empty());
    assertThat(at("2027-02-01T07:00:00Z").startDue()).containsExactly("LG-2026-1806");
  }
}
