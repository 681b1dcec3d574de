package no.carepath.allocation;

import no.carepath.Today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;

/** What a case worker does through the REST API, the way the Tasklist does it. */
public final class CaseWork {

  private final Api api;

  CaseWork(Api api) {
    this.api = api;
  }

  /** Waits for the one open task of the case with this definition key, as seen by {@code user}. */
  JsonNode awaitTask(String caseId, String taskKey, String user) {
    String token = api.tokenOf(user);
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/engine-rest/task?processInstanceBusinessKey=" + caseId + "&taskDefinitionKey=" + taskKey,
            token).json(), tasks -> tasks.size() == 1)
        .get(0);
  }

  Api.Response complete(JsonNode task, String user, Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, value instanceof List<?> list
        ? Map.of("value", toJson(list), "type", "Json")
        : Map.of("value", value)));
    return api.postJson("/engine-rest/task/" + task.path("id").asText() + "/complete", api.tokenOf(user),
        Map.of("variables", typed));
  }

  void assess(String caseId) {
    Api.Response response = complete(awaitTask(caseId, "Task_AssessNeeds", "ingrid.berg"), "ingrid.berg", assessment());
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  void decideGranted(String caseId, List<String> services) {
    Api.Response response = complete(awaitTask(caseId, "Task_DecideService", "ingrid.berg"), "ingrid.berg",
        grantedDecision(services));
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  /** Waits until the letter-dispatch worker has sent the letter and the case says so. */
  JsonNode awaitLetterSent(String caseId) {
    String token = api.tokenOf("ingrid.berg");
    return await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/cases/" + caseId, token).json(),
            view -> "LETTER_SENT".equals(view.path("status").asText()));
  }

  /** The fields of «Kartlegg behov» as a case worker fills them in (also the S5/S6 benchmark's). */
  public static Map<String, Object> assessment() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("whatMattersToYou", "Å kunne bo hjemme og gå tur med hunden.");
    form.put("primaryCondition", "KOLS");
    form.put("functionHousework", "3");
    form.put("functionPersonalHygiene", "2");
    form.put("functionDressing", "2");
    form.put("functionEating", "1");
    form.put("functionMobilityIndoors", "2");
    form.put("functionMobilityOutdoors", "4");
    form.put("functionOwnHealth", "3");
    form.put("functionMemory", "1");
    form.put("livingSituation", "ALENE");
    form.put("deviceAbility", "SELVSTENDIG");
    form.put("consentDigitalFollowUp", true);
    form.put("consentInformationSharing", true);
    return form;
  }

  static Map<String, Object> grantedDecision(List<String> services) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("decisionOutcome", "GRANTED");
    form.put("grantedServices", services);
    form.put("serviceScope", "Daglige målinger av oksygenmetning og puls, ukentlig oppfølgingssamtale.");
    form.put("serviceStartDate", Today.date().plusDays(7).toString());
    form.put("decisionReason", "Pasienten har KOLS, kan bruke utstyret selv og ønsker å bo hjemme.");
    form.put("legalBasis", "PBRL_2-1A_HOL_3-2-6A");
    return form;
  }

  static Map<String, Object> rejectedDecision() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("decisionOutcome", "REJECTED");
    form.put("decisionReason", "Pasienten klarer seg godt selv og har ikke behov for tjenestene nå.");
    form.put("legalBasis", "PBRL_2-1A_HOL_3-2-6A");
    return form;
  }

  private static String toJson(Object value) {
    try {
      return Api.JSON.writeValueAsString(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
