package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.util.UUID;

import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ActivatePlan: the GP approved the version; it becomes the plan in force (the previous one
 * superseded), and its thresholds apply to the next reading on every node.
 */
@Component
class ActivatePlanDelegate implements JavaDelegate {

  private final PlanStore plans;
  private final EpisodeStore episodes;

  ActivatePlanDelegate(PlanStore plans, EpisodeStore episodes) {
    this.plans = plans;
    this.episodes = episodes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID planId = UUID.fromString((String) execution.getVariable(PLAN_ID));
    String comment = (String) execution.getVariable(GP_ANSWER);
    plans.activate(planId, comment);
    PlanStore.Plan plan = plans.get(planId);
    episodes.applyPlan(plan.episodeId(), plan.measuredSigns(), plan.readingInterval());
    episodes.addNote(plan.episodeId(), null, Actor.SYSTEM.id(), String.valueOf(execution.getVariable(GP_ANSWER_FROM)),
        "PLAN_ACTIVE", "Egenbehandlingsplan versjon " + plan.version() + " er godkjent av fastlegen og gjelder fra nå."
            + (comment == null ? "" : " Fastlegens kommentar: " + comment));
  }
}
