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
    LocalDate sent = form.requiredDate(COUNTY_GOVERNOR_SENT_DATE, "Sendt dato", LocalDate.now(clock).minusDays(30));
    String reference = form.optionalText(COUNTY_GOVERNOR_REFERENCE, "Referanse hos Statsforvalteren", 100);
    String note = form.optionalText(FORWARD_NOTE, "Merknad", 2000);
    if (sent != null && sent.isAfter(LocalDate.now(clock))) {
      form.problem("«Sendt dato» kan ikke være i fremtiden.");
    }
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
