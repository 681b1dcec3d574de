package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.*;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The team leader's follow-up of an overdue task (three Task_FollowUpOverdue* tasks share the form). */
@Component
class FollowUpOverdueListener implements TaskListener {

  private final CaseStore store;
  private final Clock clock;

  FollowUpOverdueListener(CaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String action = form.choice(OVERDUE_ACTION);
    if ("OTHER".equals(action)) {
      form.require(OVERDUE_NOTE, "når tiltaket er «Annet»");
    }
    String note = form.text(OVERDUE_NOTE);
    form.throwIfInvalid();

    Map<String, Object> content = new HashMap<>();
    content.put("overdueTask", task.getTaskDefinitionKey());
    content.put("action", action);
    if (note != null) {
      content.put("note", note);
    }
    store.addEvent(caseId(task), clock.instant(), Actor.current().id(), "OVERDUE_FOLLOWED_UP", content);
  }
}
