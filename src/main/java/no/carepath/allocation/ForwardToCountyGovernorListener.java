package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ForwardToCountyGovernor, on complete: the upheld appeal went to Statsforvalteren. */
@Component
class ForwardToCountyGovernorListener implements TaskListener {

  private final CaseStore store;
  private final Clock clock;

  ForwardToCountyGovernorListener(CaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    form.notBefore(COUNTY_GOVERNOR_SENT_DATE, LocalDate.now(clock).minusDays(30));
    form.notInFuture(COUNTY_GOVERNOR_SENT_DATE, LocalDate.now(clock));
    LocalDate sent = form.date(COUNTY_GOVERNOR_SENT_DATE);
    String reference = form.text(COUNTY_GOVERNOR_REFERENCE);
    String note = form.text(FORWARD_NOTE);
    form.throwIfInvalid();

    Map<String, Object> content = new HashMap<>();
    content.put("sentDate", sent.toString());
    if (reference != null) {
      content.put("reference", reference);
    }
    if (note != null) {
      content.put("note", note);
    }
    String caseId = caseId(task);
    store.addEvent(caseId, clock.instant(), Actor.current().id(), "FORWARDED_TO_COUNTY_GOVERNOR", content);
  }
}
