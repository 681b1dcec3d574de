package no.carepath.allocation;

import no.carepath.followup.FollowupService;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Changed needs found in digital home follow-up (endrede behov) come back to the allocation office
 * as a case of their own, in the same transaction as the evaluation that found them.
 */
@Component
class ChangedNeedsReferrals {

  private final AllocationCases cases;
  private final PatientService patients;

  ChangedNeedsReferrals(AllocationCases cases, PatientService patients) {
    this.cases = cases;
    this.patients = patients;
  }

  @EventListener
  void on(FollowupService.ChangedNeedsReported reported) {
    Patient patient = patients.read(reported.patientId(), null, "changed-needs-referral");
    AllocationCases.GpContact gp = reported.gp() == null ? null
        : new AllocationCases.GpContact(reported.gp().name(), reported.gp().hprNumber(), reported.gp().practice());
    cases.open(new AllocationCases.NewCase(AllocationCases.Channel.CHANGED_NEEDS, patient, reported.municipalityNumber(),
        reported.description(), false, gp));
  }
}
