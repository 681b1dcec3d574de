package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.util.UUID;
import java.util.stream.Collectors;

import no.carepath.escalation.GpDialogue;
import no.carepath.followup.readings.ObservationMapper;
import no.carepath.followup.triage.Thresholds;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendPlanToGp: writes the dialogue message that asks the GP to approve the plan
 * version (or, after a reminder task, the purring); it goes out through the outbox, in this step's transaction.
 */
@Component
class SendPlanToGpDelegate implements JavaDelegate {

  private final PlanStore plans;
  private final EpisodeStore episodes;
  private final GpDialogue dialogue;

  SendPlanToGpDelegate(PlanStore plans, EpisodeStore episodes, GpDialogue dialogue) {
    this.plans = plans;
    this.episodes = episodes;
    this.dialogue = dialogue;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PlanStore.Plan plan = plans.get(UUID.fromString((String) execution.getVariable(PLAN_ID)));
    EpisodeStore.EpisodeRow episode = episodes.get(plan.episodeId());
    boolean reminder = "RESEND".equals(execution.getVariable(PLAN_REMINDER_OUTCOME));
    String text = (reminder ? "Purring: vi har ikke fått svar på planen vi sendte, og ber om svar snarest.\n\n" : "")
        + "Vi ber om godkjenning av egenbehandlingsplan versjon " + plan.version() + " for pasienten i digital"
        + " hjemmeoppfølging. Svar med godkjent eller ikke godkjent, gjerne med kommentar.\n\n"
        + "Hva er viktig for deg? " + plan.whatMatters() + "\nMålsetting: " + plan.goal() + "\nDelmål: " + plan.subGoals()
        + "\nTiltak: " + plan.interventions()
        + (plan.evaluation() == null ? "" : "\nEvaluering: " + plan.evaluation())
        + (plan.changedNeeds() == null ? "" : "\nEndrede behov: " + plan.changedNeeds())
        + "\n\nMålinger: " + plan.measuredSigns().stream().map(sign -> sign.label().toLowerCase()).collect(Collectors.joining(", "))
        + ", " + (24 / Math.max(1, plan.readingInterval().toHours())) + " gang(er) per døgn. Evaluering hver "
        + plan.evaluationInterval().toDays() + ". dag."
        + "\n\nTerskelverdier (grønt mellom gule grenser; rødt utenfor røde):\n"
        + plan.thresholds().stream().map(SendPlanToGpDelegate::describe).collect(Collectors.joining("\n"))
        + "\n\nHilsen digital hjemmeoppfølging";
    String dialogueId = dialogue.prepare(new GpDialogue.Request(episode.patientId(), episode.episodeId(),
        episode.municipalityNumber(), reminder ? GpDialogue.Kind.REMINDER : GpDialogue.Kind.PLAN_APPROVAL,
        (reminder ? "Purring: " : "") + "Egenbehandlingsplan til godkjenning (versjon " + plan.version() + ")", text,
        episode.gpName(), episode.gpHprNumber(), execution.getProcessInstanceId(), MESSAGE_PLAN_ANSWER));
    execution.setVariable(DIALOGUE_ID, dialogueId);
  }

  static String describe(Thresholds limits) {
    String unit = " " + limits.sign().unitLabel();
    return "- " + limits.sign().label() + ": rød under " + bound(limits.redBelow(), unit) + ", gul under "
        + bound(limits.yellowBelow(), unit) + ", gul over " + bound(limits.yellowAbove(), unit) + ", rød over "
        + bound(limits.redAbove(), unit);
  }

  private static String bound(Double value, String unit) {
    return value == null ? "–" : ObservationMapper.format(value) + unit;
  }
}
