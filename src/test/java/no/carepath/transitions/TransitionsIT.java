package no.carepath.transitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import no.carepath.allocation.CaseWorkAccess;
import no.carepath.followup.Enrolment;
import no.carepath.simulator.HospitalSimulator;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hospital transitions end to end on the real application: the hospital simulator sends its
 * messages with the hospital integration's token; a patient in follow-up is admitted (follow-up
 * paused, the admission report delivered to the hospital), reported ready and answered, and
 * discharged (follow-up resumed, the first assessment, the summary arriving); resends and messages
 * out of order; an unknown patient; a summary that never comes; and every kind of bad input.
 */
class TransitionsIT extends IntegrationTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private final Api api = new Api(PLATFORM);
  private final CaseWorkAccess work = new CaseWorkAccess(api);

  @Autowired
  private JdbcClient jdbc;

  @Autowired
  private ManagementService management;

  @Autowired
  private StayMetrics stayMetrics;

  @AfterEach
  void summariesBack() {
    PLATFORM.hospital().setSendSummaries(true);
  }

  @Test
  void aPatientInFollowupIsAdmittedAnsweredAndDischargedWithAFirstAssessment() throws Exception {
    Enrolment.Patient patient = new Enrolment(api, PLATFORM).measuring();
    HospitalSimulator.PatientRef ref = new HospitalSimulator.PatientRef(patient.nationalId(), "Test", "Pasient", "1804");
    String nurse = api.tokenOf("jonas.lie");

    assertThat(PLATFORM.hospital().send("ADMITTED", ref, null).statusCode()).isEqualTo(202);

    String stayId = stayOf(patient.nationalId());
    assertThat(api.get("/api/episodes/" + patient.episodeId(), nurse).json().path("status").asText()).isEqualTo("ON_HOLD");
    JsonNode report = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> PLATFORM.hospital().received().stream()
            .filter(message -> "INNLEGGELSESRAPPORT".equals(message.path("type").asText())
                && patient.nationalId().equals(message.path("patient").path("nationalId").asText())).findFirst(),
            java.util.Optional::isPresent).orElseThrow();
    assertThat(report.path("content").path("service").asText()).isEqualTo("Digital hjemmeoppfølging");
    assertThat(report.path("recipient").path("name").asText()).isEqualTo("Nordlandssykehuset");

    assertThat(PLATFORM.hospital().send("READY_FOR_DISCHARGE", ref, null).statusCode()).isEqualTo(202);
    JsonNode answer = work.awaitTask(stayId, "Task_AnswerReadyForDischarge", "ingrid.berg");
    assertThat(work.complete(answer, "ingrid.berg", Map.of("readyAssessment", "Som før innleggelsen.",
        "readyOutcome", "RECEIVE_HOME")).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> PLATFORM.hospital().received().stream().anyMatch(message ->
            "SVAR_UTSKRIVNINGSKLAR".equals(message.path("type").asText())
                && patient.nationalId().equals(message.path("patient").path("nationalId").asText())));

    assertThat(PLATFORM.hospital().send("DISCHARGED", ref, null).statusCode()).isEqualTo(202);
    assertThat(api.get("/api/episodes/" + patient.episodeId(), nurse).json().path("status").asText()).isEqualTo("ACTIVE");
    JsonNode first = work.awaitTask(stayId, "Task_FirstAssessment", "jonas.lie");
    assertThat(stay(stayId).get("days_waiting")).isEqualTo(0);
    assertThat(work.complete(first, "jonas.lie", Map.of("checkMedication", true, "checkFunction", true,
        "checkDevices", true, "checkRelatives", true, "checkSummary", true, "planReview", "NO_CHANGE")).status())
        .isEqualTo(204);

    // the simulator sends the discharge summary two seconds after the discharge
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> "CLOSED".equals(stay(stayId).get("status")));
    assertThat((String) stay(stayId).get("summary_text")).contains("Epikrise");
    assertThat(jdbc.sql("select count(*) from transitions_hospital_message where stay_id = :id").param("id", stayId)
        .query(Long.class).single()).isEqualTo(4);
  }

  @Test
  void aResendIsTheSameMessageAndADischargeBeforeReadyIsHandledAndAMissingSummaryChased() {
    String nationalId = knownPatient();
    PLATFORM.hospital().setSendSummaries(false);
    String hospitalStay = "NLSH-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> discharged = message("DISCHARGED", nationalId, hospitalStay);
    discharged.put("dischargedAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusHours(1)));

    Api.Response first = api.postJson("/api/hospital/messages", api.hospitalToken(), discharged);
    Api.Response again = api.postJson("/api/hospital/messages", api.hospitalToken(), discharged);

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    String stayId = first.json().path("stayId").asText();
    assertThat(again.json().path("stayId").asText()).isEqualTo(stayId);

    Map<String, Object> lateReady = message("READY_FOR_DISCHARGE", nationalId, hospitalStay);
    lateReady.put("readyForDischargeAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusDays(2)));
    Api.Response ready = api.postJson("/api/hospital/messages", api.hospitalToken(), lateReady);
    assertThat(ready.status()).isEqualTo(202);
    assertThat(ready.json().path("outOfOrder").asBoolean()).isTrue();
    assertThat(jdbc.sql("select count(*) from transitions_hospital_message where stay_id = :id").param("id", stayId)
        .query(Long.class).single()).isEqualTo(2);

    String processInstance = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> management.createJobQuery().activityId("Timer_SummaryOverdue").processInstanceId(
            processOf(stayId)).list(), jobs -> jobs.size() == 1).get(0).getProcessInstanceId();
    management.executeJob(management.createJobQuery().processInstanceId(processInstance).activityId("Timer_SummaryOverdue")
        .singleResult().getId());
    JsonNode chase = work.awaitTask(stayId, "Task_ChaseSummary", "ingrid.berg");
    assertThat(chase.path("name").asText()).isEqualTo("Purr epikrisen fra sykehuset");

    Map<String, Object> summary = message("DISCHARGE_SUMMARY", nationalId, hospitalStay);
    summary.put("text", "Epikrise: utskrevet til hjemmet.");
    assertThat(api.postJson("/api/hospital/messages", api.hospitalToken(), summary).status()).isEqualTo(202);
    assertThat(stay(stayId).get("summary_at")).isNotNull();
  }

  @Test
  void healthInformationThatHasNotComeIsAskedForAndTheHospitalAnswers() {
    String nationalId = knownPatient();
    HospitalSimulator.PatientRef ref = new HospitalSimulator.PatientRef(nationalId, "Test", "Pasient", "1804");
    stayMetrics.refresh();
    double onTimeBefore = gauge("carepath_hospital_messages_on_time", "health_information");
    double expectedBefore = gauge("carepath_hospital_messages_expected", "health_information");
    try {
      assertThat(PLATFORM.hospital().send("ADMITTED", ref, null).statusCode()).isEqualTo(202);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    String stayId = stayOf(nationalId);

    String job = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> management.createJobQuery().activityId("StartEvent_HealthInformationOverdue")
            .processInstanceId(processOf(stayId)).list(), jobs -> jobs.size() == 1).get(0).getId();
    management.executeJob(job);
    JsonNode request = work.awaitTask(stayId, "Task_RequestHealthInformation", "ingrid.berg");
    assertThat(request.path("name").asText()).isEqualTo("Be sykehuset om helseopplysninger");
    assertThat(work.complete(request, "ingrid.berg", Map.of("healthInformationRequestOutcome", "SEND_REQUEST")).status())
        .as("the question is required").isEqualTo(400);
    assertThat(work.complete(request, "ingrid.berg", Map.of("healthInformationRequestOutcome", "SEND_REQUEST",
        "healthInformationRequestText", "Funksjonsnivå og forventet utskrivning?")).status()).isEqualTo(204);

    JsonNode asked = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> PLATFORM.hospital().received().stream()
            .filter(message -> "FORESPORSEL_HELSEOPPLYSNINGER".equals(message.path("type").asText())
                && nationalId.equals(message.path("patient").path("nationalId").asText())).findFirst(),
            java.util.Optional::isPresent).orElseThrow();
    assertThat(asked.path("content").path("question").asText()).isEqualTo("Funksjonsnivå og forventet utskrivning?");
    // the simulated ward answers five seconds later, on the same stay
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> stay(stayId).get("health_information") != null);
    assertThat((String) stay(stayId).get("health_information")).contains("Svar på forespørsel");

    stayMetrics.refresh();
    assertThat(gauge("carepath_hospital_messages_on_time", "health_information")).isEqualTo(onTimeBefore + 1);
    assertThat(gauge("carepath_hospital_messages_expected", "health_information")).isEqualTo(expectedBefore + 1);
  }

  @Test
  void aMessageNamingAnotherPatientThanItsStayIsRefusedAndNothingOfItIsKept() {
    String first = knownPatient();
    String other = knownPatient();
    String hospitalStay = "NLSH-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> admitted = message("ADMITTED", first, hospitalStay);
    assertThat(api.postJson("/api/hospital/messages", api.hospitalToken(), admitted).status()).isEqualTo(202);
    long[] before = counts();

    Map<String, Object> summary = message("DISCHARGE_SUMMARY", other, hospitalStay);
    summary.put("text", "Epikrise for en annen pasient.");
    Api.Response wrong = api.postJson("/api/hospital/messages", api.hospitalToken(), summary);

    assertThat(wrong.status()).isEqualTo(409);
    assertThat(wrong.body()).contains("gjelder en annen pasient").doesNotContain(other);
    assertThat(counts()).isEqualTo(before);
    assertThat(stay(stayOf(first)).get("summary_text")).isNull();
  }

  @Test
  void aStayTheHospitalIsSilentAboutIsCheckedAndADischargeWithoutAMessageIsRecordedAsNotNotified() {
    stayMetrics.refresh();
    double notNotifiedBefore = dischargesNotNotified();
    String nationalId = knownPatient();
    Map<String, Object> admitted = message("ADMITTED", nationalId, "NLSH-" + UUID.randomUUID().toString().substring(0, 8));
    Api.Response response = api.postJson("/api/hospital/messages", api.hospitalToken(), admitted);
    assertThat(response.status()).isEqualTo(202);
    String stayId = response.json().path("stayId").asText();

    String job = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> management.createJobQuery().activityId("Timer_StaySilent").processInstanceId(processOf(stayId)).list(),
            jobs -> jobs.size() == 1).get(0).getId();
    // fifteen days of silence from the hospital
    jdbc.sql("update transitions_hospital_message set received_at = received_at - interval '15 days' where stay_id = :id")
        .param("id", stayId).update();
    management.executeJob(job);
    JsonNode check = work.awaitTask(stayId, "Task_CheckStayStatus", "ingrid.berg");
    LocalDate yesterday = LocalDate.now(OSLO).minusDays(1);
    assertThat(work.complete(check, "ingrid.berg", Map.of("stayCheckOutcome", "DISCHARGED",
        "stayCheckNote", "Post 3: utskrevet i går.")).status()).as("the day is required").isEqualTo(400);
    assertThat(work.complete(check, "ingrid.berg", Map.of("stayCheckOutcome", "DISCHARGED",
        "stayCheckDischargedOn", yesterday.toString(), "stayCheckNote", "Post 3: utskrevet i går.")).status())
        .isEqualTo(204);

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> stay(stayId).get("discharged_at") != null);
    assertThat(stay(stayId).get("discharge_notified")).isEqualTo(false);
    assertThat(((java.sql.Timestamp) stay(stayId).get("discharged_at")).toInstant())
        .isEqualTo(yesterday.atTime(12, 0).atZone(OSLO).toInstant());
    assertThat(stay(stayId).get("status")).isEqualTo("DISCHARGED");
    stayMetrics.refresh();
    assertThat(dischargesNotNotified()).isEqualTo(notNotifiedBefore + 1);
  }

  @Test
  void aPatientTheMunicipalityDoesNotKnowBecomesATaskForTheAllocationOffice() {
    String nationalId = Referrals.syntheticNationalId();
    Map<String, Object> admitted = message("ADMITTED", nationalId, "NLSH-" + UUID.randomUUID().toString().substring(0, 8));

    Api.Response response = api.postJson("/api/hospital/messages", api.hospitalToken(), admitted);

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    String stayId = response.json().path("stayId").asText();
    JsonNode task = work.awaitTask(stayId, "Task_IdentifyPatient", "ingrid.berg");
    assertThat(task.path("name").asText()).isEqualTo("Avklar ukjent pasient fra sykehuset");
    assertThat(api.get("/engine-rest/task?processVariables=stayId_eq_" + stayId, api.tokenOf("jonas.lie")).json())
        .as("a nurse does not see it").isEmpty();
    assertThat(stay(stayId).get("patient_known")).isEqualTo(false);

    assertThat(work.complete(task, "ingrid.berg", Map.of("identifyOutcome", "NOT_OURS",
        "identifyNote", "Bor i Saltdal; meldingen er sendt dit.")).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> "CLOSED".equals(stay(stayId).get("status")));
    Map<String, Object> ready = message("READY_FOR_DISCHARGE", nationalId, (String) stay(admitted).get("stayId"));
    ready.put("readyForDischargeAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusMinutes(5)));
    Api.Response late = api.postJson("/api/hospital/messages", api.hospitalToken(), ready);
    assertThat(late.status()).isEqualTo(202);
    assertThat(late.json().path("outOfOrder").asBoolean()).as("the stay was closed as not the municipality's").isTrue();
    assertThat(stay(stayId).get("status")).isEqualTo("CLOSED");
    assertThat(stay(stayId).get("ready_at")).isNull();
  }

  static Stream<Arguments> badMessages() {
    return Stream.of(
        bad("a national ID with a wrong check digit", "patient.nationalId", "kontrollsiffer",
            m -> patient(m).put("nationalId", "17844818018")),
        bad("a ready-for-discharge without its time", "readyForDischargeAt", "readyForDischargeAt mangler",
            m -> m.put("type", "READY_FOR_DISCHARGE")),
        bad("a discharge summary without text", "text", "epikrise", m -> m.put("type", "DISCHARGE_SUMMARY")),
        bad("an admission in the future", "stay.admittedAt", "fram i tid",
            m -> stay(m).put("admittedAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).plusDays(1)))),
        bad("an unknown type", "type", "type", m -> m.put("type", "TRANSFERRED")),
        bad("a municipality Carepath does not serve", "municipalityNumber", "bruker ikke Carepath",
            m -> m.put("municipalityNumber", "0301")),
        bad("a bad organisation number", "hospital.organisationNumber", "ni sifre",
            m -> ((Map<String, Object>) m.get("hospital")).put("organisationNumber", "98397488")),
        bad("another hospital's organisation number", "hospital.organisationNumber", "eget helseforetak",
            m -> ((Map<String, Object>) m.get("hospital")).put("organisationNumber", "974795787")),
        bad("a padded municipality number", "municipalityNumber", "fire sifre", m -> m.put("municipalityNumber", " 1804")),
        bad("a planned discharge before the admission", "stay.plannedDischargeDate", "før innleggelsen",
            m -> stay(m).put("plannedDischargeDate", LocalDate.now(OSLO).minusDays(10).toString())),
        bad("an unknown field", "fodselsnummer", "fodselsnummer", m -> m.put("fodselsnummer", "123")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMessages")
  void aBadMessageGets400NamingTheFieldAndStoresNothing(String what, String field, String hint,
      Consumer<Map<String, Object>> breakIt) {
    Map<String, Object> message = message("ADMITTED", Referrals.syntheticNationalId(), "NLSH-BAD");
    breakIt.accept(message);
    long[] before = counts();

    Api.Response response = api.postJson("/api/hospital/messages", api.hospitalToken(), message);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(hint).doesNotContain("Exception").doesNotContain("at no.carepath");
    assertThat(response.body()).contains(field);
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void onlyTheHospitalIntegrationMayPost() {
    Map<String, Object> message = message("ADMITTED", Referrals.syntheticNationalId(), "NLSH-AUTH");
    long[] before = counts();

    assertThat(api.postJson("/api/hospital/messages", null, message).status()).isEqualTo(401);
    assertThat(api.postJson("/api/hospital/messages", api.monitoringToken(), message).status()).isEqualTo(403);
    assertThat(api.postJson("/api/hospital/messages", api.tokenOf("ingrid.berg"), message).status()).isEqualTo(403);
    assertThat(api.postJson("/api/hospital/messages", api.hospitalToken(), "{\"messageId\": ").status()).isEqualTo(400);
    assertThat(counts()).isEqualTo(before);
  }

  private String knownPatient() {
    Map<String, Object> referral = Referrals.gpReferral();
    Api.Response received = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral);
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    return (String) ((Map<?, ?>) referral.get("patient")).get("nationalId");
  }

  private static Arguments bad(String what, String field, String hint, Consumer<Map<String, Object>> breakIt) {
    return Arguments.of(what, field, hint, breakIt);
  }

  private static Map<String, Object> message(String type, String nationalId, String hospitalStay) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("messageId", "NLSH-MSG-" + UUID.randomUUID());
    message.put("type", type);
    message.put("sentAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusMinutes(1)));
    message.put("municipalityNumber", "1804");
    message.put("hospital", new LinkedHashMap<>(Map.of("name", "Nordlandssykehuset", "organisationNumber", "983974880",
        "department", "Medisinsk avdeling")));
    Map<String, Object> stay = new LinkedHashMap<>();
    stay.put("stayId", hospitalStay);
    stay.put("admittedAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusDays(3)));
    stay.put("plannedDischargeDate", LocalDate.now(OSLO).plusDays(1).toString());
    message.put("stay", stay);
    message.put("patient", new LinkedHashMap<>(Map.of("nationalId", nationalId, "givenName", "Test",
        "familyName", "Pasient")));
    return message;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> patient(Map<String, Object> message) {
    return (Map<String, Object>) message.get("patient");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stay(Map<String, Object> message) {
    return (Map<String, Object>) message.get("stay");
  }

  private Map<String, Object> stay(String stayId) {
    return jdbc.sql("select * from transitions_stay where stay_id = :id").param("id", stayId).query().singleRow();
  }

  private String stayOf(String nationalId) {
    return jdbc.sql("""
            select s.stay_id from transitions_stay s join patient p on p.id = s.patient_id
            where p.national_id = :nid order by s.created_at desc limit 1
            """).param("nid", nationalId).query(String.class).single();
  }

  private double dischargesNotNotified() {
    return api.get("/actuator/prometheus", api.tokenOf("sigrid.holm")).body().lines()
        .filter(line -> line.startsWith("carepath_hospital_discharges_not_notified{") && line.contains("\"1804\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no carepath_hospital_discharges_not_notified for 1804"));
  }

  /** A gauge of municipality 1804 from {@code /actuator/prometheus}, read as the manager sigrid.holm. */
  private double gauge(String name, String message) {
    return api.get("/actuator/prometheus", api.tokenOf("sigrid.holm")).body().lines()
        .filter(line -> line.startsWith(name + "{") && line.contains("message=\"" + message + "\"")
            && line.contains("municipality=\"1804\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " for " + message));
  }

  private String processOf(String stayId) {
    return jdbc.sql("select id_ from act_ru_execution where business_key_ = :key and parent_id_ is null")
        .param("key", stayId).query(String.class).single();
  }

  private long[] counts() {
    return new long[] {jdbc.sql("select count(*) from transitions_stay").query(Long.class).single(),
        jdbc.sql("select count(*) from transitions_hospital_message").query(Long.class).single(),
        jdbc.sql("select count(*) from patient").query(Long.class).single()};
  }
}
