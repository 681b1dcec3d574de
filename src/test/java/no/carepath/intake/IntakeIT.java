package no.carepath.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The three ways in over REST, on real PostgreSQL: contracts, idempotency, and bad input that stores nothing. */
class IntakeIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;

  @Test
  void anApplicationOpensACaseAndStartsTheNeedsAssessment() {
    Map<String, Object> application = Referrals.application();
    Api.Response response = api.postJson("/api/intake/applications", api.integrationsToken(), application);

    assertThat(response.status()).isEqualTo(201);
    String caseId = response.json().path("caseId").asText();
    assertThat(caseId).matches("SAK-\\d{4}-\\d{6}");
    assertThat(response.header("Location")).isEqualTo("/api/cases/" + caseId);
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).singleResult();
    assertThat(instance.getProcessDefinitionId()).startsWith("allocation-case:");
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_AssessNeeds");
    assertThat(task.getDueDate()).isNotNull();
    assertThat(runtime.getVariable(instance.getId(), "patientLabel")).isEqualTo("Test Pasient, f. "
        + birthDate((String) ((Map<?, ?>) application.get("patient")).get("nationalId")));
    assertThat(runtime.getVariable(instance.getId(), "channel")).isEqualTo("APPLICATION");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMessageWithAnotherNameForAKnownPatientKeepsTheStoredNameAndTheCaseWorkerSeesTheMismatch() {
    Map<String, Object> first = Referrals.gpReferral();
    String nationalId = (String) ((Map<?, ?>) first.get("patient")).get("nationalId");
    api.postJson("/api/intake/gp-referrals", api.integrationsToken(), first);
    Map<String, Object> second = Referrals.application();
    ((Map<String, Object>) second.get("patient")).putAll(Map.of("nationalId", nationalId, "givenName", "Tset",
        "familyName", "Pasientsen"));

    Api.Response response = api.postJson("/api/intake/applications", api.integrationsToken(), second);

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    String caseId = response.json().path("caseId").asText();
    Api.Response view = api.get("/api/cases/" + caseId, api.tokenOf("ingrid.berg"));
    assertThat(view.json().path("patientName").asText()).isEqualTo("Test Pasient");
    JsonNode report = view.json().path("nameReports").path(0);
    assertThat(report.path("givenName").asText()).isEqualTo("Tset");
    assertThat(report.path("familyName").asText()).isEqualTo("Pasientsen");
    assertThat(report.path("source").asText()).isEqualTo("REFERRAL");
    assertThat(report.path("reference").asText()).isEqualTo(second.get("externalReference"));
    assertThat(report.path("reportedAt").asText()).isNotBlank();
    Api.Response page = no.carepath.BrowserSession.login(PLATFORM, "ingrid.berg").getPage("/app/cases/" + caseId);
    assertThat(page.body()).contains("Navnet avviker").contains("Tset Pasientsen").contains("Test Pasient");
  }

  @Test
  void aFieldTwiceOrNestingTooDeepIsRefusedInPlainWords() throws Exception {
    String application = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Referrals.application());
    String twice = application.replaceFirst("\"municipalityNumber\":\"1804\"",
        "\"municipalityNumber\":\"1804\",\"municipalityNumber\":\"1806\"");

    Api.Response duplicate = api.postJson("/api/intake/applications", api.integrationsToken(), twice);
    Api.Response deep = api.postJson("/api/intake/applications", api.integrationsToken(),
        "{\"patient\":" + "[".repeat(3000) + "]".repeat(3000) + "}");
    Api.Response broken = api.postJson("/api/intake/applications", api.integrationsToken(), "{\"patient\": tru}");

    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.json().path("detail").asText()).contains("«municipalityNumber» står to ganger");
    assertThat(deep.status()).isEqualTo(400);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().path("detail").asText()).startsWith("Forespørselen er ikke gyldig JSON (linje 1");
    for (Api.Response response : List.of(duplicate, deep, broken)) {
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("com.fasterxml").doesNotContain("Unrecognized")
          .doesNotContain("Duplicate");
    }
  }

  @Test
  void theNationalIdNeverReachesTheEngine() {
    Map<String, Object> referral = Referrals.gpReferral();
    String nationalId = (String) ((Map<?, ?>) referral.get("patient")).get("nationalId");
    String caseId = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral).json().path("caseId").asText();

    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).singleResult();
    assertThat(instance.getBusinessKey()).doesNotContain(nationalId);
    runtime.getVariables(instance.getId()).values()
        .forEach(value -> assertThat(String.valueOf(value)).doesNotContain(nationalId));
    history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
        .forEach(variable -> assertThat(String.valueOf(variable.getValue())).doesNotContain(nationalId));
  }

  @Test
  void aGpReferralStartsTheAssessmentWithTheGpsReasonInTheSummary() {
    Api.Response response = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), Referrals.gpReferral());

    assertThat(response.status()).isEqualTo(201);
    String caseId = response.json().path("caseId").asText();
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_AssessNeeds");
    assertThat((String) runtime.getVariable(task.getProcessInstanceId(), "referralSummary"))
        .contains("Lege Testesen").contains("K77").contains("Hjertesvikt");
  }

  @Test
  void aHospitalNoticeForAPatientReadyForDischargeIsAnsweredTheSameDay() {
    Api.Response response = api.postJson("/api/intake/hospital-notices", api.integrationsToken(),
        Referrals.hospitalNotice(true));

    String caseId = response.json().path("caseId").asText();
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_AnswerHospitalNotice");
    assertThat(task.getDueDate().toInstant().atZone(java.time.ZoneId.of("Europe/Oslo")).toLocalDate())
        .isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Oslo")));
    assertThat(task.getPriority()).isGreaterThan(50);
  }

  @Test
  void aHospitalNoticeForAPatientNotYetReadyGoesStraightToAssessment() {
    String caseId = api.postJson("/api/intake/hospital-notices", api.integrationsToken(), Referrals.hospitalNotice(false))
        .json().path("caseId").asText();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_AssessNeeds");
  }

  @Test
  void aCaseWorkerCanRegisterAPaperApplicationForTheirMunicipalityOnly() {
    String caseWorker = api.tokenOf("ingrid.berg");
    assertThat(api.postJson("/api/intake/applications", caseWorker, Referrals.application()).status()).isEqualTo(201);

    Map<String, Object> otherMunicipality = Referrals.application();
    otherMunicipality.put("municipalityNumber", "1806");
    Api.Response refused = api.postJson("/api/intake/applications", caseWorker, otherMunicipality);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("detail").asText()).contains("kommunen du arbeider for");
    assertThat(api.postJson("/api/intake/gp-referrals", caseWorker, Referrals.gpReferral()).status()).isEqualTo(403);
  }

  @Test
  void aResendWithTheSameReferenceIsNeverASecondCase() {
    Map<String, Object> referral = Referrals.gpReferral();
    String token = api.integrationsToken();
    Api.Response first = api.postJson("/api/intake/gp-referrals", token, referral);
    long casesBefore = count("allocation_case");

    Api.Response again = api.postJson("/api/intake/gp-referrals", token, referral);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    assertThat(again.json().path("caseId").asText()).isEqualTo(first.json().path("caseId").asText());
    assertThat(count("allocation_case")).isEqualTo(casesBefore);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(first.json().path("caseId").asText()).count())
        .isEqualTo(1);
  }

  @Test
  void theSameReferenceWithOtherContentIsAConflict() {
    Map<String, Object> referral = Referrals.gpReferral();
    api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral);
    referral.put("reason", "Noe helt annet.");
    long casesBefore = count("allocation_case");

    Api.Response conflict = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral);

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().path("detail").asText()).contains("allerede brukt");
    assertThat(count("allocation_case")).isEqualTo(casesBefore);
  }

  static Stream<Arguments> badApplications() {
    return Stream.of(
        bad("an invalid national ID", "patient.nationalId", "kontrollsiffer",
            a -> patient(a).put("nationalId", flipLastDigit((String) patient(a).get("nationalId")))),
        bad("a national ID that is not synthetic", "patient.nationalId", "syntetiske",
            a -> patient(a).put("nationalId", Referrals.numberValidOnlyUnderThe2032Rule())),
        bad("a national ID with ten digits", "patient.nationalId", "11 sifre",
            a -> patient(a).put("nationalId", "0101801234")),
        bad("missing consent", "consent", "Samtykke mangler", a -> a.remove("consent")),
        bad("consent not given", "consent.given", "ikke samtykket", a -> consent(a).put("given", false)),
        bad("consent given in the future", "consent.date", "fremtiden",
            a -> consent(a).put("date", no.carepath.Today.date().plusDays(3).toString())),
        bad("a municipality this installation does not serve", "municipalityNumber", "betjenes ikke",
            a -> a.put("municipalityNumber", "0301")),
        bad("a missing family name", "patient.familyName", "Etternavn", a -> patient(a).remove("familyName")),
        bad("a description that is too long", "description", "4000", a -> a.put("description", "x".repeat(4001))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badApplications")
  void aBadApplicationGets400NamingTheFieldAndStoresNothing(String what, String field, String hint,
      Consumer<Map<String, Object>> breakIt) {
    Map<String, Object> application = Referrals.application();
    breakIt.accept(application);
    Counts before = counts();

    Api.Response response = api.postJson("/api/intake/applications", api.integrationsToken(), application);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("detail").asText()).contains(hint);
    assertThat(Api.list(problem.path("errors")).stream().map(error -> error.path("field").asText())).contains(field);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at no.carepath");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void malformedJsonGets400WithWhereItBroke() {
    Counts before = counts();
    Api.Response response = api.postJson("/api/intake/applications", api.integrationsToken(),
        "{\"municipalityNumber\": \"1804\", \"patient\": {\"nationalId\": }");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("ikke gyldig JSON").contains("linje 1");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void anUnknownFieldGets400NamingItAndTheAllowedFields() {
    Map<String, Object> application = Referrals.application();
    patient(application).put("fodselsnummer", "123");
    Counts before = counts();

    Api.Response response = api.postJson("/api/intake/applications", api.integrationsToken(), application);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("«patient.fodselsnummer»").contains("nationalId");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aValueOutsideTheCodeListGets400ListingTheCodes() {
    Map<String, Object> referral = Referrals.gpReferral();
    referral.put("urgency", "HASTER");

    Api.Response response = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("HASTER").contains("ROUTINE").contains("PRIORITY");
  }

  @Test
  void aDateInTheWrongFormatGets400() {
    Map<String, Object> notice = Referrals.hospitalNotice(false);
    notice.put("admittedDate", "21.11.2026");

    Api.Response response = api.postJson("/api/intake/hospital-notices", api.integrationsToken(), notice);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("admittedDate").contains("ÅÅÅÅ-MM-DD");
  }

  @Test
  void anOversizedBodyGets400BeforeAnythingIsRead() {
    Map<String, Object> application = Referrals.application();
    application.put("description", "x".repeat(70_000));
    Counts before = counts();

    Api.Response response = api.postJson("/api/intake/applications", api.integrationsToken(), application);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("for stor").contains("64 KB");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aHospitalNoticeWithDischargeBeforeAdmissionGets400() {
    Map<String, Object> notice = Referrals.hospitalNotice(false);
    notice.put("expectedDischargeDate", no.carepath.Today.date().minusDays(10).toString());
    Counts before = counts();

    Api.Response response = api.postJson("/api/intake/hospital-notices", api.integrationsToken(), notice);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("før innleggelsesdatoen");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aWrongContentTypeGets415() {
    Api.Response response = api.postMultipart("/api/intake/applications", api.integrationsToken(), Map.of("a", "b"), Map.of());
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.json().path("detail").asText()).contains("application/json");
  }

  record Counts(long patients, long cases, long referrals, long processInstances) {
  }

  private Counts counts() {
    return new Counts(count("patient"), count("allocation_case"), count("intake_referral"),
        // the cases' processes; messages of earlier tests finish in the background
        runtime.createProcessInstanceQuery().processDefinitionKey("allocation-case").count());
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> patient(Map<String, Object> body) {
    return (Map<String, Object>) body.get("patient");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> consent(Map<String, Object> body) {
    return (Map<String, Object>) body.get("consent");
  }

  private static Arguments bad(String what, String field, String hint, Consumer<Map<String, Object>> breakIt) {
    return Arguments.of(what, field, hint, breakIt);
  }

  private static String flipLastDigit(String number) {
    char last = number.charAt(10);
    return number.substring(0, 10) + (char) (last == '9' ? '0' : last + 1);
  }

  private static String birthDate(String nationalId) {
    int month = Integer.parseInt(nationalId.substring(2, 4)) - 80;
    return nationalId.substring(0, 2) + "." + String.format("%02d", month) + "." + no.carepath.patient.NationalIdentityNumber.parse(nationalId).birthDate().getYear();
  }

}
