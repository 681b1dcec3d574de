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
}
