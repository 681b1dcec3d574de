package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.util.UUID;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_RemindGpOfPlan, on complete: send a reminder, record the GP's approval given by phone, or
 * withdraw the version (the plan in force, or the defaults, go on applying).
 */
@Component
class RemindGpOfPlanListener implements TaskListener {

  private final PlanStore plans;
  private final EpisodeStore episodes;

  RemindGpOfPlanListener(PlanStore plans, EpisodeStore episodes) {
    this.plans = plans;
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(PLAN_REMINDER_OUTCOME);
    if ("APPROVED_BY_PHONE".equals(outcome)) {
      form.require(PLAN_REMINDER_NOTE, "når fastlegen godkjente på telefon: skriv hvem som godkjente, og hva som ble sagt");
    }
    String note = form.text(PLAN_REMINDER_NOTE);
    form.throwIfInvalid();
    UUID planId = UUID.fromString((String) task.getVariable(PLAN_ID));
    String episodeId = (String) task.getVariable(EPISODE_ID);
    Actor actor = Actor.current();
    switch (outcome) {
      case "WITHDRAW" -> {
        plans.withdraw(planId);
        episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "PLAN_WITHDRAWN",
            "Planversjonen er trukket uten svar fra fastlegen." + (note == null ? "" : " " + note));
      }
      case "APPROVED_BY_PHONE" -> {
        task.getExecution().setVariable(GP_ANSWER, "Godkjent på telefon: " + note);
        task.getExecution().setVariable(GP_ANSWER_FROM, episodes.get(episodeId).gpName());
      }
      default -> episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "PLAN_REMINDED",
          "Purring sendt fastlegen om planen." + (note == null ? "" : " " + note));
    }
  }
}
