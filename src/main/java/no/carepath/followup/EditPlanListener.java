package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.followup.readings.Enrollments;
import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.ThresholdProposal;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;

/**
 * Task_EditPlan. On create, the form is filled in for the nurse: at the end of the trial period
 * with thresholds proposed from the trial readings (and why), never tighter than the municipality's
 * clinical floors, otherwise with the plan in force; a version the GP turned down comes back with the
 * GP's comment. The form shows how many red and yellow alarms the thresholds it opens with would have
 * raised over the trial period and the last 30 days ({@link ThresholdPreviews}). On complete, the six
 * fields, the schedule and the thresholds are checked and stored as a new version that waits for the
 * GP. Limits tighter than a floor need a reason for the GP; thresholds other than those previewed are
 * refused once, with the preview of hers, and accepted when she submits them again.
 */
@Component
class EditPlanListener implements TaskListener {

  static final int DEFAULT_EVALUATION_DAYS = 30;

  private final EpisodeStore episodes;
  private final PlanStore plans;
  private final ReadingStore readings;
  private final Enrollments enrollments;
  private final ThresholdPreviews previews;

  EditPlanListener(EpisodeStore episodes, PlanStore plans, ReadingStore readings, Enrollments enrollments,
      ThresholdPreviews previews) {
    this.episodes = episodes;
    this.plans = plans;
    this.readings = readings;
    this.enrollments = enrollments;
    this.previews = previews;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      prefill(task);
    } else {
      store(task);
    }
  }

  private void prefill(DelegateTask task) {
    String episodeId = (String) task.getVariable(EPISODE_ID);
    EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
    StringBuilder context = new StringBuilder();
    Optional<PlanStore.Plan> previous = Optional.empty();
    Object sent = task.getVariable(PLAN_ID);
    if (sent != null) {
      // back from the GP: that version was turned down
      PlanStore.Plan turnedDown = plans.get(UUID.fromString((String) sent));
      String comment = (String) task.getVariable(GP_ANSWER);
      plans.reject(turnedDown.planId(), comment);
      context.append("**Fastlegen godkjente ikke versjon ").append(turnedDown.version()).append("**: ")
          .append(comment == null ? "(ingen kommentar)" : comment).append("\n\n");
      previous = Optional.of(turnedDown);
    }
    if (previous.isEmpty()) {
      previous = plans.active(episodeId);
    }
    String reason = (String) task.getVariable(PLAN_REASON);
    Map<VitalSign, Thresholds> thresholds = new EnumMap<>(VitalSign.class);
    enrollments.defaults().forEach(limits -> thresholds.put(limits.sign(), limits));
    previous.ifPresent(plan -> plan.thresholds().forEach(limits -> thresholds.put(limits.sign(), limits)));
    // every reading of the episode (its monitoring key is its own), also those sent late for days before
    List<StoredReading> episodeReadings = episodeReadings(episode);
    boolean proposed = false;
    if ("TRIAL_ENDED".equals(reason) && sent == null && episode.enrolled()) {
      proposed = true;
      context.append("**Prøveperioden er over.** Terskelverdiene under er foreslått ut fra pasientens målinger i"
          + " prøveperioden, og ingen er strammere enn kommunens kliniske gulv. Vurder dem, og juster ved behov, før"
          + " planen sendes fastlegen.\n\n");
      Map<VitalSign, List<Double>> trial = new EnumMap<>(VitalSign.class);
      for (StoredReading reading : episodeReadings) {
        trial.computeIfAbsent(reading.sign(), sign -> new ArrayList<>()).add(reading.value());
      }
      for (ThresholdProposal.Proposal proposal
          : ThresholdProposal.propose(trial, previews.floors(episode.municipalityNumber()))) {
        if (PLAN_SIGNS.containsKey(proposal.sign())) {
          thresholds.put(proposal.sign(), proposal.thresholds());
          context.append("- ").append(proposal.explanation()).append('\n');
        }
      }
      trial.forEach((sign, values) -> {
        if (values.size() < ThresholdProposal.MIN_READINGS && PLAN_SIGNS.containsKey(sign)) {
          context.append("- ").append(sign.label()).append(": bare ").append(values.size())
              .append(" målinger; kommunens standardgrenser er fylt inn.\n");
        }
      });
    } else if ("DEVIATION".equals(reason)) {
      context.append("**Justering etter avvik**: ").append(String.valueOf(task.getVariable(PLAN_REASON_TEXT)))
          .append("\n");
    } else if ("EVALUATION".equals(reason)) {
      context.append("**Justering etter evaluering.**\n");
    } else if ("DISCHARGE".equals(reason)) {
      context.append("**Justering etter sykehusopphold**: ").append(String.valueOf(task.getVariable(PLAN_REASON_TEXT)))
          .append("\n");
    }
    PlanStore.Plan plan = previous.orElse(null);
    List<VitalSign> measured = (plan == null ? episode.measuredSigns() : plan.measuredSigns()).stream()
        .filter(PLAN_SIGNS::containsKey).toList();
    List<Thresholds> planLimits = measured.stream().map(thresholds::get).filter(java.util.Objects::nonNull).toList();
    if (!proposed) {
      // limits carried over from a plan (perhaps from before the floors) are not widened behind the nurse's back
      List<String> tighter = previews.tighterThanFloors(episode.municipalityNumber(), planLimits,
          previews.recentMedians(episodeReadings));
      if (!tighter.isEmpty()) {
        context.append("\n\n**Grenser strammere enn kommunens kliniske gulv.** Vurder dem; beholder du dem, skriv"
            + " hvorfor i «Begrunnelse for endringen».\n\n");
        tighter.forEach(sentence -> context.append("- ").append(sentence).append('\n'));
      }
    }
    task.setVariableLocal(PLAN_CONTEXT, context.toString().strip());
    ThresholdSet effective = previews.effective(planLimits);
    task.setVariableLocal(ALARM_PREVIEW, previews.preview(episode, effective, episodeReadings));
    task.setVariableLocal(ALARM_PREVIEW_FOR, ThresholdPreviews.fingerprint(effective));
    // the fields go to the revision's own process scope: the Tasklist and the REST API both submit there
    org.camunda.bpm.engine.delegate.DelegateExecution fields = task.getExecution();
    fields.setVariable(WHAT_MATTERS, plan == null ? null : plan.whatMatters());
    fields.setVariable(GOAL, plan == null ? null : plan.goal());
    fields.setVariable(SUB_GOALS, plan == null ? null : plan.subGoals());
    fields.setVariable(INTERVENTIONS, plan == null ? null : plan.interventions());
    fields.setVariable(PLAN_EVALUATION, plan == null ? null : plan.evaluation());
    fields.setVariable(CHANGED_NEEDS, plan == null ? null : plan.changedNeeds());
    // JSON, as a checklist submits it
    fields.setVariable(MEASURED_SIGNS, Spin.JSON(signNames(measured)));
    Duration interval = plan == null ? episode.readingInterval() : plan.readingInterval();
    fields.setVariable(READINGS_PER_DAY, String.valueOf(Math.max(1, Duration.ofDays(1).dividedBy(interval))));
    fields.setVariable(EVALUATION_INTERVAL_DAYS,
        plan == null ? DEFAULT_EVALUATION_DAYS : (int) plan.evaluationInterval().toDays());
    fields.setVariable(PLAN_CHANGE_REASON, null);
    PLAN_SIGNS.forEach((sign, prefix) -> {
      Thresholds limits = thresholds.get(sign);
      fields.setVariable(prefix + "RedBelow", limits == null ? null : limits.redBelow());
      fields.setVariable(prefix + "YellowBelow", limits == null ? null : limits.yellowBelow());
      fields.setVariable(prefix + "YellowAbove", limits == null ? null : limits.yellowAbove());
      fields.setVariable(prefix + "RedAbove", limits == null ? null : limits.redAbove());
    });
  }

  private void store(DelegateTask task) {
    String episodeId = (String) task.getVariable(EPISODE_ID);
    SubmittedForm form = SubmittedForm.of(task);
    String whatMatters = form.text(WHAT_MATTERS);
    String goal = form.text(GOAL);
    String subGoals = form.text(SUB_GOALS);
    String interventions = form.text(INTERVENTIONS);
    String evaluation = form.text(PLAN_EVALUATION);
    String changedNeeds = form.text(CHANGED_NEEDS);
    List<String> signNames = form.selection(MEASURED_SIGNS);
    Integer perDay = form.score(READINGS_PER_DAY);
    Integer evaluationDays = form.score(EVALUATION_INTERVAL_DAYS);
    String changeReason = form.text(PLAN_CHANGE_REASON);
    List<Thresholds> thresholds = new ArrayList<>();
    for (String name : signNames) {
      VitalSign sign = VitalSign.valueOf(name);
      String prefix = PLAN_SIGNS.get(sign);
      // each bound within what can be measured (the form's min and max); their order is checked here
      Double[] bounds = new Double[4];
      for (int i = 0; i < 4; i++) {
        bounds[i] = form.number(prefix + BOUNDS.get(i));
      }
      Thresholds limits = new Thresholds(sign, bounds[0], bounds[1], bounds[2], bounds[3]);
      limits.problems().forEach(form::problem);
      thresholds.add(limits);
    }
    if (form.valid()) {
      // the rest is in order: now what these thresholds mean
      checkAgainstFloorsAndPreview(task, form, thresholds, changeReason);
    }
    if (plans.awaitingGp(episodeId).isPresent()) {
      form.problem("En annen versjon av planen venter allerede på svar fra fastlegen. Vent på svaret, eller trekk"
          + " den versjonen tilbake fra purreoppgaven, før du lager en ny.");
    }
    form.throwIfInvalid();

    Duration interval = Duration.ofDays(1).dividedBy(perDay.longValue());
    PlanStore.Plan plan = plans.createAwaitingGp(episodeId, whatMatters, goal, subGoals, interventions, evaluation,
        changedNeeds, signNames.stream().map(VitalSign::valueOf).toList(), interval,
        Duration.ofDays(evaluationDays.longValue()), thresholds,
        reasonText((String) task.getVariable(PLAN_REASON), changeReason), Actor.current().id());
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "PLAN_WRITTEN",
        "Egenbehandlingsplan versjon " + plan.version() + " skrevet og sendt fastlegen til godkjenning.");
    task.getExecution().setVariable(PLAN_ID, plan.planId().toString());
    task.getExecution().setVariable(PLAN_VERSION, plan.version());
    task.getExecution().setVariable(PLAN_REMINDER_OUTCOME, null);
    previews.forget(task.getId());
  }

  /**
   * Limits tighter than the municipality's floors need a reason the GP reads; thresholds other than those
   * the form's preview was for are refused once, with the preview of hers, and pass when sent again.
   */
  private void checkAgainstFloorsAndPreview(DelegateTask task, SubmittedForm form, List<Thresholds> thresholds,
      String changeReason) {
    EpisodeStore.EpisodeRow episode = episodes.get((String) task.getVariable(EPISODE_ID));
    List<StoredReading> episodeReadings = episodeReadings(episode);
    List<String> tighter = previews.tighterThanFloors(episode.municipalityNumber(), thresholds,
        previews.recentMedians(episodeReadings));
    if (!tighter.isEmpty() && changeReason == null) {
      form.problem("Noen grenser er strammere enn kommunens kliniske gulv og kan gi alarmer på vanlige dager. "
          + String.join(" ", tighter) + " Løs dem opp, eller skriv i «Begrunnelse for endringen» hvorfor pasienten"
          + " trenger dem (fastlegen leser begrunnelsen).");
    }
    ThresholdSet effective = previews.effective(thresholds);
    String fingerprint = ThresholdPreviews.fingerprint(effective);
    if (!fingerprint.equals(task.getVariableLocal(ALARM_PREVIEW_FOR)) && !previews.wasShown(task.getId(), fingerprint)) {
      previews.markShown(task.getId(), fingerprint);
      form.problem("Du har endret terskelverdiene, så alarmtallene i skjemaet gjelder ikke lenger. Med dine grenser: "
          + ThresholdPreviews.plain(previews.preview(episode, effective, episodeReadings))
          + " Trykk «Fullfør» igjen for å sende planen med disse grensene, eller endre dem.");
    }
  }

  private List<StoredReading> episodeReadings(EpisodeStore.EpisodeRow episode) {
    return episode.enrolled() ? readings.since(episode.monitoringKey(), java.time.Instant.EPOCH) : List.of();
  }

  private static String reasonText(String reason, String changeReason) {
    String base = switch (reason == null ? "" : reason) {
      case "TRIAL_ENDED" -> "Første plan etter prøveperioden";
      case "DEVIATION" -> "Justert etter avvik";
      case "EVALUATION" -> "Justert etter evaluering";
      case "DISCHARGE" -> "Justert etter sykehusopphold";
      default -> "Ny versjon";
    };
    return changeReason == null ? base : base + ": " + changeReason;
  }
}
