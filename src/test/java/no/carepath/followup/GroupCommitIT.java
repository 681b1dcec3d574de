package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import no.carepath.Api;
import no.carepath.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Single Observation POSTs sent at the same moment, so that they share a group commit: each gets the
 * answer it would get alone, nothing is stored twice or lost, a bad request never fails the others,
 * and the deviations of a group reach the deviation pipeline as those of one request do.
 */
class GroupCommitIT extends IntegrationTest {

  private static Enrolment.Patient measuring;
  private final Api api = new Api(PLATFORM);

  @Autowired
  JdbcClient jdbc;

  private synchronized Enrolment.Patient patient() {
    if (measuring == null) {
      measuring = new Enrolment(api, PLATFORM).measuring();
    }
    return measuring;
  }

  @Test
  void theSameObservationSentManyTimesAtOnceIsStoredOnceAndAnsweredCreatedOnce() throws Exception {
    String observation = Observations.quantity(patient().nationalId(), "8867-4", 72, "/min", Observations.now(),
        "at-once-" + UUID.randomUUID());
    long before = readings();

    List<Api.Response> responses = atOnce(java.util.Collections.nCopies(16, observation));

    assertThat(responses).extracting(Api.Response::status).containsOnly(200, 201);
    assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(1);
    assertThat(responses.stream().map(response -> response.json().path("id").asText()).distinct()).hasSize(1);
    assertThat(readings()).isEqualTo(before + 1);
  }

  @Test
  void oneIdentifierWithDifferentValuesAtOnceKeepsOneAndRefusesTheOthersWithAConflict() throws Exception {
    String identifier = "conflict-" + UUID.randomUUID();
    List<String> observations = new ArrayList<>();
    for (int value = 60; value < 68; value++) {
      observations.add(Observations.quantity(patient().nationalId(), "8867-4", value, "/min", Observations.now(),
          identifier));
    }
    long before = readings();

    List<Api.Response> responses = atOnce(observations);

    assertThat(responses).extracting(Api.Response::status).containsOnly(201, 409);
    List<Api.Response> created = responses.stream().filter(response -> response.status() == 201).toList();
    assertThat(created).hasSize(1);
    assertThat(responses.stream().filter(response -> response.status() == 409))
        .allSatisfy(conflict -> assertThat(conflict.json().path("issue").path(0).path("diagnostics").asText())
            .contains("er mottatt før med annet innhold"));
    assertThat(readings()).isEqualTo(before + 1);
    double kept = created.get(0).json().path("valueQuantity").path("value").asDouble();
    assertThat(jdbc.sql("""
            select r.value from followup_reading r join followup_episode e on e.monitoring_key = r.monitoring_key
            where e.episode_id = :episode and r.sign = 3 order by r.received_at desc limit 1
            """).param("episode", patient().episodeId()).query(Double.class).single()).isEqualTo(kept);
  }

  @Test
  void aBadRequestAndAnUnknownPatientAmongGoodOnesGetTheirOwnAnswersAndTheGoodOnesAreStored() throws Exception {
    String nationalId = patient().nationalId();
    List<String> observations = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      observations.add(Observations.spo2(nationalId, 94 + i % 4));
    }
    observations.add(Observations.spo2(nationalId, 101));
    observations.add(Observations.spo2(no.carepath.Referrals.syntheticNationalId(), 95));
    long before = readings();

    List<Api.Response> responses = atOnce(observations);

    assertThat(responses.subList(0, 12)).extracting(Api.Response::status).containsOnly(201);
    assertThat(responses.get(12).status()).isEqualTo(400);
    assertThat(responses.get(12).json().path("issue").path(0).path("diagnostics").asText())
        .contains("Oksygenmetning 101 % er ikke en mulig måleverdi");
    assertThat(responses.get(13).status()).isEqualTo(422);
    assertThat(responses.get(13).json().path("issue").path(0).path("diagnostics").asText()).startsWith("Ukjent pasient");
    assertThat(readings()).isEqualTo(before + 12);
  }

  @Test
  void deviatingReadingsSentAtOnceMakeOneDeviationWithAllOfThemAndOneNurseTask() throws Exception {
    Enrolment.Patient patient = new Enrolment(api, PLATFORM).measuring();
    List<String> observations = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      observations.add(Observations.spo2(patient.nationalId(), 85));
    }

    List<Api.Response> responses = atOnce(observations);

    assertThat(responses).extracting(Api.Response::status).containsOnly(201);
    Map<String, Object> deviation = jdbc.sql("""
            select deviation_id, colour, reading_count from followup_deviation where episode_id = :episode and status = 'OPEN'
            """).param("episode", patient.episodeId()).query().singleRow();
    assertThat(deviation).containsEntry("colour", "RED").containsEntry("reading_count", 8);
    assertThat(jdbc.sql("select count(*) from followup_deviation_reading where deviation_id = :id")
        .param("id", deviation.get("deviation_id")).query(Long.class).single()).isEqualTo(8);
    org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(nurseTasks(deviation.get("deviation_id").toString())).isEqualTo(1));
  }

  /** Open nurse tasks of the deviation's process (its business key is the deviation id). */
  private long nurseTasks(String deviationId) {
    return jdbc.sql("""
        select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
        where e.business_key_ = :key and t.task_def_key_ like 'Task_Handle%Deviation'
        """).param("key", deviationId).query(Long.class).single();
  }

  /** Sends every body from its own thread, all released at the same moment; answers in the bodies' order. */
  private List<Api.Response> atOnce(List<String> bodies) throws Exception {
    String token = api.monitoringToken();
    CyclicBarrier start = new CyclicBarrier(bodies.size());
    ExecutorService senders = Executors.newFixedThreadPool(bodies.size());
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (String body : bodies) {
        answers.add(senders.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return api.postFhir("/fhir/Observation", token, body);
        }));
      }
      List<Api.Response> responses = new ArrayList<>();
      for (Future<Api.Response> answer : answers) {
        responses.add(answer.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      senders.shutdownNow();
    }
  }

  private long readings() {
    return StoredReadings.readings(jdbc, patient().episodeId());
  }

}
