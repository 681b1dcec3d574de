package no.carepath.transitions;

import java.util.UUID;

import no.carepath.allocation.AllocationCases;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_OpenAllocationCase and the new-assessment outcome of a ready-for-discharge answer: the
 * allocation office opens a case for the patient (channel hospital notice), in this step's transaction.
 */
@Component
class OpenAllocationCaseDelegate implements JavaDelegate {

  private final StayStore stays;
  private final PatientService patients;
  private final AllocationCases cases;

  OpenAllocationCaseDelegate(StayStore stays, PatientService patients, AllocationCases cases) {
    this.stays = stays;
    this.patients = patients;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.find((String) execution.getVariable(TransitionsVariables.STAY_ID)).orElseThrow();
    Patient patient = patients.read(UUID.fromString((String) execution.getVariable(TransitionsVariables.PATIENT_ID)),
        null, "hospital-stay-case");
    boolean ready = "READY_FOR_DISCHARGE".equals(stay.processStatus()) || stay.readyAt() != null && stay.dischargedAt() == null;
    String summary = "Melding fra " + stay.hospitalName() + (stay.department() == null ? "" : ", " + stay.department())
        + " (opphold " + stay.stayId() + "). " + (ready ? "Pasienten er meldt utskrivningsklar. " : "")
        + String.valueOf(execution.getVariable(execution.hasVariable(TransitionsVariables.READY_ASSESSMENT)
            ? TransitionsVariables.READY_ASSESSMENT : TransitionsVariables.IDENTIFY_NOTE));
    String caseId = cases.open(new AllocationCases.NewCase(AllocationCases.Channel.HOSPITAL_NOTICE, patient,
        stay.municipalityNumber(), summary, false, null));
    execution.setVariable(TransitionsVariables.CASE_ID, caseId);
  }
}
