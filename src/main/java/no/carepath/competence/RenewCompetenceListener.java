package no.carepath.competence;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_RenewCompetence. On create: assigned to the holder (data, not a name in the model; the task
 * stays offered to the team leaders, who may take it over), named with the competence. On complete:
 * the holder's answer, checked by the form's rules and these: a date for training done (not in the
 * future) or planned (not in the past), a reason when the competence is not to be renewed; kept in
 * {@code competence_training}. The register is not changed: the team leader verifies and extends it.
 */
@Component
class RenewCompetenceListener implements TaskListener {

  /** Eleven digits, perhaps split after six: what a national identity number looks like in a text. */
  private static final Pattern NATIONAL_ID_LIKE = Pattern.compile("(?<!\\d)\\d{6}[ .]?\\d{5}(?!\\d)");

  private final Trainings trainings;
  private final Clock clock;

  RenewCompetenceListener(Trainings trainings, Clock clock) {
    this.trainings = trainings;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setAssignee((String) task.getVariable(CompetenceVariables.USER));
      task.setName(task.getName() + ": " + task.getVariable(CompetenceVariables.NAME));
      return;
    }
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(CompetenceVariables.OUTCOME);
    LocalDate today = LocalDate.now(clock.withZone(Trainings.OSLO));
    if (Trainings.Outcome.RENEWED.name().equals(outcome)) {
      form.require(CompetenceVariables.TRAINING_DATE, "når opplæringen er gjennomført");
      form.notInFuture(CompetenceVariables.TRAINING_DATE, today);
    } else if (Trainings.Outcome.PLANNED.name().equals(outcome)) {
      form.require(CompetenceVariables.TRAINING_DATE, "når opplæringen er planlagt");
      form.notBefore(CompetenceVariables.TRAINING_DATE, today);
    } else if (Trainings.Outcome.NOT_RENEWED.name().equals(outcome)) {
      form.require(CompetenceVariables.NOTE, "når kompetansen ikke skal fornyes: skriv hvorfor");
    }
    LocalDate trainingDate = form.date(CompetenceVariables.TRAINING_DATE);
    String note = noNationalId(form, CompetenceVariables.NOTE);
    form.throwIfInvalid();
    trainings.report(((Number) task.getVariable(CompetenceVariables.TRAINING_ID)).longValue(),
        Trainings.Outcome.valueOf(outcome), trainingDate, note, Actor.current().id());
  }

  private static String noNationalId(SubmittedForm form, String key) {
    String text = form.text(key);
    if (text != null && NATIONAL_ID_LIKE.matcher(text).find()) {
      form.problem("«" + form.label(key) + "» ser ut til å inneholde et fødselsnummer (11 siffer). Skriv ikke"
          + " fødselsnummer i teksten.");
      return null;
    }
    return text;
  }
}
