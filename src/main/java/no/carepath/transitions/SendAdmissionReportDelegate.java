package no.carepath.transitions;

import java.util.LinkedHashMap;
import java.util.Map;

import no.carepath.followup.HospitalStayFollowup;
import no.carepath.messaging.Outbox;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendAdmissionReport: the municipality's admission report (innleggelsesrapport) to the
 * hospital, written from the self-management plan and the recent readings, through the outbox.
 */
@Component
class SendAdmissionReportDelegate implements JavaDelegate {

  static final String KIND = "INNLEGGELSESRAPPORT";

  private final StayStore stays;
  private final HospitalStayFollowup followup;
  private final Outbox outbox;

  SendAdmissionReportDelegate(StayStore stays, HospitalStayFollowup followup, Outbox outbox) {
    this.stays = stays;
    this.followup = followup;
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.find((String) execution.getVariable(TransitionsVariables.STAY_ID)).orElseThrow();
    Map<String, Object> content = new LinkedHashMap<>(followup.admissionReport(stay.episodeId()));
    content.put("hospitalStayId", stay.hospitalStayRef());
    ToHospital.send(outbox, stay, KIND, "Innleggelsesrapport fra kommunen", "Sykepleietjenesten, digital hjemmeoppfølging",
        CarepathGroups.HOME_FOLLOW_UP_NURSES, content);
  }
}
