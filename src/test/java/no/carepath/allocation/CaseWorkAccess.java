package no.carepath.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;

/** {@link CaseWork} for tests outside the allocation package. */
public final class CaseWorkAccess {

  private final CaseWork work;

  public CaseWorkAccess(Api api) {
    this.work = new CaseWork(api);
  }

  public JsonNode awaitTask(String caseId, String taskKey, String user) {
    return work.awaitTask(caseId, taskKey, user);
  }

  /** The case worker assesses the case and grants these services. */
  public void assessAndGrant(String caseId, java.util.List<String> services) {
    work.assess(caseId);
    work.decideGranted(caseId, services);
  }

  /** Completes a task through {@code /engine-rest}, lists as JSON variables, as the Tasklist does. */
  public no.carepath.Api.Response complete(JsonNode task, String user, java.util.Map<String, Object> variables) {
    return work.complete(task, user, variables);
  }
}
