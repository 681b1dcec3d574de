package no.carepath.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.TestPlatform;
import no.carepath.followup.triage.VitalSign;
import no.carepath.simulator.HospitalSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of the production jar on one PostgreSQL behind Debian's HAProxy (issue 14): a deviation
 * committed on a node that then dies gets its nurse task from the other; under concurrent readings
 * through the balancer, with a node killed ({@code kill -9}) and started again, every reading
 * answered 2xx is stored exactly once and nothing unsent is stored, every deviation has one process
 * and every open one one nurse task, every admission answered 202 gets one admission report to the
 * hospital (delivered once); a signed-in session survives the kill of a node; and the two nodes'
 * missed-measurement sweeps give one alarm per silence. The restart times are written to
 * {@code target/two-nodes/restarts.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

  private static final Duration FIRST_START = Duration.ofMinutes(6);
  /** What a restart may take in this test, on a machine shared with the rest of the suite (target: 30 s). */
  private static final Duration RESTART = Duration.ofMinutes(3);
  private final Observations observations = new Observations("urn:carepath:two-nodes-it");
  private static final String NURSE_TASKS = "('Task_HandleYellowDeviation', 'Task_HandleRedDeviation')";

  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);
  private final Path directory = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/two-nodes");
  private final List<String> restarts = new ArrayList<>();
  private Cluster cluster;
  private Node a;
  private Node b;
  private List<Cluster.Patient> silent;

  @BeforeAll
  void start() {
    cluster = Cluster.create(platform, directory, 2, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"));
    a = cluster.node(0);
    b = cluster.node(1);
    for (Node node : cluster.nodes()) {
      // short locks and sweeps, so that what a killed node held is taken over within the test
      node.with("CAREPATH_JOB_LOCK_TIME_MS", "20000").with("CAREPATH_WORKER_LOCK_MS", "15000")
          .with("CAREPATH_FOLLOWUP_MISSED_READING_CHECK_INTERVAL", "PT3S");
    }
    // node a first and alone: it migrates the empty database
    a.with("CAREPATH_FOLLOWUP_DEVIATION_SIGNAL_THREADS", "0").start();
    a.awaitReady(FIRST_START);
  }

  @AfterAll
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    Files.createDirectories(directory);
    Files.write(directory.resolve("restarts.txt"), restarts);
  }

  @Test
  @Order(1)
  void aDeviationCommittedOnANodeThatDiesGetsItsNurseTaskFromTheOtherNode() throws Exception {
    // node a commits deviations but gives none to the engine (no signal threads): then it dies
    List<Cluster.Patient> patients = cluster.enrol(10, Duration.ofHours(1), VitalSign.SPO2.code());
    for (Cluster.Patient patient : patients) {
      assertThat(observations.post(a.url(), api.monitoringToken(),
          observations.spo2(patient.nationalId(), UUID.randomUUID().toString(), 86)).statusCode())
          .isEqualTo(201);
    }
    List<String> deviations = deviationsOf(patients);
    assertThat(deviations).hasSize(10);
    assertThat(cluster.jdbc().sql("select count(*) from followup_deviation where deviation_id in (:ids)"
        + " and signalled_colour is null").param("ids", deviations).query(Long.class).single())
        .as("committed, no process yet").isEqualTo(10);
    assertThat(a.kill()).as("kill -9").isEqualTo(137);
    // silent patients from now on: both nodes' sweeps run long before the last test looks
    silent = cluster.enrol(8, Duration.ofDays(3), VitalSign.SPO2.code());

    b.start();
    Duration bFirst = b.awaitReady(FIRST_START);
    restarts.add("node b first start (a dead): " + bFirst.toMillis() + " ms");
    await("node b gives a's deviations their nurse tasks").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> nurseTasks(deviations).values().stream().allMatch(count -> count == 1));
    assertOneProcessAndOneTaskEach(deviations);

    a.with("CAREPATH_FOLLOWUP_DEVIATION_SIGNAL_THREADS", null).start();
    restarts.add("node a after kill -9 (b serving): " + a.awaitReady(RESTART).toMillis() + " ms");
  }

  @Test
  @Order(2)
  void underLoadThroughTheBalancerWithANodeKilledNothingIsLostDoubledOrInvented() throws Exception {
    List<Cluster.Patient> readers = cluster.enrol(150, Duration.ofHours(1), VitalSign.SPO2.code());
    List<Cluster.Patient> admitted = cluster.enrol(20, Duration.ofHours(1), VitalSign.SPO2.code());
    int total = 2400;
    Map<String, Integer> answered = new ConcurrentHashMap<>();
    Set<String> sent = ConcurrentHashMap.newKeySet();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger resendsAnswered200 = new AtomicInteger();
    AtomicInteger refusedResends = new AtomicInteger();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    ExecutorService clients = Executors.newFixedThreadPool(10);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      work.add(clients.submit(() -> {
        for (int n = done.getAndIncrement(); n < total; n = done.getAndIncrement()) {
          Cluster.Patient patient = readers.get(ThreadLocalRandom.current().nextInt(readers.size()));
          String identifier = UUID.randomUUID().toString();
          String body = observations.spo2OfTheMix(patient.nationalId(), identifier);
          sent.add(identifier);
          int status = sendAsAClientWould(body, statuses);
          answered.put(identifier, status);
          if (status / 100 == 2 && ThreadLocalRandom.current().nextDouble() < 0.05) {
            // the platform resends what it is unsure of: through the balancer, often to the other node
            int again = sendAsAClientWould(body, statuses);
            if (again == 200) {
              resendsAnswered200.incrementAndGet();
            } else {
              refusedResends.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    Map<String, Integer> admissions = new ConcurrentHashMap<>();
    work.add(clients.submit(() -> {
      for (Cluster.Patient patient : admitted) {
        HospitalSimulator.PatientRef ref = new HospitalSimulator.PatientRef(patient.nationalId(), "Node", "Test", "1804");
        int status = 0;
        for (int attempt = 0; attempt < 8 && status != 202; attempt++) {
          try {
            status = cluster.hospital().send("ADMITTED", ref, null).statusCode();
          } catch (IOException e) {
            status = 0;
          }
          if (status != 202) {
            Thread.sleep(1000);
          }
        }
        admissions.put(patient.nationalId(), status);
        Thread.sleep(400);
      }
      return null;
    }));
    Future<Duration> crash = clients.submit(() -> {
      await().atMost(Duration.ofMinutes(5)).until(() -> done.get() >= total / 3);
      assertThat(a.kill()).isEqualTo(137);
      a.start();
      return a.awaitReady(RESTART);
    });
    for (Future<?> future : work) {
      future.get();
    }
    restarts.add("node a after kill -9 under load (b serving): " + crash.get().toMillis() + " ms");
    clients.shutdown();
    restarts.add("answers under load (status: count, 0 = no answer): " + statuses);

    // settled: every deviation given to the engine, every admission report out of the outbox
    await("deviations signalled and messages delivered").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> cluster.jdbc().sql("""
            select count(*) from followup_deviation
            where status = 'OPEN' and (signalled_colour is null or signalled_colour <> colour)
            """).query(Long.class).single() == 0
            && cluster.jdbc().sql("select count(*) from messaging_outbox where status = 'PENDING'")
            .query(Long.class).single() == 0);

    // every reading answered 2xx is stored, once
    List<UUID> acknowledged = answered.entrySet().stream().filter(entry -> entry.getValue() / 100 == 2)
        .map(entry -> observations.readingId(entry.getKey())).toList();
    assertThat(acknowledged).as("most readings were answered 2xx").hasSizeGreaterThan(total / 2);
    Map<UUID, Long> stored = cluster.jdbc().sql("select id, count(*) from followup_reading where id = any(:ids) group by id")
        .param("ids", acknowledged.toArray(UUID[]::new))
        .query((row, n) -> Map.entry((UUID) row.getObject(1), row.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(stored.keySet()).as("every reading answered 2xx is stored").containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(stored.values()).as("each once").allMatch(count -> count == 1);
    assertThat(resendsAnswered200.get()).as("resends are answered as resends").isPositive();
    assertThat(refusedResends.get()).as("no resend refused or stored anew").isZero();
    // nothing invented: whatever is stored for these patients was sent
    Set<UUID> sentIds = sent.stream().map(id -> observations.readingId(id))
        .collect(Collectors.toSet());
    List<UUID> storedForReaders = cluster.jdbc().sql("select id from followup_reading where monitoring_key in (:keys)")
        .param("keys", readers.stream().map(Cluster.Patient::monitoringKey).toList()).query(UUID.class).list();
    assertThat(sentIds).as("nothing stored that was not sent").containsAll(storedForReaders);
    assertThat(storedForReaders).as("no reading stored twice").doesNotHaveDuplicates();

    // every deviation of the run: one process, and one nurse task while open
    List<String> deviations = deviationsOf(readers);
    assertThat(deviations).as("the load made deviations").isNotEmpty();
    assertOneProcessAndOneTaskEach(deviations);

    // every admission answered 202: one stay, one admission report delivered to the hospital
    List<String> admittedIds = admissions.entrySet().stream().filter(entry -> entry.getValue() == 202)
        .map(Map.Entry::getKey).toList();
    assertThat(admittedIds).as("admissions answered").hasSizeGreaterThan(admitted.size() / 2);
    await("the hospital has every admission report").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> reportsReceived(admittedIds).size() == admittedIds.size());
    Map<String, Long> reports = reportsReceived(admittedIds);
    assertThat(reports.values()).as("one admission report per patient, delivered once").allMatch(count -> count == 1);
    assertThat(cluster.jdbc().sql("""
        select count(*) from transitions_stay s join patient p on p.id = s.patient_id
        where p.national_id in (:ids) group by p.national_id
        """).param("ids", admittedIds).query(Long.class).list()).as("one stay per admitted patient")
        .hasSize(admittedIds.size()).allMatch(count -> count == 1);
    assertThat(cluster.jdbc().sql("""
        select count(*) from messaging_outbox where kind = 'INNLEGGELSESRAPPORT' group by reference
        """).query(Long.class).list()).as("one outbox message per stay").allMatch(count -> count == 1)
        .hasSize(admittedIds.size());
  }

  @Test
  @Order(3)
  void aSignedInSessionSurvivesTheKillOfANode() throws Exception {
    BrowserSession session = BrowserSession.login(platform, cluster.url(), "jonas.lie");
    for (Node node : cluster.nodes()) {
      BrowserSession direct = session.via(node.url());
      assertThat(direct.getPage("/app").status()).as("signed in on node " + node.name()).isEqualTo(200);
      Api.Response tasks = direct.getJson("/camunda/api/engine/engine/default/task/count");
      assertThat(tasks.status()).as("the Tasklist's API knows the user on node " + node.name()).isEqualTo(200);
      assertThat(tasks.json().has("count")).isTrue();
    }

    assertThat(b.kill()).isEqualTo(137);
    Api.Response page = session.getPage("/app");
    assertThat(page.status()).as("the balancer's other node knows the session").isEqualTo(200);
    assertThat(session.getJson("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);

    b.start();
    restarts.add("node b after kill -9 (a serving): " + b.awaitReady(RESTART).toMillis() + " ms");
    assertThat(session.via(b.url()).getPage("/app").status()).as("and the restarted node knows it").isEqualTo(200);
  }

  @Test
  @Order(4)
  void bothNodesSweepingGiveOneMissedMeasurementAlarmPerSilence() {
    List<String> episodes = silent.stream().map(Cluster.Patient::episodeId).toList();
    await("both nodes have swept").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> missedAlarms(episodes).size() == episodes.size());
    // several more rounds of both nodes' sweeps (every 3 s each)
    sleep(Duration.ofSeconds(10));
    Map<String, List<String>> alarms = missedAlarms(episodes);
    assertThat(alarms).hasSize(episodes.size());
    assertThat(alarms.values()).as("one alarm per silence, said once").allSatisfy(summaries -> {
      assertThat(summaries).hasSize(1);
      assertThat(summaries.get(0).split("Måling ikke rapportert", -1)).hasSize(2);
    });
    assertOneProcessAndOneTaskEach(alarms.keySet().stream().flatMap(episode -> cluster.jdbc().sql(
        "select deviation_id from followup_deviation where episode_id = :id").param("id", episode)
        .query(String.class).list().stream()).toList());
  }

  /**
   * Both nodes cache the patient's thresholds; a plan approved (on whichever node) raises the
   * episode's thresholds version, and the next reading on either node is judged by the new plan.
   */
  @Test
  @Order(5)
  void aNewPlansThresholdsApplyToTheNextReadingOnBothNodes() throws Exception {
    Cluster.Patient patient = cluster.enrol(1, Duration.ofHours(1), VitalSign.SPO2.code()).get(0);
    for (Node node : cluster.nodes()) {
      // 93 % is green by the municipality's defaults (yellow below 92): each node now holds them
      assertThat(observations.post(node.url(), api.monitoringToken(),
          observations.spo2(patient.nationalId(), UUID.randomUUID().toString(), 93)).statusCode()).isEqualTo(201);
    }
    assertThat(interpretations(patient)).as("green on both nodes").containsOnly("NORMAL");

    // the GP approves a plan with yellow below 95 %, as ActivatePlanDelegate writes it
    cluster.jdbc().sql("""
        insert into followup_plan (plan_id, episode_id, version, status, what_matters, goal, sub_goals, interventions,
          measured_signs, reading_interval, evaluation_interval, thresholds, created_by, created_at, activated_at)
        values (gen_random_uuid(), :episode, 1, 'ACTIVE', 'x', 'x', 'x', 'x', '{4}', interval '24 hours',
          interval '30 days', cast(:thresholds as jsonb), 'test', now(), now())
        """).param("episode", patient.episodeId())
        .param("thresholds", "[{\"sign\":\"SPO2\",\"redBelow\":90,\"yellowBelow\":95}]").update();
    cluster.jdbc().sql("update followup_episode set thresholds_version = thresholds_version + 1 where episode_id = :id")
        .param("id", patient.episodeId()).update();

    for (Node node : cluster.nodes()) {
      assertThat(observations.post(node.url(), api.monitoringToken(),
          observations.spo2(patient.nationalId(), UUID.randomUUID().toString(), 93)).statusCode()).isEqualTo(201);
    }
    assertThat(interpretations(patient)).as("the two readings before the plan, then the two after it, one per node")
        .containsExactly("NORMAL", "NORMAL", "LOW", "LOW");
  }

  private List<String> interpretations(Cluster.Patient patient) {
    return cluster.jdbc().sql("select interpretation from followup_reading where monitoring_key = :key"
            + " order by received_at, id")
        .param("key", patient.monitoringKey()).query(Short.class).list().stream()
        .map(ordinal -> no.carepath.followup.triage.Interpretation.values()[ordinal].name()).toList();
  }

  private Map<String, List<String>> missedAlarms(List<String> episodes) {
    return cluster.jdbc().sql("select episode_id, summary from followup_deviation where episode_id in (:ids) and kind = 'MISSED'")
        .param("ids", episodes).query((row, n) -> Map.entry(row.getString(1), row.getString(2))).list().stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  private Map<String, Long> reportsReceived(List<String> nationalIds) {
    return cluster.hospital().received().stream()
        .filter(message -> "INNLEGGELSESRAPPORT".equals(message.path("type").asText()))
        .map(message -> message.path("patient").path("nationalId").asText())
        .filter(nationalIds::contains)
        .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
  }

  private List<String> deviationsOf(List<Cluster.Patient> patients) {
    return cluster.jdbc().sql("select deviation_id from followup_deviation where episode_id in (:ids)")
        .param("ids", patients.stream().map(Cluster.Patient::episodeId).toList()).query(String.class).list();
  }

  /** Open deviations' nurse tasks by deviation. */
  private Map<String, Long> nurseTasks(List<String> deviations) {
    Map<String, Long> tasks = new ConcurrentHashMap<>();
    deviations.forEach(id -> tasks.put(id, 0L));
    cluster.jdbc().sql("select p.business_key_, count(*) from act_ru_task t join act_hi_procinst p on p.id_ = t.proc_inst_id_"
            + " where p.business_key_ in (:ids) and t.task_def_key_ in " + NURSE_TASKS + " group by p.business_key_")
        .param("ids", deviations).query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list()
        .forEach(entry -> tasks.put(entry.getKey(), entry.getValue()));
    return tasks;
  }

  private void assertOneProcessAndOneTaskEach(List<String> deviations) {
    Map<String, Long> processes = cluster.jdbc().sql("""
            select business_key_, count(*) from act_hi_procinst
            where proc_def_key_ = 'followup-deviation' and business_key_ in (:ids) group by business_key_
            """).param("ids", deviations).query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(processes.keySet()).as("every deviation has a process").containsExactlyInAnyOrderElementsOf(deviations);
    assertThat(processes.values()).as("exactly one").allMatch(count -> count == 1);
    List<String> open = cluster.jdbc().sql("select deviation_id from followup_deviation where deviation_id in (:ids)"
        + " and status = 'OPEN'").param("ids", deviations).query(String.class).list();
    assertThat(nurseTasks(open).values()).as("every open deviation has exactly one nurse task").allMatch(count -> count == 1);
  }

  /**
   * As the home-monitoring platform sends: through the balancer; no answer, a 502 or a 503 (the
   * node died, or none was ready) is sent again, the same Observation, a few times.
   */
  private int sendAsAClientWould(String body, Map<Integer, AtomicInteger> statuses) throws InterruptedException {
    int status = 0;
    for (int attempt = 0; attempt < 6; attempt++) {
      try {
        status = observations.post(cluster.url(), api.monitoringToken(), body).statusCode();
      } catch (IOException e) {
        status = 0;
      }
      statuses.computeIfAbsent(status, code -> new AtomicInteger()).incrementAndGet();
      if (status != 0 && status != 502 && status != 503 && status != 504) {
        return status;
      }
      Thread.sleep(500L * (attempt + 1));
    }
    return status;
  }



  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
