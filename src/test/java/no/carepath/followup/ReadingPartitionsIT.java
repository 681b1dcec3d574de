package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.followup.readings.ReadingPartitions;
import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.VitalSign;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The readings table partitioned by month (V19) on a real PostgreSQL: partitions are made ahead and
 * a second maker changes nothing; a reading whose month has no partition is kept in the default
 * partition and moves when its month is made; a resend that would land in another partition is not
 * stored twice (also when both arrive at once, and through the FHIR API: a 409); retention drops
 * whole months older than the cutoff and the default partition's older readings, nothing newer.
 *
 * <p>Its months lie far from the other tests' readings (2017-2018 for retention, 2021 for the default
 * partition), so sharing the database with them changes nothing for either.
 */
class ReadingPartitionsIT extends IntegrationTest {

  private static final int KEY = 990_001;

  @Autowired
  ReadingPartitions partitions;

  @Autowired
  ReadingStore store;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  TransactionTemplate transactions;

  @Autowired
  MeterRegistry meters;

  /** Two threads of their own: the common pool may have one on two cores. */
  private final ExecutorService nodes = Executors.newFixedThreadPool(2);

  @org.junit.jupiter.api.AfterEach
  void stopThreads() {
    nodes.shutdownNow();
  }

  @Test
  void thisMonthAndTheNextThreeHavePartitionsAndMakingThemAgainChangesNothing() {
    partitions.makeAhead();

    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    assertThat(partitions.monthPartitions()).contains(name(now), name(now.plusMonths(1)), name(now.plusMonths(2)),
        name(now.plusMonths(3)));
    assertThat(partitions.makeAhead()).isEmpty();
    assertThat(partitions.makeMonth(now)).isFalse();
    // a reading measured now lands in this month's partition
    StoredReading reading = reading(Instant.now().minus(Duration.ofMinutes(1)));
    assertThat(store.insertNew(List.of(reading))).containsExactly(reading.id());
    assertThat(partitionOf(reading.id())).isEqualTo(name(YearMonth.from(reading.measuredAt().atOffset(ZoneOffset.UTC))));
  }

