package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_PlanStartup, on complete: the planned home visit, devices and information to relatives. */
@Component
class PlanStartupListener implements TaskListener {

  private final FollowupService episodes;
  private final ObjectMapper json;
  private final Clock clock;

  PlanStartupListener(FollowupService episodes, ObjectMapper json, Clock clock) {
    this.episodes = episodes;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    LocalDate visit = form.requiredDate(HOME_VISIT_DATE, "Dato for hjemmebesøk med opplæring", LocalDate.now(clock));
    List<String> devices = form.requiredSelection(DEVICES_PLANNED, "Utstyr", DEVICES);
    boolean relativesInformed = form.flag(RELATIVES_INFORMED, "Pårørende er informert");
    String notes = form.optionalText(STARTUP_NOTES, "Notat", 2000);
    form.throwIfInvalid();

    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("homeVisitDate", visit.toString());
    plan.put("devices", devices);
    plan.put("relativesInformed", relativesInformed);
    if (notes != null) {
      plan.put("notes", notes);
    }
    try {
      episodes.recordEvent((String) task.getVariable(EPISODE_ID), Actor.current().id(), "STARTUP_PLANNED",
          json.writeValueAsString(plan));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
