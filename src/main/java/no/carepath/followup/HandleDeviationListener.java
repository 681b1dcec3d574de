package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_HandleYellowDeviation and Task_HandleRedDeviation, on complete: what the nurse did. The
 * deviation closes; readings from now on open a new one. Urgent contact with the GP is by phone
 * only: a dialogue message is for what can wait (national rules).
 */
@Component
class HandleDeviationListener implements TaskListener {

  private final DeviationStore deviations;
  private final EpisodeStore episodes;

  HandleDeviationListener(DeviationStore deviations, EpisodeStore episodes) {
    this.deviations = deviations;
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(DEVIATION_OUTCOME);
    if (outcome != null && !"NO_ACTION".equals(outcome)) {
      form.require(DEVIATION_NOTE, "når noe ble gjort");
    }
    String note = form.text(DEVIATION_NOTE);
    if ("ESCALATE_GP".equals(outcome)) {
      boolean urgent = form.flag(GP_URGENT);
      String question = form.text(GP_QUESTION);
      if (!urgent && episodes.get((String) task.getVariable(EPISODE_ID)).gpName() == null) {
        form.problem("Pasienten har ingen fastlege registrert, så dialogmelding kan ikke sendes. Ring legevakt eller"
            + " fastlegekontoret (kryss av for «Haster»), og registrer fastlegen på episoden.");
      }
      task.getExecution().setVariable(GP_URGENT, urgent);
      task.getExecution().setVariable(GP_QUESTION, question);
      // what the escalation needs, set only when it happens: a deviation starts with few variables
      EpisodeStore.EpisodeRow episode = episodes.get((String) task.getVariable(EPISODE_ID));
      task.getExecution().setVariable(PATIENT_ID, episode.patientId().toString());
      task.getExecution().setVariable(GP_NAME, episode.gpName());
      task.getExecution().setVariable(GP_HPR_NUMBER, episode.gpHprNumber());
    }
    String acuteService = form.choice(ACUTE_SERVICE);
    form.throwIfInvalid();

    String deviationId = (String) task.getVariable(DEVIATION_ID);
    Actor actor = Actor.current();
    String text = switch (outcome) {
      case "NO_ACTION" -> "Avvik vurdert, ingen tiltak nødvendig.";
      case "CONTACTED" -> "Pasienten kontaktet.";
      case "ADJUST_PLAN" -> "Planen eller terskelverdiene skal justeres.";
      case "ESCALATE_GP" -> Boolean.TRUE.equals(task.getVariable(GP_URGENT)) ? "Fastlegen kontaktes på telefon (haster)."
          : "Forespørsel sendes fastlegen.";
      default -> ("LEGEVAKT".equals(acuteService) ? "Legevakt" : "113 (AMK)") + " er kontaktet.";
    } + (note == null ? "" : " " + note);
    deviations.close(deviationId, outcome, text, actor);
    episodes.addNote((String) task.getVariable(EPISODE_ID), deviationId, actor.id(), actor.displayName(),
        "DEVIATION_HANDLED", text);
  }
}
