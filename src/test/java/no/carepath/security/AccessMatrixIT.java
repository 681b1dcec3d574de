package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import no.carepath.followup.Enrolment;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The written access model ({@link AccessModel}, {@code docs/access.md}) against the running
 * application and the real Keycloak: every endpoint of Carepath (enumerated from Spring's handler
 * mappings, so a new endpoint without a rule fails here) and the key resources of the engine's REST
 * API and the webapps' API, called as every identity of the realm (people of Bodø, of Narvik, a
 * regional nurse of both, every service account) and without any. A refusal by the access model is
 * a 403 from the security layer; everything the model allows gets past it, and another
 * municipality's case, episode or stay is 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT extends IntegrationTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** The Bodø applicant's family name: it must show on her cards, and nowhere a manager looks. */
  private static final String PATIENT_NAME = "Matriseby";

  /** A caller: a person (browser login and token) or a service account (token only). */
  record Identity(String name, Set<String> groups, boolean person) {
    Set<String> municipalities() {
      return groups.stream().filter(group -> group.startsWith(CarepathGroups.MUNICIPALITY_PREFIX))
          .map(group -> group.substring(CarepathGroups.MUNICIPALITY_PREFIX.length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static final List<Identity> IDENTITIES = List.of(
      person("ingrid.berg", CarepathGroups.ALLOCATION_OFFICE, "1804"),
      person("jonas.lie", CarepathGroups.HOME_FOLLOW_UP_NURSES, "1804"),
      person("marte.dahl", CarepathGroups.TEAM_LEADERS, "1804"),
      person("erik.moen", CarepathGroups.PROCESS_OWNERS, "1804"),
      person("sigrid.holm", CarepathGroups.MANAGERS, "1804"),
      person("lars.vik", CarepathGroups.ADMINISTRATORS, "1804"),
      person("hanne.strand", CarepathGroups.ALLOCATION_OFFICE, "1806"),
      person("ola.bakke", CarepathGroups.HOME_FOLLOW_UP_NURSES, "1806"),
      person("kari.eide", CarepathGroups.TEAM_LEADERS, "1806"),
      person("even.nygard", CarepathGroups.PROCESS_OWNERS, "1806"),
      person("tone.haugen", CarepathGroups.MANAGERS, "1806"),
      person("mari.sandvik", CarepathGroups.HOME_FOLLOW_UP_NURSES, "1804", "1806"),
      new Identity("carepath-workers", Set.of(CarepathGroups.SYSTEM_WORKERS), false),
      new Identity("carepath-integrations", Set.of(CarepathGroups.SYSTEM_INTEGRATIONS, "municipality-1804",
          "municipality-1806"), false),
      new Identity("carepath-monitoring", Set.of(CarepathGroups.SYSTEM_MONITORING, "municipality-1804",
          "municipality-1806"), false),
      new Identity("carepath-messaging", Set.of(CarepathGroups.SYSTEM_MESSAGING, "municipality-1804",
          "municipality-1806"), false),
      new Identity("carepath-hospital", Set.of(CarepathGroups.SYSTEM_HOSPITAL, "hospital-983974880",
          "municipality-1804", "municipality-1806"), false));

  /** One call to make: method, concrete path, JSON body (or form fields for pages), and which Bodø data it names. */
  record Call(HttpMethod method, String path, String body, boolean namesBodoData) {
  }

  private final Api api = new Api(PLATFORM);
  private final Map<String, BrowserSession> sessions = new ConcurrentHashMap<>();

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;
  @Autowired
  JdbcClient jdbc;

  private String bodoCase;
  private String bodoEpisode;
  private String bodoStay;
  private String bodoInstance;
  private String bodoTask;
  private String narvikCase;
  private String narvikInstance;
  private String narvikTask;

  @BeforeAll
  void createDataInBothMunicipalities() {
    Enrolment.Patient patient = new Enrolment(api, PLATFORM).planned();
    bodoCase = patient.caseId();
    bodoEpisode = patient.episodeId();
    Map<String, Object> admitted = hospitalMessage(patient.nationalId());
    assertThat(api.postJson("/api/hospital/messages", api.hospitalToken(), admitted).status()).isEqualTo(202);
    bodoStay = jdbc.sql("""
            select s.stay_id from transitions_stay s join patient p on p.id = s.patient_id
            where p.national_id = :nid order by s.created_at desc limit 1
            """).param("nid", patient.nationalId()).query(String.class).single();

    Map<String, Object> bodoApplication = Referrals.application();
    @SuppressWarnings("unchecked")
    Map<String, Object> applicant = (Map<String, Object>) bodoApplication.get("patient");
    applicant.put("familyName", PATIENT_NAME);
    String application = api.postJson("/api/intake/applications", api.integrationsToken(), bodoApplication)
        .json().path("caseId").asText();
    JsonNode bodo = awaitTask("ingrid.berg", application);
    bodoInstance = bodo.path("processInstanceId").asText();
    bodoTask = bodo.path("id").asText();

    Map<String, Object> narvikApplication = Referrals.application();
    narvikApplication.put("municipalityNumber", "1806");
    Api.Response received = api.postJson("/api/intake/applications", api.integrationsToken(), narvikApplication);
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    narvikCase = received.json().path("caseId").asText();
    JsonNode narvik = awaitTask("hanne.strand", narvikCase);
    narvikInstance = narvik.path("processInstanceId").asText();
    narvikTask = narvik.path("id").asText();
  }

  // ---------------------------------------------------------------- the model covers every endpoint

  @Test
  void everyEndpointOfCarepathHasARuleThatLetsSomebodyIn() {
    SoftAssertions softly = new SoftAssertions();
    for (Call call : carepathEndpoints()) {
      AccessModel.Rule rule = AccessModel.ruleFor(call.method(), call.path());
      softly.assertThat(rule.isDenied()).as(call.method() + " " + call.path() + " has no rule of its own in AccessModel")
          .isFalse();
    }
    softly.assertAll();
  }

  // ---------------------------------------------------------------- the matrix

  @Test
  void everyEndpointAnswersEveryIdentityAsTheModelSays() {
    List<Call> calls = new ArrayList<>(carepathEndpoints());
    calls.addAll(engineResources("/engine-rest"));
    SoftAssertions softly = new SoftAssertions();
    for (Call call : calls) {
      boolean page = isBrowserPath(call.path());
      AccessModel.Rule rule = AccessModel.ruleFor(call.method(), withoutQuery(call.path()));
      Api.Response anonymous = anonymous(call);
      if (!rule.isPublic()) {
        // a form sent without a session has no CSRF token either: refused before the login is asked for
        softly.assertThat(anonymous.status()).as("anonymous " + call.method() + " " + call.path())
            .isIn(page ? (call.method() == HttpMethod.GET ? List.of(302, 401) : List.of(302, 401, 403)) : List.of(401));
      }
      for (Identity identity : IDENTITIES) {
        if (page && !identity.person()) {
          continue;
        }
        Api.Response response = call(identity, call);
        String what = identity.name() + " " + call.method() + " " + call.path() + " -> " + response.status();
        boolean allowed = rule.allows(identity.groups());
        softly.assertThat(refusedBySecurityLayer(response, page)).as(what + " (model: " + (allowed ? "allowed" : "refused")
            + ", " + rule.what() + ")").isEqualTo(!allowed);
        softly.assertThat(response.status()).as(what).isNotEqualTo(500);
        softly.assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("org.camunda")
            .doesNotContain("at no.carepath");
        if (allowed && call.namesBodoData() && call.method() == HttpMethod.GET
            && rule.data() == AccessModel.Data.OWN_MUNICIPALITY) {
          if (identity.municipalities().contains("1804")) {
            softly.assertThat(response.status()).as(what + ": own municipality").isBetween(200, 299);
          } else {
            softly.assertThat(response.status()).as(what + ": another municipality's data").isEqualTo(404);
          }
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void theWebappsApiFollowsTheModelForEveryPerson() {
    List<Call> calls = new ArrayList<>(engineResources("/camunda/api/engine/engine/default"));
    calls.add(new Call(HttpMethod.GET, "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", null,
        false));
    calls.add(new Call(HttpMethod.GET, "/camunda/api/admin/auth/user/default", null, false));
    SoftAssertions softly = new SoftAssertions();
    for (Call call : calls) {
      AccessModel.Rule rule = AccessModel.ruleFor(call.method(), withoutQuery(call.path()));
      for (Identity identity : IDENTITIES.stream().filter(Identity::person).toList()) {
        Api.Response response = call(identity, call);
        String what = identity.name() + " " + call.method() + " " + call.path() + " -> " + response.status();
        boolean allowed = rule.allows(identity.groups());
        softly.assertThat(refusedBySecurityLayer(response, false)).as(what).isEqualTo(!allowed);
        softly.assertThat(response.status()).as(what).isNotEqualTo(500);
        softly.assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("org.camunda");
      }
    }
    softly.assertAll();
  }

  // ---------------------------------------------------------------- municipalities in the engine

  @Test
  void aBodoCaseWorkerSeesAndWorksBodoTasksOnlyThroughEveryChannel() {
    String token = api.tokenOf("ingrid.berg");
    assertThat(api.get("/engine-rest/task?processInstanceId=" + bodoInstance, token).json()).hasSize(1);
    assertThat(api.get("/engine-rest/task?processInstanceId=" + narvikInstance, token).json()).isEmpty();
    for (String path : List.of("/engine-rest/task/" + narvikTask, "/engine-rest/task/" + narvikTask + "/variables",
        "/engine-rest/task/" + narvikTask + "/form-variables")) {
      Api.Response response = api.get(path, token);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.json().path("type").asText()).isEqualTo("NotFound");
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.camunda").doesNotContain("tenant");
    }
    assertThat(api.postJson("/engine-rest/task/" + narvikTask + "/claim", token, Map.of("userId", "ingrid.berg")).status())
        .isEqualTo(404);
    // her own task's comments (the Tasklist's "Legg til kommentar")
    assertThat(api.postJson("/engine-rest/task/" + bodoTask + "/comment/create", token, Map.of("message", "Ringt datteren"))
        .status()).isEqualTo(200);
    assertThat(api.get("/engine-rest/task/" + bodoTask + "/comment", token).body()).contains("Ringt datteren");
    assertThat(api.get("/engine-rest/task/" + narvikTask + "/comment", token).status()).isEqualTo(404);

    BrowserSession tasklist = session("ingrid.berg");
    String all = tasklist.getJson("/camunda/api/engine/engine/default/task?maxResults=500").body();
    assertThat(all).contains(bodoTask).doesNotContain(narvikTask);
    assertThat(tasklist.getJson("/camunda/api/engine/engine/default/task/" + narvikTask + "/form-variables").status())
        .isEqualTo(404);

    BrowserSession narvik = session("hanne.strand");
    assertThat(narvik.getJson("/camunda/api/engine/engine/default/task?maxResults=500").body())
        .contains(narvikTask).doesNotContain(bodoTask);
  }

  @Test
  void theTasklistCardsNameThePatientAndCaseForThoseWhoMayWorkTheTask() {
    BrowserSession tasklist = session("ingrid.berg");
    String filter = null;
    for (JsonNode candidate : tasklist.getJson("/camunda/api/engine/engine/default/filter?resourceType=Task").json()) {
      if (candidate.path("name").asText().equals("Tildelingskontoret")) {
        filter = candidate.path("id").asText();
      }
    }
    assertThat(filter).as("the allocation office's filter").isNotNull();
    String list = "/camunda/api/engine/engine/default/filter/" + filter + "/list?firstResult=0&maxResults=200";
    JsonNode cards = await().atMost(Duration.ofSeconds(10)).until(() -> tasklist.postHal(list,
        "{\"processInstanceId\":\"" + bodoInstance + "\"}").json(), json -> json.path("_embedded").has("task"));
    // each card's variables are embedded in its task
    JsonNode variables = cards.path("_embedded").path("task").get(0).path("_embedded").path("variable");
    assertThat(variables.findValuesAsText("name")).contains("cardPatient", "cardReference");
    assertThat(variables.toString()).contains(PATIENT_NAME);
    assertThat(session("hanne.strand").postHal(list, "{\"processInstanceId\":\"" + bodoInstance + "\"}").body())
        .doesNotContain(PATIENT_NAME);
  }

  @Test
  void aProcessOwnerRepairsInstancesWithoutReadingOrWritingWhatTheySay() {
    String token = api.tokenOf("erik.moen");
    assertThat(api.get("/engine-rest/process-instance/" + bodoInstance, token).status()).isEqualTo(200);
    Api.Response variables = api.get("/engine-rest/process-instance/" + bodoInstance + "/variables", token);
    assertThat(variables.status()).isEqualTo(403);
    assertThat(variables.body()).doesNotContain("Hansen").doesNotContain("AuthorizationException");
    Api.Response write = api.putJson("/engine-rest/process-instance/" + bodoInstance + "/variables/patientLabel", token,
        Map.of("value", "Endret", "type", "String"));
    assertThat(write.status()).isEqualTo(403);
    assertThat(api.get("/engine-rest/history/variable-instance?processInstanceId=" + bodoInstance, token).status())
        .isEqualTo(403);
    assertThat(api.get("/engine-rest/history/detail?processInstanceId=" + bodoInstance, token).status()).isEqualTo(403);
    Api.Response search = api.get("/engine-rest/process-instance?variables=patientLabel_like_%25Hansen%25", token);
    assertThat(search.status()).isEqualTo(403);
    assertThat(search.body()).contains("variabelverdier");
    assertThat(api.get("/engine-rest/history/process-instance?variables=patientLabel_like_%25a%25", token).status())
        .isEqualTo(403);
    // no other spelling gets past the guard, and nothing acts on a whole (shared) definition
    assertThat(api.get("/engine-rest/history/process-instance?%76ariables=patientLabel_like_%25a%25", token).status())
        .isEqualTo(403);
    assertThat(api.postJson("/engine-rest/execution/" + bodoInstance + "/signal", token,
        Map.of("variables", Map.of("x", Map.of("value", "y")))).status()).isEqualTo(403);
    assertThat(api.postJson("/engine-rest/external-task/fetchAndLock/", token, Map.of("workerId", "w", "maxTasks", 1,
        "topics", List.of(Map.of("topicName", "messaging-deliver-message", "lockDuration", 1000)))).status())
        .isEqualTo(403);
    assertThat(api.putJson("/engine-rest/process-definition/key/allocation-case/suspended", token,
        Map.of("suspended", true, "includeProcessInstances", true)).status()).isEqualTo(403);
    assertThat(api.delete("/engine-rest/deployment/any?cascade=true", token).status()).isEqualTo(403);
    // the engine's municipality check: a Narvik instance does not exist for a Bodø process owner
    assertThat(api.get("/engine-rest/process-instance/" + narvikInstance, token).status()).isEqualTo(404);
    assertThat(api.get("/engine-rest/history/process-instance?processInstanceId=" + narvikInstance, token).json())
        .isEmpty();
    // break-glass: one value, with a reason, logged
    Api.Response short_ = api.postJson("/api/break-glass/process-instances/" + bodoInstance + "/variables/caseId", token,
        Map.of("reason", "trenger"));
    assertThat(short_.status()).isEqualTo(400);
    Api.Response glass = api.postJson("/api/break-glass/process-instances/" + bodoInstance + "/variables/caseId", token,
        Map.of("reason", "Insident i brevutsending: må se saksnummeret for å finne brevet"));
    assertThat(glass.status()).as(glass.body()).isEqualTo(200);
    assertThat(glass.json().path("value").asText()).startsWith("SAK-");
    assertThat(jdbc.sql("select count(*) from security_access_log where actor_id = 'erik.moen' and what = 'break-glass-read'"
        + " and basis like 'BREAK_GLASS: Insident%' and own_work = false").query(Integer.class).single()).isEqualTo(1);
    assertThat(api.postJson("/api/break-glass/process-instances/" + narvikInstance + "/variables/caseId", token,
        Map.of("reason", "Insident i brevutsending: må se saksnummeret for å finne brevet")).status()).isEqualTo(404);
  }

  @Test
  void aManagerSeesNoPatientThroughAnyChannel() {
    String token = api.tokenOf("sigrid.holm");
    for (String path : List.of("/engine-rest/process-instance", "/engine-rest/history/variable-instance",
        "/engine-rest/history/detail", "/engine-rest/variable-instance", "/engine-rest/history/process-instance")) {
      assertThat(api.get(path, token).status()).as(path).isEqualTo(403);
    }
    // the Tasklist's tasks: only the quality loop's tasks offered to the managers, never a patient's
    Api.Response tasks = api.get("/engine-rest/task?maxResults=500", token);
    assertThat(tasks.status()).isEqualTo(200);
    tasks.json().forEach(task -> assertThat(task.path("processDefinitionId").asText())
        .matches("^(quality-escalation|quality-annual-review):.*"));
    assertThat(api.get("/engine-rest/task/" + bodoTask, token).status()).isEqualTo(404);
    assertThat(api.get("/engine-rest/task/" + bodoTask + "/variables", token).status()).isIn(403, 404);
    BrowserSession cockpit = session("sigrid.holm");
    assertThat(cockpit.getJson("/camunda/api/engine/engine/default/variable-instance?maxResults=50").status())
        .isEqualTo(403);
    for (String path : List.of("/camunda/api/engine/engine/default/process-instance?maxResults=50",
        "/camunda/api/engine/engine/default/history/process-instance?maxResults=50",
        "/camunda/api/engine/engine/default/task?maxResults=50&processInstanceId=" + bodoInstance)) {
      Api.Response response = cockpit.getJson(path);
      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.json()).as(path).isEmpty();
    }
    Api.Response history = cockpit.getJson("/camunda/api/engine/engine/default/history/variable-instance");
    assertThat(history.status()).isEqualTo(403);
    Api.Response search = cockpit.sendJson("POST", "/camunda/api/cockpit/plugin/base/default/process-instance",
        "{\"variables\":[{\"name\":\"patientLabel\",\"operator\":\"like\",\"value\":\"%a%\"}]}");
    assertThat(search.status()).isEqualTo(403);
    assertThat(cockpit.getPage("/app/stays").status()).isEqualTo(403);
    Api.Response timeliness = cockpit.getPage("/app/stays/timeliness");
    assertThat(timeliness.status()).isEqualTo(200);
    assertThat(timeliness.body()).doesNotContain("Test Pasient").doesNotContain(PATIENT_NAME).doesNotContain(bodoStay);
  }

  @Test
  void aNurseSeesOnlyStaysOfPatientsInFollowUp() {
    // a patient known to the allocation office only (a GP referral), admitted to hospital
    java.util.Map<String, Object> referral = Referrals.gpReferral();
    String nationalId = (String) ((java.util.Map<?, ?>) referral.get("patient")).get("nationalId");
    assertThat(api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral).status()).isEqualTo(201);
    assertThat(api.postJson("/api/hospital/messages", api.hospitalToken(), hospitalMessage(nationalId)).status())
        .isEqualTo(202);
    String stay = jdbc.sql("""
            select s.stay_id from transitions_stay s join patient p on p.id = s.patient_id
            where p.national_id = :nid order by s.created_at desc limit 1
            """).param("nid", nationalId).query(String.class).single();

    assertThat(session("jonas.lie").getPage("/app/stays/" + stay).status()).isEqualTo(404);
    assertThat(session("jonas.lie").getPage("/app/stays").body()).doesNotContain(stay).contains(bodoStay);
    assertThat(session("ingrid.berg").getPage("/app/stays/" + stay).status()).isEqualTo(200);
    assertThat(session("jonas.lie").getPage("/app/stays/" + bodoStay).status()).isEqualTo(200);
  }

  @Test
  void systemAccountsReachOnlyTheirEndpointsAndNoStaffDirectory() {
    for (String token : List.of(api.integrationsToken(), api.monitoringToken(), api.messagingToken(),
        api.hospitalToken(), api.workersToken())) {
      for (String path : List.of("/engine-rest/user", "/engine-rest/group", "/engine-rest/identity/groups?userId=ingrid.berg",
          "/engine-rest/tenant", "/engine-rest/task", "/engine-rest/process-instance")) {
        assertThat(api.get(path, token).status()).as(path).isEqualTo(403);
      }
    }
    String workers = api.workersToken();
    assertThat(api.postJson("/engine-rest/job/any/execute", workers, Map.of()).status()).isEqualTo(403);
    assertThat(api.putJson("/engine-rest/process-instance/" + bodoInstance + "/variables/patientLabel", workers,
        Map.of("value", "x", "type", "String")).status()).isEqualTo(403);
    Api.Response foreignTopic = api.postJson("/engine-rest/external-task/fetchAndLock", workers, Map.of("workerId", "x",
        "maxTasks", 1, "topics", List.of(Map.of("topicName", "allocation-anything", "lockDuration", 1000,
            "variables", List.of("messageId")))));
    assertThat(foreignTopic.status()).isEqualTo(403);
    Api.Response moreVariables = api.postJson("/engine-rest/external-task/fetchAndLock", workers, Map.of("workerId", "x",
        "maxTasks", 1, "topics", List.of(Map.of("topicName", "messaging-deliver-message", "lockDuration", 1000,
            "variables", List.of("messageId", "patientLabel")))));
    assertThat(moreVariables.status()).isEqualTo(403);
    Api.Response allVariables = api.postJson("/engine-rest/external-task/fetchAndLock", workers, Map.of("workerId", "x",
        "maxTasks", 1, "topics", List.of(Map.of("topicName", "messaging-deliver-message", "lockDuration", 1000))));
    assertThat(allVariables.status()).isEqualTo(403);
  }

  @Test
  void aPersonSeesOnlyColleaguesOfHerOwnMunicipalities() {
    // Keycloak is the directory; the engine knows the people who have signed in
    for (String colleague : List.of("jonas.lie", "hanne.strand", "ola.bakke")) {
      session(colleague);
    }
    String users = session("ingrid.berg").getJson("/camunda/api/engine/engine/default/user?maxResults=200").body();
    assertThat(users).contains("jonas.lie").doesNotContain("hanne.strand").doesNotContain("ola.bakke");
    assertThat(session("ingrid.berg").getJson("/camunda/api/engine/engine/default/group?member=hanne.strand").json())
        .isEmpty();
    assertThat(session("ingrid.berg").getJson("/camunda/api/engine/engine/default/tenant?userMember=hanne.strand").json())
        .isEmpty();
    String regional = session("mari.sandvik").getJson("/camunda/api/engine/engine/default/user?maxResults=200").body();
    assertThat(regional).contains("jonas.lie").contains("ola.bakke");
    assertThat(session("mari.sandvik").getJson("/camunda/api/engine/engine/default/tenant?userMember=mari.sandvik").json())
        .hasSize(2);
  }

  @Test
  void everyRequestOfAnAdministratorIsRecordedAndSheSeesEveryMunicipality() {
    long before = jdbc.sql("select count(*) from security_admin_action where actor_id = 'lars.vik'").query(Long.class)
        .single();
    String token = api.tokenOf("lars.vik");
    assertThat(api.get("/engine-rest/task/" + narvikTask, token).status()).isEqualTo(200);
    assertThat(api.get("/engine-rest/task/" + bodoTask, token).status()).isEqualTo(200);
    // written after the answer has gone out
    await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
        "select count(*) from security_admin_action where actor_id = 'lars.vik'").query(Long.class).single(),
        count -> count == before + 2);
  }

  @Test
  void aFailedCsrfCheckIsRefusedWithoutEndingTheSession() {
    BrowserSession tasklist = BrowserSession.login(PLATFORM, "ingrid.berg");
    Api.Response forged = tasklist.sendJson("POST", "/camunda/api/engine/engine/default/task/" + bodoTask + "/claim",
        "{\"userId\":\"ingrid.berg\"}", "forged");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).contains("Du er fortsatt innlogget");
    assertThat(tasklist.getJson("/camunda/api/engine/engine/default/task/" + bodoTask).status()).isEqualTo(200);
    assertThat(tasklist.getJson("/camunda/api/admin/auth/user/default").json().path("userId").asText())
        .isEqualTo("ingrid.berg");
  }

  @Test
  void pagesAndApisSayHowTheirDataMayBeKept() {
    BrowserSession office = session("ingrid.berg");
    Api.Response page = office.getPage("/app/cases/" + bodoCase);
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
    assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertThat(office.getJson("/camunda/api/engine/engine/default/task/" + bodoTask + "/form-variables")
        .header("Cache-Control")).contains("no-store");
    assertThat(api.get("/api/cases/" + bodoCase, api.tokenOf("ingrid.berg")).header("Cache-Control")).contains("no-store");
    assertThat(api.get("/engine-rest/task/" + bodoTask + "/variables", api.tokenOf("ingrid.berg")).header("Cache-Control"))
        .contains("no-store");
  }

  @Test
  void theIconOfThePagesIsThereForEveryone() {
    // browsers ask for it with every page; a 404 fills their consoles
    Api.Response icon = api.getPage("/favicon.ico");
    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.header("Content-Type")).contains("icon");
  }

  // ---------------------------------------------------------------- the endpoints

  /** Every Carepath endpoint from Spring's handler mappings, with Bodø's ids filled in. */
  private List<Call> carepathEndpoints() {
    List<Call> calls = new ArrayList<>();
    // the register's change of a holding names Narvik: Bodø's team leader gets a 404, Narvik's a 400 (no level)
    Map<String, String> values = Map.ofEntries(Map.entry("caseId", bodoCase), Map.entry("episodeId", bodoEpisode),
        Map.entry("stayId", bodoStay), Map.entry("processInstanceId", bodoInstance), Map.entry("name", "caseId"),
        Map.entry("id", "red-response-time"), Map.entry("measure", "00000000-0000-0000-0000-000000000000"),
        Map.entry("version", "1"), Map.entry("municipality", "1806"), Map.entry("user", "ola.bakke"),
        Map.entry("code", "wound-care"));
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
      if (!mapping.getValue().getBeanType().getPackageName().startsWith("no.carepath")) {
        continue;
      }
      RequestMappingInfo info = mapping.getKey();
      Set<String> patterns = info.getPatternValues();
      Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        for (var method : methods.isEmpty() ? Set.of(org.springframework.web.bind.annotation.RequestMethod.GET) : methods) {
          String path = pattern;
          boolean namesData = false;
          for (Map.Entry<String, String> value : values.entrySet()) {
            if (path.contains("{" + value.getKey() + "}")) {
              namesData = true;
              path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
          }
          calls.add(new Call(HttpMethod.valueOf(method.name()), path, method.name().equals("GET") ? null : "{}", namesData));
        }
      }
    }
    calls.sort(java.util.Comparator.comparing(Call::path).thenComparing(call -> call.method().name()));
    return calls;
  }

  /** The engine's resources that matter for patient data, under one of its two roots. */
  private List<Call> engineResources(String root) {
    Function<String, Call> get = path -> new Call(HttpMethod.GET, root + path, null, false);
    return List.of(get.apply("/version"), get.apply("/task?maxResults=5"), get.apply("/task/" + bodoTask),
        get.apply("/task/" + bodoTask + "/variables"), get.apply("/task/" + bodoTask + "/form-variables"),
        get.apply("/filter?resourceType=Task"), get.apply("/process-definition?maxResults=5"),
        get.apply("/process-instance?maxResults=5"), get.apply("/process-instance/" + bodoInstance + "/variables"),
        get.apply("/variable-instance?maxResults=5"), get.apply("/history/process-instance?maxResults=5"),
        get.apply("/history/variable-instance?maxResults=5"), get.apply("/history/detail?maxResults=5"),
        get.apply("/history/activity-instance?maxResults=5"), get.apply("/incident?maxResults=5"),
        get.apply("/job?maxResults=5"), get.apply("/external-task?maxResults=5"), get.apply("/deployment?maxResults=5"),
        get.apply("/decision-definition?maxResults=5"), get.apply("/user?maxResults=5"), get.apply("/group?maxResults=5"),
        get.apply("/tenant?maxResults=5"), get.apply("/authorization?maxResults=5"), get.apply("/metrics/activity-instance/sum"),
        new Call(HttpMethod.PUT, root + "/process-instance/" + bodoInstance + "/variables/matrixProbe",
            "{\"value\":\"x\",\"type\":\"String\"}", false),
        // who may work a task: only administrators change it (a group nobody is in, so the data stay as they are)
        new Call(HttpMethod.POST, root + "/task/" + bodoTask + "/identity-links",
            "{\"groupId\":\"matrix-probe-nobody\",\"type\":\"candidate\"}", false),
        new Call(HttpMethod.POST, root + "/task/" + bodoTask + "/identity-links/delete",
            "{\"groupId\":\"matrix-probe-nobody\",\"type\":\"candidate\"}", false),
        new Call(HttpMethod.POST, root + "/task/" + bodoTask + "/bpmnError", "{\"errorCode\":\"matrixProbe\"}", false),
        new Call(HttpMethod.POST, root + "/task/" + bodoTask + "/bpmnEscalation", "{\"escalationCode\":\"matrixProbe\"}",
            false),
        new Call(HttpMethod.POST, root + "/task/create", "{\"id\":\"matrix-probe\",\"name\":\"x\"}", false),
        new Call(HttpMethod.POST, root + "/message", "{}", false),
        new Call(HttpMethod.POST, root + "/external-task/fetchAndLock", "{}", false),
        new Call(HttpMethod.POST, root + "/job/none/execute", "{}", false),
        new Call(HttpMethod.PUT, root + "/job/none/retries", "{\"retries\":1}", false),
        new Call(HttpMethod.PUT, root + "/job/none/duedate", "{\"duedate\":\"2027-01-01T00:00:00.000+0100\"}", false),
        new Call(HttpMethod.PUT, root + "/incident/none/annotation", "{\"annotation\":\"x\"}", false));
  }

  // ---------------------------------------------------------------- calling

  private Api.Response call(Identity identity, Call call) {
    if (isBrowserPath(call.path())) {
      BrowserSession session = session(identity.name());
      if (call.path().startsWith("/camunda/api")) {
        return call.method() == HttpMethod.GET ? session.getJson(call.path())
            : session.sendJson(call.method().name(), call.path(), call.body() == null ? "{}" : call.body());
      }
      return call.method() == HttpMethod.GET ? session.getPage(call.path()) : session.postForm(call.path(), Map.of());
    }
    String token = token(identity);
    return send(call, token);
  }

  private Api.Response anonymous(Call call) {
    return isBrowserPath(call.path()) && call.method() == HttpMethod.GET ? api.getPage(call.path()) : send(call, null);
  }

  private Api.Response send(Call call, String token) {
    return switch (call.method().name()) {
      case "GET" -> api.get(call.path(), token);
      case "PUT" -> api.putJson(call.path(), token, Api.JSON.convertValue(readTree(call.body()), Map.class));
      default -> call.path().startsWith("/fhir") ? api.postFhir(call.path(), token, call.body())
          : api.postJson(call.path(), token, call.body());
    };
  }

  private static JsonNode readTree(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String token(Identity identity) {
    return switch (identity.name()) {
      case "carepath-workers" -> api.workersToken();
      case "carepath-integrations" -> api.integrationsToken();
      case "carepath-monitoring" -> api.monitoringToken();
      case "carepath-messaging" -> api.messagingToken();
      case "carepath-hospital" -> api.hospitalToken();
      default -> api.tokenOf(identity.name());
    };
  }

  private BrowserSession session(String username) {
    return sessions.computeIfAbsent(username, name -> BrowserSession.login(PLATFORM, name));
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static boolean isBrowserPath(String path) {
    return path.startsWith("/app") || path.startsWith("/camunda") || path.equals("/");
  }

  /** A refusal by the access model: Spring Security's 403 (problem JSON, or the Norwegian error page). */
  static boolean refusedBySecurityLayer(Api.Response response, boolean page) {
    if (response.status() != 403) {
      return false;
    }
    if (response.uri() != null && response.uri().contains("/fhir")) {
      return response.body().contains("\"code\":\"forbidden\"") && response.body().contains("Ingen tilgang");
    }
    return page ? response.body().contains("Ingen tilgang") : response.body().contains("\"title\":\"Ingen tilgang\"");
  }

  private JsonNode awaitTask(String user, String caseId) {
    String token = api.tokenOf(user);
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/engine-rest/task?taskDefinitionKey=Task_AssessNeeds&processVariables=caseId_eq_" + caseId,
            token).json(), tasks -> tasks.size() == 1).get(0);
  }

  private static Map<String, Object> hospitalMessage(String nationalId) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("messageId", "NLSH-MSG-" + java.util.UUID.randomUUID());
    message.put("type", "ADMITTED");
    message.put("sentAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusMinutes(1)));
    message.put("municipalityNumber", "1804");
    message.put("hospital", new LinkedHashMap<>(Map.of("name", "Nordlandssykehuset", "organisationNumber", "983974880",
        "department", "Medisinsk avdeling")));
    message.put("stay", new LinkedHashMap<>(Map.of("stayId", "NLSH-" + java.util.UUID.randomUUID().toString().substring(0, 8),
        "admittedAt", no.carepath.Today.iso(OffsetDateTime.now(OSLO).minusDays(1)),
        "plannedDischargeDate", LocalDate.now(OSLO).plusDays(2).toString())));
    message.put("patient", new LinkedHashMap<>(Map.of("nationalId", nationalId, "givenName", "Test", "familyName", "Pasient")));
    return message;
  }

  private static Identity person(String name, String role, String... municipalities) {
    Set<String> groups = new java.util.HashSet<>(Set.of(role));
    for (String municipality : municipalities) {
      groups.add(CarepathGroups.MUNICIPALITY_PREFIX + municipality);
    }
    return new Identity(name, Set.copyOf(groups), true);
  }
}
