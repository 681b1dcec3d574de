package no.carepath.followup;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.AlarmPreview;
import no.carepath.followup.triage.ClinicalFloor;
import no.carepath.followup.triage.ClinicalFloors;
import no.carepath.followup.triage.ThresholdProposal;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import org.springframework.stereotype.Component;

/**
 * What a nurse sees about thresholds before she sends a plan to the GP: the municipality's clinical
 * floors (which no proposal goes below, and which her own limits go below only with a reason), and how
 * many red and yellow alarms a set of thresholds would have raised on the patient's stored readings over
 * the trial period and the last 30 days ({@link AlarmPreview}, counted as triage and the deviation
 * pipeline would). The default thresholds must not be tighter than any municipality's floors: checked at
 * start-up.
 */
@Component
class ThresholdPreviews {

  static final Duration RECENT = Duration.ofDays(30);

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy");

  private final ClinicalFloorProperties floors;
  private final FollowupProperties properties;
  private final Clock clock;
  private final PreviewsShown shown;

  ThresholdPreviews(ClinicalFloorProperties floors, FollowupProperties properties, Clock clock, PreviewsShown shown) {
    this.floors = floors;
    this.properties = properties;
    this.clock = clock;
    this.shown = shown;
    List<String> tooTight = new ArrayList<>(floors.forMunicipality(null).defaultsTighterThanFloors(properties.defaults()));
    floors.clinicalFloorsByMunicipality().keySet().forEach(number -> floors.forMunicipality(number)
        .defaultsTighterThanFloors(properties.defaults()).forEach(problem -> tooTight.add(number + " " + problem)));
    if (!tooTight.isEmpty()) {
      throw new IllegalStateException("carepath.followup.default-thresholds are tighter than the clinical floors: "
          + tooTight);
    }
  }

  ClinicalFloors floors(String municipalityNumber) {
    return floors.forMunicipality(municipalityNumber);
  }

  /** The patient's median per sign, from at least {@value ThresholdProposal#MIN_READINGS} readings of it. */
  static Map<VitalSign, Double> medians(Collection<StoredReading> readings) {
    Map<VitalSign, List<Double>> values = new EnumMap<>(VitalSign.class);
    readings.forEach(reading -> values.computeIfAbsent(reading.sign(), sign -> new ArrayList<>()).add(reading.value()));
    Map<VitalSign, Double> medians = new EnumMap<>(VitalSign.class);
    values.forEach((sign, list) -> ThresholdProposal.median(sign, list).ifPresent(median -> medians.put(sign, median)));
    return medians;
  }

  /**
   * The medians the floors' margins are measured from: of the last 30 days when a sign has enough
   * readings there, otherwise of the whole episode.
   */
  Map<VitalSign, Double> recentMedians(List<StoredReading> episodeReadings) {
    Instant since = clock.instant().minus(RECENT);
    Map<VitalSign, Double> medians = medians(episodeReadings);
    medians.putAll(medians(episodeReadings.stream().filter(reading -> !reading.measuredAt().isBefore(since)).toList()));
    return medians;
  }

  /**
   * Limits tighter than the floors, one sentence per sign with the floor's reason; empty when none is.
   */
  List<String> tighterThanFloors(String municipalityNumber, Collection<Thresholds> limits,
      Map<VitalSign, Double> medians) {
    ClinicalFloors municipal = floors(municipalityNumber);
    List<String> sentences = new ArrayList<>();
    for (Thresholds one : limits) {
      Optional<ClinicalFloor> floor = municipal.of(one.sign());
      if (floor.isEmpty()) {
        continue;
      }
      List<String> tighter = floor.get().tighterThan(one, medians.get(one.sign()));
      if (!tighter.isEmpty()) {
        sentences.add(one.sign().label() + ": " + String.join(", ", tighter) + ". Kommunens kliniske gulv er "
            + describe(floor.get()) + ", fordi " + sentence(floor.get().reason()));
      }
    }
    return sentences;
  }

  /** The thresholds triage would use with these plan limits: the plan's over the municipality's defaults. */
  ThresholdSet effective(Collection<Thresholds> planLimits) {
    return ThresholdSet.of(properties.defaults(), planLimits);
  }

