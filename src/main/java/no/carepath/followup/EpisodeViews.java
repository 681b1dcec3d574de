package no.carepath.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import no.carepath.escalation.GpDialogue;
import no.carepath.followup.readings.Enrollments;
import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.News2;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.TimedValue;
import no.carepath.followup.triage.VitalSign;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a nurse sees of an episode outside the Tasklist: the patient, the plan in force and its
 * history, the readings of the last 14 days with NEWS2 when a complete set exists, deviations,
 * notes and dialogue messages. Reading one is written to the access log.
 */
@Service
class EpisodeViews {

  static final Duration READINGS_SHOWN = Duration.ofDays(14);

  record EpisodeSummary(String episodeId, String patientLabel, String municipalityNumber, String status, String phase,
      String openDeviationColour, Integer planVersion, Instant enrolledAt) {
  }

  record EpisodeView(EpisodeStore.EpisodeRow episode, Patient patient, List<EpisodeStore.Device> devices,
      Optional<PlanStore.Plan> activePlan, List<PlanStore.Plan> plans, List<StoredReading> readings,
      ThresholdSet thresholds, Optional<News2.Score> news2, List<DeviationStore.DeviationRow> deviations,
      List<EpisodeStore.Note> notes, List<GpDialogue.Message> dialogues) {
  }

  private final JdbcClient jdbc;
  private final EpisodeStore episodes;
  private final PlanStore plans;
  private final DeviationStore deviations;
  private final ReadingStore readings;
  private final Enrollments enrollments;
  private final PatientService patients;
  private final GpDialogue dialogue;
  private final FollowupProperties properties;
  private final Clock clock;

  EpisodeViews(JdbcClient jdbc, EpisodeStore episodes, PlanStore plans, DeviationStore deviations, ReadingStore readings,
      Enrollments enrollments, PatientService patients, GpDialogue dialogue, FollowupProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.episodes = episodes;
    this.plans = plans;
    this.deviations = deviations;
    this.readings = readings;
    this.enrollments = enrollments;
    this.patients = patients;
    this.dialogue = dialogue;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Open episodes of these municipalities, the most urgent first; names only, no national ID. The
   * names shown are written to the access log.
   */
  List<EpisodeSummary> list(Collection<String> municipalities) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    List<java.util.Map.Entry<java.util.UUID, EpisodeSummary>> listed = jdbc.sql("""
            select e.episode_id, e.patient_id, e.municipality_number, e.status, e.phase, e.enrolled_at,
              (select d.colour from followup_deviation d where d.episode_id = e.episode_id and d.status = 'OPEN') as open_colour,
              (select p.version from followup_plan p where p.episode_id = e.episode_id and p.status = 'ACTIVE') as plan_version
            from followup_episode e
            where e.municipality_number in (:municipalities) and e.status in ('PLANNED', 'ACTIVE', 'ON_HOLD')
            order by case (select d.colour from followup_deviation d where d.episode_id = e.episode_id and d.status = 'OPEN')
              when 'RED' then 0 when 'YELLOW' then 1 else 2 end, e.created_at desc
            limit 500
            """)
        .param("municipalities", List.copyOf(municipalities))
        .query((row, n) -> java.util.Map.entry(row.getObject("patient_id", java.util.UUID.class),
            new EpisodeSummary(row.getString("episode_id"),
            patients.label(row.getObject("patient_id", java.util.UUID.class)), row.getString("municipality_number"),
            row.getString("status"), row.getString("phase"), row.getString("open_colour"),
            (Integer) row.getObject("plan_version"),
            row.getTimestamp("enrolled_at") == null ? null : row.getTimestamp("enrolled_at").toInstant())))
        .list();
    patients.recordListRead(listed.stream().map(java.util.Map.Entry::getKey).toList(), "episode-list");
    return listed.stream().map(java.util.Map.Entry::getValue).toList();
  }

  /** The episode, if it belongs to one of these municipalities; the read is access-logged. */
  @Transactional
  Optional<EpisodeView> view(String episodeId, Collection<String> municipalities, String purpose) {
    return episodes.find(episodeId).filter(row -> municipalities.contains(row.municipalityNumber())).map(episode -> {
      Patient patient = patients.read(episode.patientId(), episode.caseId(), purpose);
      List<StoredReading> recent = episode.enrolled()
          ? readings.since(episode.monitoringKey(), clock.instant().minus(READINGS_SHOWN)) : List.of();
      ThresholdSet thresholds = ThresholdSet.of(enrollments.defaults(), enrollments.activePlanThresholds(episodeId));
      return new EpisodeView(episode, patient, episodes.devices(episodeId), plans.active(episodeId), plans.all(episodeId),
          recent, thresholds, news2(recent, episode.spo2Scale2()), deviations.ofEpisode(episodeId, 20),
          episodes.notes(episodeId), dialogue.ofEpisode(episodeId));
    });
  }

  /** NEWS2 from the newest reading of each of its seven parameters, when all are there and close in time. */
  Optional<News2.Score> news2(List<StoredReading> recent, boolean scale2) {
    Map<VitalSign, TimedValue> latest = new EnumMap<>(VitalSign.class);
    for (StoredReading reading : recent) {
      TimedValue known = latest.get(reading.sign());
      if (known == null || reading.measuredAt().isAfter(known.at())) {
        latest.put(reading.sign(), new TimedValue(reading.value(), reading.measuredAt()));
      }
    }
    return News2.of(latest, scale2, properties.news2Window());
  }
}
