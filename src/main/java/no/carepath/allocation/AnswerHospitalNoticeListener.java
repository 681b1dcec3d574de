package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_AnswerHospitalNotice, on complete: the municipality's same-day answer to the hospital. */
@Component
class AnswerHospitalNoticeListener implements TaskListener {

  private final CaseStore store;
  private final Clock clock;

  AnswerHospitalNoticeListener(CaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String answer = form.text(HOSPITAL_ANSWER);
    form.notBefore(PLANNED_RECEPTION_DATE, LocalDate.now(clock));
    LocalDate reception = form.date(PLANNED_RECEPTION_DATE);
    String channel = form.choice(ANSWER_CHANNEL);
    form.throwIfInvalid();

    String caseId = caseId(task);
    store.addEvent(caseId, clock.instant(), Actor.current().id(), "HOSPITAL_ANSWERED",
        Map.of("answer", answer, "plannedReceptionDate", reception.toString(), "answerChannel", channel));
    store.updateStatus(caseId, CaseStatus.HOSPITAL_ANSWERED);
  }
}
