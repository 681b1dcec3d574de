package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import no.carepath.followup.triage.AlarmPreview.Counts;
import no.carepath.followup.triage.AlarmPreview.Reading;
import org.junit.jupiter.api.Test;

class AlarmPreviewTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final AlarmPreview.Deadlines DEADLINES =
      new AlarmPreview.Deadlines(Duration.ofMinutes(30), LocalTime.of(23, 59), OSLO);
  /** Monday 23 November 2026, 08:00 in Oslo. */
  private static final Instant MORNING = Instant.parse("2026-11-23T07:00:00Z");
  private static final ThresholdSet PULSE = ThresholdSet.of(List.of(),
      List.of(new Thresholds(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0)));

  @Test
  void readingsWithinTheLimitsRaiseNothing() {
    Counts counts = AlarmPreview.count(List.of(pulse(72, 0), pulse(90, 60), pulse(51, 120)), PULSE, DEADLINES);

    assertThat(counts).isEqualTo(new Counts(3, 0, 0, 0, 0, java.util.Map.of()));
  }

  @Test
  void readingsMeasuredTogetherAreOneDeviationOfTheWorstColour() {
    Counts counts = AlarmPreview.count(List.of(pulse(135, 0), new Reading(VitalSign.PULSE, 95, MORNING)), PULSE,
        DEADLINES);

    assertThat(counts.red()).isEqualTo(1);
    assertThat(counts.yellow()).isZero();
    assertThat(counts.redReadings()).isEqualTo(1);
    assertThat(counts.yellowReadings()).isEqualTo(1);
    assertThat(counts.bySign()).containsEntry(VitalSign.PULSE, new AlarmPreview.SignCount(1, 1));
  }

  @Test
  void aYellowDeviationCollectsTheDaysYellowReadingsAndANewDayOpensANewOne() {
    // 08:00, 12:00, 16:00 yellow the same day: one task due at 23:59; the next morning a new one
    Counts counts = AlarmPreview.count(List.of(pulse(95, 0), pulse(96, 240), pulse(97, 480), pulse(95, 24 * 60)),
        PULSE, DEADLINES);

    assertThat(counts.yellow()).isEqualTo(2);
    assertThat(counts.yellowReadings()).isEqualTo(4);
  }

  @Test
  void aRedReadingWhileAYellowIsOpenRaisesItAndCountsOnceAsRed() {
    Counts counts = AlarmPreview.count(List.of(pulse(95, 0), pulse(140, 60)), PULSE, DEADLINES);

    assertThat(counts.red()).isEqualTo(1);
    assertThat(counts.yellow()).isZero();
  }

  @Test
  void redReadingsWithinTheResponseTimeJoinTheOpenRedAndLaterOnesOpenANewOne() {
    Counts counts = AlarmPreview.count(List.of(pulse(140, 0), pulse(141, 20), pulse(142, 30), pulse(140, 90)),
        PULSE, DEADLINES);

    // 08:00 opens, 08:20 joins, 08:30 is the deadline (closed), 09:30 opens again
    assertThat(counts.red()).isEqualTo(3);

    AlarmPreview.Deadlines narvik = new AlarmPreview.Deadlines(Duration.ofMinutes(20), LocalTime.of(23, 59), OSLO);
    assertThat(AlarmPreview.count(List.of(pulse(140, 0), pulse(141, 20)), PULSE, narvik).red()).isEqualTo(2);
  }

  @Test
  void aYellowAfterTheDaysDueTimeIsDueAtTheEndOfTheDay() {
    AlarmPreview.Deadlines fourPm = new AlarmPreview.Deadlines(Duration.ofMinutes(30), LocalTime.of(16, 0), OSLO);

    // 08:00 yellow is due 16:00; 17:00 opens a new one, due 23:59, which 22:00 joins
    Counts counts = AlarmPreview.count(List.of(pulse(95, 0), pulse(95, 9 * 60), pulse(95, 14 * 60)), PULSE, fourPm);

    assertThat(counts.yellow()).isEqualTo(2);
  }

  @Test
  void everyReadingIsClassifiedAsTriageClassifiesIt() {
    Random random = new Random(7);
    ThresholdSet set = ThresholdSet.of(List.of(new Thresholds(VitalSign.SPO2, 90.0, 92.0, null, null)),
        List.of(new Thresholds(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0)));
    for (int run = 0; run < 200; run++) {
      List<Reading> readings = new ArrayList<>();
      int red = 0;
      int yellow = 0;
      for (int i = 0; i < 50; i++) {
        VitalSign sign = random.nextBoolean() ? VitalSign.PULSE : VitalSign.SPO2;
        double value = sign == VitalSign.PULSE ? 30 + random.nextInt(120) : 80 + random.nextInt(21);
        readings.add(new Reading(sign, value, MORNING.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 14)))));
        Colour colour = set.classify(sign, value).colour();
        red += colour == Colour.RED ? 1 : 0;
        yellow += colour == Colour.YELLOW ? 1 : 0;
      }
      Counts counts = AlarmPreview.count(readings, set, DEADLINES);
      assertThat(counts.redReadings()).isEqualTo(red);
      assertThat(counts.yellowReadings()).isEqualTo(yellow);
      assertThat(counts.red() + counts.yellow()).isBetween(red + yellow == 0 ? 0 : 1, red + yellow);
      assertThat(counts.red()).isLessThanOrEqualTo(red);
    }
  }

  private static Reading pulse(double value, int minutesAfterMorning) {
    return new Reading(VitalSign.PULSE, value, MORNING.plus(Duration.ofMinutes(minutesAfterMorning)));
  }
}
