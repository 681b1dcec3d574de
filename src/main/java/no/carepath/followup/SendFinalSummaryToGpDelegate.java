package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Clock;
import java.time.LocalDate;

import no.carepath.escalation.GpDialogue;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendFinalSummaryToGp: the final summary as an orientering to the GP (no answer
 * expected); it goes out through the outbox, in this step's transaction.
 */
@Component
class SendFinalSummaryToGpDelegate implements JavaDelegate {

  private final EpisodeStore episodes;
  private final PlanStore plans;
  private final GpDialogue dialogue;
  private final Clock clock;

  SendFinalSummaryToGpDelegate(EpisodeStore episodes, PlanStore plans, GpDialogue dialogue, Clock clock) {
    this.episodes = episodes;
    this.plans = plans;
    this.dialogue = dialogue;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EpisodeStore.EpisodeRow episode = episodes.get((String) execution.getVariable(EPISODE_ID));
    String reason = EndServiceListener.label((String) execution.getVariable(END_REASON));
    String text = "Digital hjemmeoppfølging av pasienten er avsluttet (" + reason + ").\n\nPeriode: "
        + (episode.enrolledAt() == null ? "ikke startet" : LocalDate.ofInstant(episode.enrolledAt(), clock.getZone()))
        + " til " + LocalDate.now(clock) + ". Gjeldende egenbehandlingsplan: "
        + plans.active(episode.episodeId()).map(plan -> "versjon " + plan.version()).orElse("ingen godkjent")
        + ".\n\n" + execution.getVariable(FINAL_SUMMARY) + "\n\nHilsen digital hjemmeoppfølging";
    String dialogueId = dialogue.prepare(new GpDialogue.Request(episode.patientId(), episode.episodeId(),
        episode.municipalityNumber(), GpDialogue.Kind.INFORMATION, "Avslutning av digital hjemmeoppfølging", text,
        episode.gpName(), episode.gpHprNumber(), execution.getProcessInstanceId(), null));
    execution.setVariable(DIALOGUE_ID, dialogueId);
  }
}
