package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import no.carepath.IntegrationTest;
import no.carepath.cluster.Cluster;
import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.VitalSign;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The missed-measurement sweep looks only at the episodes its one statement selects
 * ({@link EpisodeStore#activeAndSilent}); that selection must be exactly the episodes in which the sweep's
 * own rule ({@code MissedReadings.check}: a measured sign whose last reading since enrolment, or the
 * enrolment itself, is older than now - interval - grace) finds a silent sign. Checked over episodes made
 * at random: enrolled from minutes to days ago, one to three signs, intervals of 6 to 48 hours, readings
 * before enrolment, long ago, just before and just after the limit, in the future, of signs not measured,
 * paused and ended episodes. A silent episode left out would be a missed measurement never raised.
 */
class MissedReadingsSelectionIT extends IntegrationTest {

  private static final List<VitalSign> SIGNS = List.of(VitalSign.SPO2, VitalSign.PULSE, VitalSign.SYSTOLIC_BP);

  @Autowired JdbcClient jdbc;
  @Autowired EpisodeStore episodes;
  @Autowired ReadingStore readings;
  @Autowired FollowupProperties properties;
  @Autowired Clock clock;

  @Test
  void theSweepSelectsExactlyTheEpisodesWithASilentSign() {
    Random random = new Random(20261204);
    Set<String> ours = new HashSet<>();
    for (int i = 0; i < 150; i++) {
      List<VitalSign> measured = new ArrayList<>(SIGNS);
      java.util.Collections.shuffle(measured, random);
      measured = measured.subList(0, 1 + random.nextInt(3));
      Duration enrolledAgo = Duration.ofMinutes(10 + random.nextInt(5 * 24 * 60));
      Cluster.Patient patient = Cluster.enrol(jdbc, 1, enrolledAgo,
          measured.stream().mapToInt(VitalSign::code).toArray()).get(0);
      ours.add(patient.episodeId());
      Duration interval = Duration.ofHours(List.of(6, 24, 48).get(random.nextInt(3)));
      jdbc.sql("update followup_episode set reading_interval = make_interval(secs => :seconds) where episode_id = :id")
          .param("seconds", (double) interval.toSeconds()).param("id", patient.episodeId()).update();
      int status = random.nextInt(10);
      if (status == 0) {
        jdbc.sql("update followup_episode set status = 'ON_HOLD' where episode_id = :id").param("id", patient.episodeId()).update();
      } else if (status == 1) {
        jdbc.sql("update followup_episode set status = 'FINISHED', phase = 'ENDED' where episode_id = :id").param("id", patient.episodeId()).update();
      }
      Instant now = clock.instant();
      Instant due = now.minus(interval).minus(properties.missedReadingGrace());
      for (int r = random.nextInt(5); r > 0; r--) {
        VitalSign sign = SIGNS.get(random.nextInt(SIGNS.size()));
        // around the limit (a minute either side), long before it, before enrolment, recent, in the future
        Instant at = switch (random.nextInt(6)) {
          case 0 -> due.minusSeconds(60);
          case 1 -> due.plusSeconds(60);
          case 2 -> due.minus(Duration.ofDays(3));
          case 3 -> now.minus(enrolledAgo).minusSeconds(600);
          case 4 -> now.minusSeconds(random.nextInt(3600));
          default -> now.plusSeconds(600);
        };
        insertReading(patient.monitoringKey(), sign, at);
      }
    }

    Instant now = clock.instant();
    Set<String> selected = new HashSet<>();
    for (EpisodeStore.EpisodeRow episode : episodes.activeAndSilent(now, properties.missedReadingGrace())) {
      if (ours.contains(episode.episodeId())) {
        selected.add(episode.episodeId());
      }
    }
    Set<String> silent = new HashSet<>();
    for (String episodeId : ours) {
      EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
      // the episodes the sweep is for: active, measuring
      boolean measuring = episode.status().equals("ACTIVE") && List.of("TRIAL", "FOLLOW_UP").contains(episode.phase())
          && episode.monitoringKey() != null && !episode.measuredSigns().isEmpty();
      if (measuring && hasASilentSign(episode, now)) {
        silent.add(episodeId);
      }
    }
    assertThat(silent).as("the test made silent episodes").hasSizeGreaterThan(10);
    assertThat(ours.size() - silent.size()).as("and episodes with every sign heard from").isGreaterThan(10);
    assertThat(selected).as("the sweep's selection equals its rule").containsExactlyInAnyOrderElementsOf(silent);
  }

  /** The rule of {@code MissedReadings.check}, without the question whether the silence was alarmed already. */
  private boolean hasASilentSign(EpisodeStore.EpisodeRow episode, Instant now) {
    Instant due = now.minus(episode.readingInterval()).minus(properties.missedReadingGrace());
    Map<VitalSign, StoredReading> latest = readings.latestPerSign(episode.monitoringKey(), episode.enrolledAt());
    for (VitalSign sign : episode.measuredSigns()) {
      StoredReading last = latest.get(sign);
      Instant lastSeen = last == null ? episode.enrolledAt() : last.measuredAt();
      if (lastSeen.isBefore(due)) {
        return true;
      }
    }
    return false;
  }

  private void insertReading(int monitoringKey, VitalSign sign, Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into followup_reading_id (id) values (:id)").param("id", id).update();
    jdbc.sql("""
        insert into followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
        values (:id, :key, :sign, 0, 95, :at, now())
        """).param("id", id).param("key", monitoringKey).param("sign", (short) sign.code())
        .param("at", Timestamp.from(at)).update();
  }
}
