package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.DECISION_ID;
import static no.carepath.allocation.AllocationVariables.EPISODE_ID;
import static no.carepath.allocation.AllocationVariables.PATIENT_LABEL;

import java.util.UUID;

import no.carepath.followup.FollowupService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_HandOverToFollowup: a granted decision on digital home follow-up creates the follow-up
 * episode and starts its process. Repeated (after an appeal) it finds the open episode.
 */
@Component
class HandOverToFollowupDelegate implements JavaDelegate {

  private final CaseStore store;
  private final FollowupService followup;

  HandOverToFollowupDelegate(CaseStore store, FollowupService followup) {
    this.store = store;
    this.followup = followup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseId = AllocationVariables.caseId(execution);
    CaseStore.CaseRow caseRow = store.findCase(caseId).orElseThrow();
    FollowupService.Gp gp = store.gp(caseId)
        .map(contact -> new FollowupService.Gp(contact.name(), contact.hprNumber(), contact.practice())).orElse(null);
    String episodeId = followup.startEpisode(new FollowupService.EpisodeRequest(caseId, caseRow.patientId(),
        caseRow.municipalityNumber(), UUID.fromString((String) execution.getVariable(DECISION_ID)),
        (String) execution.getVariable(PATIENT_LABEL), gp));
    execution.setVariable(EPISODE_ID, episodeId);
  }
}