  /**
   * The alarm preview of these thresholds on the episode's readings, as Markdown for the form's text
   * component.
   */
  String preview(EpisodeStore.EpisodeRow episode, ThresholdSet thresholds, List<StoredReading> episodeReadings) {
    AlarmPreview.Deadlines deadlines = new AlarmPreview.Deadlines(
        properties.redResponseTime(episode.municipalityNumber()), properties.yellowDueTime(), clock.getZone());
    Instant now = clock.instant();
    StringBuilder text = new StringBuilder("### Alarmer med disse grensene\n\n")
        .append("Talt opp fra pasientens lagrede målinger med grensene i skjemaet (og kommunens standardgrenser for")
        .append(" det planen ikke setter), slik triagen ville vurdert hver måling:\n\n");
    if (episode.enrolledAt() != null && episode.trialEndsAt() != null) {
      text.append(line("Prøveperioden", episode.enrolledAt(), episode.trialEndsAt(), episodeReadings, thresholds,
          deadlines));
    }
    text.append(line("Siste 30 dager", now.minus(RECENT), now, episodeReadings, thresholds, deadlines));
    long minutes = deadlines.redResponseTime().toMinutes();
    text.append("\nEt avvik er én oppgave til sykepleier. Avvikende målinger som kommer mens et avvik er åpent,")
        .append(" legges til det, og et gult avvik som får en rød måling blir rødt (telles som rødt). Tellingen")
        .append(" antar at hvert avvik er vurdert ved fristen (rødt innen ").append(minutes)
        .append(" minutter, gult samme dag): vurderes de tidligere, blir det flere. «Måling ikke rapportert» og")
        .append(" NEWS2 avhenger ikke av grensene og er ikke med.");
    return text.toString();
  }

  private static String line(String label, Instant from, Instant to, List<StoredReading> episodeReadings,
      ThresholdSet thresholds, AlarmPreview.Deadlines deadlines) {
    List<AlarmPreview.Reading> window = episodeReadings.stream()
        .filter(reading -> !reading.measuredAt().isBefore(from) && !reading.measuredAt().isAfter(to))
        .map(reading -> new AlarmPreview.Reading(reading.sign(), reading.value(), reading.measuredAt()))
        .toList();
    String period = " (" + DATE.format(from.atZone(deadlines.zone())) + "–" + DATE.format(to.atZone(deadlines.zone()));
    if (window.isEmpty()) {
      return "- **" + label + "**" + period + "): ingen målinger.\n";
    }
    AlarmPreview.Counts counts = AlarmPreview.count(window, thresholds, deadlines);
    StringBuilder line = new StringBuilder("- **").append(label).append("**").append(period).append(", ")
        .append(counts.readings()).append(" målinger): **").append(counts.red()).append(" røde** og **")
        .append(counts.yellow()).append(" gule** avvik");
    if (!counts.bySign().isEmpty()) {
      line.append(", fra ").append(counts.redReadings()).append(" røde og ").append(counts.yellowReadings())
          .append(" gule målinger (")
          .append(counts.bySign().entrySet().stream()
              .map(sign -> sign.getKey().label() + " " + sign.getValue().red() + " røde, " + sign.getValue().yellow()
                  + " gule")
              .collect(Collectors.joining("; ")))
          .append(')');
    }
    return line.append(".\n").toString();
  }

  /**
   * Names the thresholds triage would use, so that a submission can be compared with what the nurse saw
   * a preview of: a SHA-256 over every sign's four effective limits.
   */
  static String fingerprint(ThresholdSet thresholds) {
    StringBuilder text = new StringBuilder();
    for (VitalSign sign : VitalSign.values()) {
      Thresholds limits = thresholds.forSign(sign).orElse(new Thresholds(sign, null, null, null, null));
      text.append(sign.name()).append(':').append(plain(limits.redBelow())).append('/')
          .append(plain(limits.yellowBelow())).append('/').append(plain(limits.yellowAbove())).append('/')
          .append(plain(limits.redAbove())).append(';');
    }
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the nurse has been shown the preview of these thresholds for this task already. */
  boolean wasShown(String taskId, String fingerprint) {
    return shown.contains(taskId, fingerprint);
  }

  /** Remembers that she was, whatever becomes of the submission that showed it (its own transaction). */
  void markShown(String taskId, String fingerprint) {
    shown.add(taskId, fingerprint);
  }

  void forget(String taskId) {
    shown.removeTask(taskId);
  }

  /** The preview as one paragraph of plain text, for a message. */
  static String plain(String markdown) {
    return markdown.replaceFirst("^### [^\n]*\n+", "").replace("**", "").replaceAll("(?m)^- ", "")
        .replaceAll("\\s*\n\\s*", " ").strip();
  }

  static String describe(ClinicalFloor floor) {
    String absolute = floor.describeAbsolute();
    return (absolute.isEmpty() ? "" : absolute + "; ") + floor.describeMargins();
  }

  private static String sentence(String text) {
    String stripped = text.strip();
    return stripped.endsWith(".") ? stripped : stripped + ".";
  }

  private static String plain(Double value) {
    return value == null ? "-" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
