package no.carepath.followup.readings;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.VitalSign;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deviations are episodes, not single readings: while a patient has an OPEN deviation, new
 * deviating readings attach to it and can raise yellow to red; otherwise a new one opens. At most
 * one is open per episode (a partial unique index), so concurrent requests cannot open two. The
 * engine learns of a new or raised deviation from {@link DeviationSignals}, after commit.
 */
@Component
public class Deviations {

  /** Something about deviations changed that the engine has not seen yet. */
  public record Changed() {
  }

  /** What happened to the patient's open deviation. */
  public enum Effect { OPENED, ATTACHED, RAISED }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM. 'kl.' HH:mm");
  private static final int SUMMARY_LENGTH = 1000;

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ZoneId zone;

  Deviations(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
    this.zone = clock.getZone();
  }

  /**
   * Records new deviating readings of one episode, in the caller's transaction.
   *
   * @return the deviation they belong to and what happened to it
   */
  public Outcome record(String episodeId, List<StoredReading> deviating) {
    Colour colour = deviating.stream().map(reading -> reading.interpretation().colour()).reduce(Colour.GREEN, Colour::max);
    String text = describe(deviating);
    Outcome outcome = attachOrOpen(episodeId, "READING", colour, text, deviating.size(), null);
    for (StoredReading reading : deviating) {
      jdbc.sql("insert into followup_deviation_reading (deviation_id, reading_id) values (:d, :r) on conflict do nothing")
          .param("d", outcome.deviationId()).param("r", reading.id()).update();
    }
    return outcome;
  }

  /** Opens (or adds to) a deviation that is not about a reading: a missed measurement, NEWS2. */
  public Outcome recordOther(String episodeId, String kind, Colour colour, String text, short[] missedSigns) {
    return attachOrOpen(episodeId, kind, colour, text, 0, missedSigns);
  }

  public record Outcome(String deviationId, Effect effect, Colour colour) {
  }

  private Outcome attachOrOpen(String episodeId, String kind, Colour colour, String text, int readings,
      short[] missedSigns) {
    Instant now = clock.instant();
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Open> open = jdbc.sql("""
              select deviation_id, colour, summary from followup_deviation
              where episode_id = :episodeId and status = 'OPEN' for update
              """)
          .param("episodeId", episodeId)
          .query((row, n) -> new Open(row.getString("deviation_id"), Colour.valueOf(row.getString("colour")),
              row.getString("summary")))
          .optional();
      if (open.isPresent()) {
        Colour raised = Colour.max(open.get().colour(), colour);
        boolean isRaise = raised != open.get().colour();
        jdbc.sql("""
                update followup_deviation set colour = :colour, reading_count = reading_count + :readings,
                  summary = :summary, raised_at = case when :raise then :now else raised_at end
                where deviation_id = :id
                """)
            .param("colour", raised.name()).param("readings", readings)
            .param("summary", truncate(open.get().summary() + "; " + text)).param("raise", isRaise)
            .param("now", Timestamp.from(now)).param("id", open.get().deviationId())
            .update();
        if (isRaise) {
          events.publishEvent(new Changed());
        }
        return new Outcome(open.get().deviationId(), isRaise ? Effect.RAISED : Effect.ATTACHED, raised);
      }
      String deviationId = String.format("AVV-%d-%06d", Year.now(clock).getValue(),
          jdbc.sql("select nextval('followup_deviation_number')").query(Long.class).single());
      int inserted = jdbc.sql("""
              insert into followup_deviation (deviation_id, episode_id, kind, colour, status, summary, reading_count,
                missed_signs, opened_at)
              values (:id, :episodeId, :kind, :colour, 'OPEN', :summary, :readings, cast(:missed as smallint[]), :now)
              on conflict (episode_id) where status = 'OPEN' do nothing
              """)
          .param("id", deviationId).param("episodeId", episodeId).param("kind", kind).param("colour", colour.name())
          .param("summary", truncate(text)).param("readings", readings).param("missed", arrayLiteral(missedSigns))
          .param("now", Timestamp.from(now))
          .update();
      if (inserted == 1) {
        events.publishEvent(new Changed());
        return new Outcome(deviationId, Effect.OPENED, colour);
      }
      // another request opened one a moment ago: attach to it
    }
    throw new IllegalStateException("Could not open or attach a deviation for episode " + episodeId);
  }

  private record Open(String deviationId, Colour colour, String summary) {
  }

  /** "Oksygenmetning 86 % (rød) 30.11. kl. 08:12, Puls 118 /min (gul) 30.11. kl. 08:12". */
  public String describe(Collection<StoredReading> readings) {
    return readings.stream()
        .map(reading -> describe(reading) + " (" + reading.interpretation().colour().label() + ") "
            + TIME.format(reading.measuredAt().atZone(zone)))
        .collect(Collectors.joining(", "));
  }

  /**
   * "Blodsukker 6,7 mmol/L", "Vekt 70 kg (sendt som 154,3 [lb_av])": the value as stored, with the
   * precision it came with and a decimal comma; a value sent in another unit also as sent.
   */
  public static String describe(StoredReading reading) {
    String stored = describe(reading.sign(), reading.exact());
    return reading.sentUnit() == null ? stored
        : stored + " (sendt som " + ObservationMapper.format(reading.sentValue()) + " " + reading.sentUnit() + ")";
  }

  public static String describe(VitalSign sign, java.math.BigDecimal value) {
    if (sign == VitalSign.CONSCIOUSNESS) {
      return sign.label() + " " + VitalSign.Consciousness.values()[value.intValue()].label().toLowerCase();
    }
    return sign.label() + " " + ObservationMapper.format(value) + " " + sign.unitLabel();
  }

  private static String arrayLiteral(short[] values) {
    if (values == null) {
      return null;
    }
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      literal.append(i == 0 ? "" : ",").append(values[i]);
    }
    return literal.append('}').toString();
  }

  private static String truncate(String text) {
    return text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 1) + "…";
  }
}