  @Test
  void twoNodesMakingTheSameMonthAtOnceMakeItOnce() throws Exception {
    YearMonth month = YearMonth.of(2031, 7);
    CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> partitions.makeMonth(month), nodes);
    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> partitions.makeMonth(month), nodes);

    // one makes it; the other finds it made or finds the other at work: never an error
    List<Boolean> made = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
    assertThat(made).containsOnlyOnce(true);
    assertThat(partitions.monthPartitions()).containsOnlyOnce(name(month));
  }

  @Test
  void aReadingWithoutItsMonthsPartitionIsKeptInTheDefaultPartitionAndMovesWhenTheMonthIsMade() {
    Instant measured = Instant.parse("2021-03-15T08:30:00Z");
    StoredReading plain = reading(measured);
    StoredReading asSent = new StoredReading(UUID.randomUUID(), KEY, VitalSign.WEIGHT, Interpretation.NORMAL,
        new BigDecimal("81.3"), new BigDecimal("81300"), "g", measured.plusSeconds(60), Instant.now());
    assertThat(partitions.monthPartitions()).doesNotContain("followup_reading_2021_03");

    assertThat(store.insertNew(List.of(plain, asSent))).containsExactlyInAnyOrder(plain.id(), asSent.id());
    assertThat(partitionOf(plain.id())).isEqualTo("followup_reading_default");

    makeMonth(YearMonth.of(2021, 3));

    assertThat(partitionOf(plain.id())).isEqualTo("followup_reading_2021_03");
    assertThat(partitionOf(asSent.id())).isEqualTo("followup_reading_2021_03");
    assertThat(store.findByIds(List.of(plain.id(), asSent.id()))).containsOnlyKeys(plain.id(), asSent.id());
    StoredReading moved = store.findByIds(List.of(asSent.id())).get(asSent.id());
    assertThat(moved.exact()).isEqualByComparingTo("81.3");
    assertThat(moved.sentValue()).isEqualByComparingTo("81300");
    assertThat(moved.sentUnit()).isEqualTo("g");
    assertThat(jdbc.sql("select count(*) from followup_reading_default where measured_at >= '2021-03-01Z'"
        + " and measured_at < '2021-04-01Z'").query(Long.class).single()).isZero();
  }

  @Test
  void aResendWhoseTimeFallsInAnotherPartitionIsNotStoredTwice() {
    UUID id = UUID.randomUUID();
    Instant first = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
    StoredReading original = reading(id, first, 95);
    StoredReading resent = reading(id, Instant.now().minus(Duration.ofMinutes(1)), 95);
    makeMonthsOf(first, resent.measuredAt());
    assertThat(partitionName(first)).isNotEqualTo(partitionName(resent.measuredAt()));

    assertThat(store.insertNew(List.of(original))).containsExactly(id);
    ReadingStore.Inserted again = store.insertNew(List.of(resent), List.of(id));

    assertThat(again.inserted()).isEmpty();
    assertThat(again.present()).containsExactly(id);
    assertThat(rows(id)).isEqualTo(1);
    assertThat(store.findByIds(List.of(id)).get(id).measuredAt()).isEqualTo(first);
  }

  @Test
  void twoInsertsOfOneIdInTwoPartitionsAtOnceStoreOneRow() throws Exception {
    UUID id = UUID.randomUUID();
    StoredReading march = reading(id, Instant.now().minus(Duration.ofDays(45)), 96);
    StoredReading now = reading(id, Instant.now().minus(Duration.ofMinutes(2)), 96);
    makeMonthsOf(march.measuredAt(), now.measuredAt());
    CountDownLatch firstInserted = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);

    CompletableFuture<Set<UUID>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
      Set<UUID> inserted = store.insertNew(List.of(march));
      firstInserted.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> commitFirst.getCount() == 0);
      return inserted;
    }), nodes);
    assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Set<UUID>> second = CompletableFuture.supplyAsync(
        () -> transactions.execute(status -> store.insertNew(List.of(now))), nodes);
    // the second insert waits for the first transaction's id (a lock wait on the id's key), then finds it
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
        select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%followup_reading_id%'""")
        .query(Long.class).single() > 0);
    commitFirst.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(id);
    assertThat(second.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(rows(id)).isEqualTo(1);
    assertThat(partitionOf(id)).isEqualTo(partitionName(march.measuredAt()));
  }

  @Test
  void aResendThroughTheApiWithATimeInAnotherMonthIsAConflictAndTheFirstReadingStays() {
    Api api = new Api(PLATFORM);
    Enrolment.Patient patient = new Enrolment(api, PLATFORM).measuring();
    String identifier = "partition-" + UUID.randomUUID();
    OffsetDateTime earlier = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(40).truncatedTo(ChronoUnit.SECONDS);
    String first = Observations.quantity(patient.nationalId(), "2708-6", 96, "%",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(earlier), identifier);
    String resent = Observations.quantity(patient.nationalId(), "2708-6", 96, "%", Observations.now(), identifier);
    makeMonthsOf(earlier.toInstant(), Instant.now());

    Api.Response created = api.postFhir("/fhir/Observation", api.monitoringToken(), first);
    Api.Response sameAgain = api.postFhir("/fhir/Observation", api.monitoringToken(), first);
    Api.Response otherTime = api.postFhir("/fhir/Observation", api.monitoringToken(), resent);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(sameAgain.status()).as(sameAgain.body()).isEqualTo(200);
    assertThat(otherTime.status()).as(otherTime.body()).isEqualTo(409);
    UUID id = no.carepath.followup.readings.ObservationMapper.readingId("urn:it:home-monitoring|" + identifier,
        VitalSign.SPO2);
    assertThat(rows(id)).isEqualTo(1);
    assertThat(partitionOf(id)).isEqualTo(partitionName(earlier.toInstant()));
  }

  @Test
  void retentionDropsWholeMonthsOlderThanTheCutoffAndNothingNewer() {
    for (YearMonth month : List.of(YearMonth.of(2017, 11), YearMonth.of(2017, 12), YearMonth.of(2018, 1))) {
      makeMonth(month);
    }
    StoredReading november = reading(Instant.parse("2017-11-20T10:00:00Z"));
    StoredReading novemberAsSent = new StoredReading(UUID.randomUUID(), KEY, VitalSign.GLUCOSE, Interpretation.NORMAL,
        new BigDecimal("5.5"), new BigDecimal("99"), "mg/dL", Instant.parse("2017-11-21T10:00:00Z"), Instant.now());
    StoredReading decemberBeforeCutoff = reading(Instant.parse("2017-12-05T10:00:00Z"));
    StoredReading decemberAfterCutoff = reading(Instant.parse("2017-12-28T10:00:00Z"));
    StoredReading january = reading(Instant.parse("2018-01-03T10:00:00Z"));
    StoredReading oldInDefault = reading(Instant.parse("2016-06-01T10:00:00Z"));
    StoredReading newerInDefault = reading(Instant.parse("2018-04-10T10:00:00Z"));
    List<StoredReading> all = List.of(november, novemberAsSent, decemberBeforeCutoff, decemberAfterCutoff, january,
        oldInDefault, newerInDefault);
    assertThat(store.insertNew(all)).hasSize(all.size());
    assertThat(partitionOf(oldInDefault.id())).isEqualTo("followup_reading_default");
    assertThat(partitionOf(newerInDefault.id())).isEqualTo("followup_reading_default");
    double droppedBefore = meters.counter("carepath.readings.partitions.dropped").count();
    double expiredBefore = meters.counter("carepath.readings.expired").count();

    ReadingPartitions.Expired expired = partitions.expireBefore(Instant.parse("2017-12-15T00:00:00Z"));

    // November ends before the cutoff: dropped whole; December ends after it: kept whole, also its older reading
    assertThat(expired.partitions()).contains("followup_reading_2017_11")
        .doesNotContain("followup_reading_2017_12", "followup_reading_2018_01");
    assertThat(partitions.monthPartitions()).doesNotContain("followup_reading_2017_11")
        .contains("followup_reading_2017_12", "followup_reading_2018_01");
    assertThat(tableExists("followup_reading_2017_11")).isFalse();
    assertThat(store.findByIds(all.stream().map(StoredReading::id).toList()))
        .containsOnlyKeys(decemberBeforeCutoff.id(), decemberAfterCutoff.id(), january.id(), newerInDefault.id());
    for (StoredReading gone : List.of(november, novemberAsSent, oldInDefault)) {
      assertThat(jdbc.sql("select count(*) from followup_reading_id where id = :id").param("id", gone.id())
          .query(Long.class).single()).isZero();
    }
    assertThat(jdbc.sql("select count(*) from followup_reading_sent where id = :id").param("id", novemberAsSent.id())
        .query(Long.class).single()).isZero();
    assertThat(expired.readings()).isGreaterThanOrEqualTo(3);
    assertThat(meters.counter("carepath.readings.partitions.dropped").count() - droppedBefore)
        .isEqualTo(expired.partitions().size());
    assertThat(meters.counter("carepath.readings.expired").count() - expiredBefore).isEqualTo(expired.readings());

    // the newest months are never dropped by the configured retention
    partitions.expire();
    assertThat(partitions.monthPartitions()).contains(name(YearMonth.now(ZoneOffset.UTC)), "followup_reading_2018_01");
  }

  /** The partitions of these instants' months, so that the readings land there and not in the default partition. */
  private void makeMonthsOf(Instant... instants) {
    for (Instant instant : instants) {
      makeMonth(YearMonth.from(instant.atOffset(ZoneOffset.UTC)));
    }
  }

  /** Makes a month's partition; again while the scheduled maintenance holds the lock (then it says false). */
  private void makeMonth(YearMonth month) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      partitions.makeMonth(month);
      return partitions.monthPartitions().contains(name(month));
    });
  }

  private static StoredReading reading(Instant measured) {
    return reading(UUID.randomUUID(), measured, 95);
  }

  private static StoredReading reading(UUID id, Instant measured, double spo2) {
    return new StoredReading(id, KEY, VitalSign.SPO2, Interpretation.NORMAL, spo2, measured, Instant.now());
  }

  private static String name(YearMonth month) {
    return "followup_reading_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
  }

  private static String partitionName(Instant measured) {
    return name(YearMonth.from(measured.atOffset(ZoneOffset.UTC)));
  }

  private String partitionOf(UUID id) {
    return jdbc.sql("select tableoid::regclass::text from followup_reading where id = :id").param("id", id)
        .query(String.class).single();
  }

  private long rows(UUID id) {
    return jdbc.sql("select count(*) from followup_reading where id = :id").param("id", id).query(Long.class).single();
  }

  private boolean tableExists(String name) {
    return jdbc.sql("select to_regclass(:name) is not null").param("name", name).query(Boolean.class).single();
  }
}
