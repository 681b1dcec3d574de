package no.carepath.followup.triage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many alarms thresholds would have raised on readings already stored: what the nurse needs to see
 * before she sends a plan to the GP. Each reading is classified by {@link ThresholdSet#classify}, the
 * call triage makes on ingestion, and the deviating ones are turned into deviations as the deviation
 * pipeline does ({@code followup.readings.Deviations}): a deviation is an episode, not a reading. Readings
 * measured at the same moment arrive together and open or join one deviation; while a deviation is open,
 * new deviating readings join it, and a red one raises a yellow deviation to red. When it closes depends
 * on the nurse; the preview assumes she closes it at its deadline (red after the response time, yellow at
 * the day's due time), the fewest alarms the pipeline could raise, not the most. A yellow deviation raised
 * to red counts once, as red. Missed measurements and NEWS2 do not depend on these thresholds and are not
 * counted.
 */
public final class AlarmPreview {

  /** One stored reading. */
  public record Reading(VitalSign sign, double value, Instant measuredAt) {
  }

  /** When deviations close, as the deviation process's deadlines say. */
  public record Deadlines(Duration redResponseTime, LocalTime yellowDueTime, ZoneId zone) {

    Instant closes(Colour colour, Instant openedAt) {
      if (colour == Colour.RED) {
        return openedAt.plus(redResponseTime);
      }
      // as FollowupDeadlines.yellowDeviation: the same day at the due time, or at the end of the day
      ZonedDateTime at = openedAt.atZone(zone);
      ZonedDateTime due = at.toLocalDate().atTime(yellowDueTime).atZone(zone);
      return (due.isAfter(at) ? due : at.toLocalDate().atTime(LocalTime.of(23, 59)).atZone(zone)).toInstant();
    }
  }

  /**
   * What the thresholds would have raised.
   *
   * @param readings readings looked at
   * @param red red deviations (tasks due within the response time)
   * @param yellow yellow deviations (tasks due the same day)
   * @param redReadings readings that were red
   * @param yellowReadings readings that were yellow
   * @param bySign deviating readings per sign, red and yellow, for the signs that had any
   */
  public record Counts(int readings, int red, int yellow, int redReadings, int yellowReadings,
      Map<VitalSign, SignCount> bySign) {
  }

  /** Deviating readings of one sign. */
  public record SignCount(int red, int yellow) {
  }

  private AlarmPreview() {
  }

  public static Counts count(Collection<Reading> readings, ThresholdSet thresholds, Deadlines deadlines) {
    List<Reading> ordered = new ArrayList<>(readings);
    ordered.sort(Comparator.comparing(Reading::measuredAt));
    int red = 0;
    int yellow = 0;
    int redReadings = 0;
    int yellowReadings = 0;
    Map<VitalSign, int[]> bySign = new EnumMap<>(VitalSign.class);
    Colour open = null;
    Instant closes = null;
    for (int i = 0; i < ordered.size(); ) {
      Instant at = ordered.get(i).measuredAt();
      Colour colour = Colour.GREEN;
      for (; i < ordered.size() && ordered.get(i).measuredAt().equals(at); i++) {
        Reading reading = ordered.get(i);
        Colour one = thresholds.classify(reading.sign(), reading.value()).colour();
        if (one.isDeviation()) {
          int[] count = bySign.computeIfAbsent(reading.sign(), sign -> new int[2]);
          count[one == Colour.RED ? 0 : 1]++;
          if (one == Colour.RED) {
            redReadings++;
          } else {
            yellowReadings++;
          }
        }
        colour = Colour.max(colour, one);
      }
      if (!colour.isDeviation()) {
        continue;
      }
      if (open != null && at.isBefore(closes)) {
        if (colour == Colour.RED && open == Colour.YELLOW) {
          // raised: the yellow task turns red, due within the response time
          yellow--;
          red++;
          open = Colour.RED;
          closes = deadlines.closes(Colour.RED, at);
        }
        continue;
      }
      open = colour;
      closes = deadlines.closes(colour, at);
      if (colour == Colour.RED) {
        red++;
      } else {
        yellow++;
      }
    }
    Map<VitalSign, SignCount> signs = new EnumMap<>(VitalSign.class);
    bySign.forEach((sign, count) -> signs.put(sign, new SignCount(count[0], count[1])));
    return new Counts(ordered.size(), red, yellow, redReadings, yellowReadings, Collections.unmodifiableMap(signs));
  }
}
