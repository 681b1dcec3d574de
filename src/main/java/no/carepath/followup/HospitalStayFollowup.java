package no.carepath.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.VitalSign;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a hospital stay does to digital home follow-up: admission pauses it (no missed-measurement
 * alarms while the patient is in hospital), discharge resumes it, the admission report to the
 * hospital is written from the plan and the recent readings, and a first assessment after
 * discharge can ask for a new plan version.
 */
@Service
public class HospitalStayFollowup {

  /** The start of {@code pause_reason} that marks a pause as a hospital stay. */
  static final String HOSPITAL_PAUSE = "Innlagt på sykehus";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM. 'kl.' HH:mm");

  private final EpisodeStore episodes;
  private final PlanStore plans;
  private final DeviationStore deviations;
  private final ReadingStore readings;
  private final FollowupProcess process;
  private final RuntimeService runtime;
  private final no.carepath.patient.PatientService patients;
  private final Clock clock;

  HospitalStayFollowup(EpisodeStore episodes, PlanStore plans, DeviationStore deviations, ReadingStore readings,
      FollowupProcess process, RuntimeService runtime, no.carepath.patient.PatientService patients, Clock clock) {
    this.episodes = episodes;
    this.plans = plans;
    this.deviations = deviations;
    this.readings = readings;
    this.process = process;
    this.runtime = runtime;
    this.patients = patients;
    this.clock = clock;
  }

  /**
   * The patient was admitted. Follow-up that is active is paused until the planned discharge (or
   * for 14 days when none is given, after which a nurse checks the status); during the trial period
   * the episode is only put on hold, so no missed-measurement alarm goes off.
   */
  @Transactional
  public void admitted(String episodeId, String hospitalName, LocalDate plannedDischarge) {
    EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
    LocalDate until = plannedDischarge != null && plannedDischarge.isAfter(LocalDate.now(clock))
        ? plannedDischarge.plusDays(1) : LocalDate.now(clock).plusDays(14);
    String reason = HOSPITAL_PAUSE + " (" + hospitalName + ")";
    if ("ACTIVE".equals(episode.status())) {
      episodes.pause(episodeId, until, reason);
      if (process.isWaitingFor(episodeId, FollowupVariables.MESSAGE_PAUSE_REQUESTED)) {
        process.correlate(episodeId, FollowupVariables.MESSAGE_PAUSE_REQUESTED);
      }
      note(episodeId, "ADMITTED", "Innlagt på " + hospitalName + ". Oppfølgingen er satt på pause (ingen varsler om"
          + " manglende målinger) til pasienten er utskrevet.");
    } else {
      note(episodeId, "ADMITTED", "Innlagt på " + hospitalName + ".");
    }
  }

  /** The patient was discharged: a hospital pause ends and follow-up goes on. */
  @Transactional
  public void discharged(String episodeId, String hospitalName) {
    EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
    boolean hospitalPause = "ON_HOLD".equals(episode.status()) && episode.pauseReason() != null
        && episode.pauseReason().startsWith(HOSPITAL_PAUSE);
    if (hospitalPause) {
      episodes.resume(episodeId);
      if (process.isWaitingFor(episodeId, FollowupVariables.MESSAGE_RESUME_REQUESTED)) {
        process.correlate(episodeId, FollowupVariables.MESSAGE_RESUME_REQUESTED);
      }
    }
    note(episodeId, "DISCHARGED", "Utskrevet fra " + hospitalName + "." + (hospitalPause
        ? " Oppfølgingen er gjenopptatt; målinger ventes igjen etter planen." : ""));
  }

  /** Whether the episode is paused for a hospital stay now. */
  public boolean pausedForHospital(String episodeId) {
    return episodes.find(episodeId).map(row -> "ON_HOLD".equals(row.status()) && row.pauseReason() != null
        && row.pauseReason().startsWith(HOSPITAL_PAUSE)).orElse(false);
  }

  /**
   * The municipality's admission report (innleggelsesrapport) from digital home follow-up: what
   * the service is, the plan in force, the last readings of each sign in the past seven days and
   * open deviations, and whom to contact. No national ID: the message carries the patient.
   */
  public Map<String, Object> admissionReport(String episodeId) {
    EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("service", "Digital hjemmeoppfølging");
    report.put("followedUpSince", episode.enrolledAt() == null ? null
        : LocalDate.ofInstant(episode.enrolledAt(), clock.getZone()).toString());
    report.put("phase", switch (episode.phase() == null ? "" : episode.phase()) {
      case "TRIAL" -> "Prøveperiode (normalverdier etableres)";
      case "FOLLOW_UP" -> "Aktiv oppfølging etter egenbehandlingsplan";
      default -> "Oppstart";
    });
    plans.active(episodeId).ifPresent(plan -> {
      Map<String, Object> planned = new LinkedHashMap<>();
      planned.put("version", plan.version());
      planned.put("whatMatters", plan.whatMatters());
      planned.put("goal", plan.goal());
      planned.put("interventions", plan.interventions());
      planned.put("thresholds", plan.thresholds().stream().map(SendPlanToGpDelegate::describe).toList());
      report.put("plan", planned);
    });
    List<Map<String, Object>> recent = new ArrayList<>();
    if (episode.monitoringKey() != null) {
      Map<VitalSign, List<StoredReading>> bySign = readings.since(episode.monitoringKey(),
              clock.instant().minus(Duration.ofDays(7))).stream()
          .collect(Collectors.groupingBy(StoredReading::sign));
      bySign.forEach((sign, values) -> values.stream().sorted(Comparator.comparing(StoredReading::measuredAt).reversed())
          .limit(3).forEach(reading -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sign", sign.label());
            line.put("value", no.carepath.followup.readings.ObservationMapper.format(reading.exact()) + " " + sign.unitLabel());
            line.put("colour", reading.interpretation().colour().label());
            line.put("measured", TIME.format(reading.measuredAt().atZone(clock.getZone())));
            recent.add(line);
          }));
    }
    report.put("recentReadings", recent);
    report.put("openDeviations", deviations.ofEpisode(episodeId, 20).stream().filter(d -> "OPEN".equals(d.status()))
        .map(DeviationStore.DeviationRow::summary).toList());
    Map<String, Object> gp = new HashMap<>();
    gp.put("name", episode.gpName());
    gp.put("hprNumber", episode.gpHprNumber());
    report.put("gp", gp);
    report.put("contact", "Digital hjemmeoppfølging, sykepleietjenesten");
    return report;
  }

  /** A nurse found at the first assessment after discharge that the plan must change: a new version goes to the GP. */
  @Transactional
  public void revisePlanAfterDischarge(String episodeId, String reasonText) {
    EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
    Map<String, Object> variables = new HashMap<>();
    variables.put(FollowupVariables.EPISODE_ID, episodeId);
    variables.put(FollowupVariables.MUNICIPALITY_NUMBER, episode.municipalityNumber());
    variables.put(FollowupVariables.PATIENT_LABEL, patients.label(episode.patientId()));
    variables.put(FollowupVariables.PATIENT_ID, episode.patientId().toString());
    variables.put(FollowupVariables.GP_NAME, episode.gpName());
    variables.put(FollowupVariables.GP_HPR_NUMBER, episode.gpHprNumber());
    variables.put(FollowupVariables.PLAN_REASON, "DISCHARGE");
    variables.put(FollowupVariables.PLAN_REASON_TEXT, reasonText);
    runtime.createProcessInstanceByKey(FollowupVariables.PLAN_REVISION_PROCESS).businessKey(episodeId)
        .setVariables(variables).execute();
  }

  private void note(String episodeId, String kind, String text) {
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), kind, text);
  }

}
