package no.carepath.escalation;

import static no.carepath.escalation.EscalationVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_PhoneGp, on complete: whom the nurse phoned, whether they got through, and what was agreed. */
@Component
class PhoneGpListener implements TaskListener {

  private final GpDialogue dialogue;

  PhoneGpListener(GpDialogue dialogue) {
    this.dialogue = dialogue;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String contact = form.choice(PHONE_CONTACT);
    boolean reached = form.flag(PHONE_REACHED);
    String outcome = form.text(PHONE_OUTCOME);
    if (!reached && outcome != null && outcome.length() < 10) {
      form.problem("Fikk du ikke kontakt, skriv hva du gjorde i stedet (f.eks. ringte legevakt, ba pasienten ringe 113).");
    }
    form.throwIfInvalid();
    String who = "FASTLEGE".equals(contact) ? "fastlegen" : "legevakt";
    dialogue.recordContact((String) task.getVariable(EPISODE_ID), (String) task.getVariable(DEVIATION_ID), "PHONED_GP",
        "Ringte " + who + (reached ? "" : " (fikk ikke kontakt)") + ": " + outcome);
  }
}
