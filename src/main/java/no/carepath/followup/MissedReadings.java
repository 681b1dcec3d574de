package no.carepath.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import no.carepath.followup.readings.Deviations;
import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.VitalSign;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A missed measurement is a deviation of its own ("måling ikke rapportert", VKP alert 2.2): for a
 * patient in active follow-up (not paused, not ending), a sign of the plan with no reading in the
 * plan's interval plus the grace period. One alarm per silence: a new one only after the patient has
 * measured again and then gone quiet again. Every node sweeps; an advisory lock per episode makes
 * the sweeps of two nodes take their turns, so one silence gets one alarm.
 */
@Component
class MissedReadings {

  private static final Logger log = LoggerFactory.getLogger(MissedReadings.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM. 'kl.' HH:mm");

  private final EpisodeStore episodes;
  private final DeviationStore deviationStore;
  private final ReadingStore readings;
  private final Deviations deviations;
  private final FollowupProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ZoneId zone;

  MissedReadings(EpisodeStore episodes, DeviationStore deviationStore, ReadingStore readings, Deviations deviations,
      FollowupProperties properties, TransactionTemplate transaction, Clock clock) {
    this.episodes = episodes;
    this.deviationStore = deviationStore;
    this.readings = readings;
    this.deviations = deviations;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
    this.zone = clock.getZone();
  }

  @Scheduled(fixedDelayString = "${carepath.followup.missed-reading-check-interval}", initialDelayString = "PT1M")
  void check() {
    int alarms = 0;
    // only the episodes with a silent sign, found in one statement; each is then checked, and alarmed, in a
    // transaction of its own under the episode's lock, as before
    for (EpisodeStore.EpisodeRow episode : episodes.activeAndSilent(clock.instant(), properties.missedReadingGrace())) {
      try {
        alarms += Boolean.TRUE.equals(transaction.execute(status -> check(episode))) ? 1 : 0;
      } catch (RuntimeException e) {
        log.error("Missed-reading check failed for episode {}", episode.episodeId(), e);
      }
    }
    if (alarms > 0) {
      log.info("{} missed-reading deviation(s) opened", alarms);
    }
  }

  /** @return whether a missed-reading deviation was opened */
  boolean check(EpisodeStore.EpisodeRow episode) {
    // another node's sweep of this episode first: what it opened is then seen below
    deviationStore.lockMissedCheck(episode.episodeId());
    Instant now = clock.instant();
    Instant due = now.minus(episode.readingInterval()).minus(properties.missedReadingGrace());
    Instant lastAlarm = deviationStore.lastMissedAlarm(episode.episodeId()).orElse(Instant.MIN);
    Map<VitalSign, StoredReading> latest = readings.latestPerSign(episode.monitoringKey(), episode.enrolledAt());
    List<VitalSign> missed = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (VitalSign sign : episode.measuredSigns()) {
      StoredReading last = latest.get(sign);
      Instant lastSeen = last == null ? episode.enrolledAt() : last.measuredAt();
      // silent too long, and not alarmed since the last sign of life
      if (lastSeen.isBefore(due) && !lastAlarm.isAfter(lastSeen)) {
        missed.add(sign);
        texts.add(sign.label() + (last == null ? " (ingen målinger ennå)"
            : " (siste " + TIME.format(last.measuredAt().atZone(zone)) + ")"));
      }
    }
    if (missed.isEmpty()) {
      return false;
    }
    short[] codes = new short[missed.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (short) missed.get(i).code();
    }
    deviations.recordOther(episode.episodeId(), "MISSED", Colour.YELLOW, "Måling ikke rapportert: "
        + String.join(", ", texts), codes);
    return true;
  }
}
