package no.carepath.competence;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily start of training before a competence ends: every holding whose last valid day is from
 * today to today plus {@code carepath.competence.expiry-notice} (both included) and that has no
 * training yet gets one {@code competence-training} process, its task for the holder. Runs every
 * morning, and once shortly after start-up (so a platform that was down, and the demo, do not wait for
 * the morning). A holding that has ended gets no task: it is no longer held, and the team leader
 * sees it in the overview ({@link Trainings#trainings}). A BPMN timer start event cannot do this:
 * every process instance belongs to a municipality. Safe on several nodes: the training's unique key
 * (holder, municipality, competence, end) lets one start win.
 */
@Component
class TrainingSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingSchedule.class);

  private final CompetenceRegister register;
  private final Trainings trainings;
  private final Clock clock;

  TrainingSchedule(CompetenceRegister register, Trainings trainings, Clock clock) {
    this.register = register;
    this.trainings = trainings;
    this.clock = clock;
  }

  /** Starts the trainings that are due; returns the references started. */
  @Scheduled(cron = "${carepath.competence.training-schedule:0 15 6 * * *}", zone = "Europe/Oslo")
  @Scheduled(initialDelayString = "${carepath.competence.training-first-run:PT30S}")
  List<String> startDue() {
    LocalDate today = LocalDate.now(clock.withZone(Trainings.OSLO));
    LocalDate until = today.plus(trainings.notice());
    List<String> started = new ArrayList<>();
    for (CompetenceRegister.Holding holding : due(register.expiring(until), trainings.started(until), today, until)) {
      try {
        trainings.start(holding).ifPresent(started::add);
      } catch (RuntimeException e) {
        // one holding's failure (its transaction rolled back) does not keep the others waiting; tried again tomorrow
        LOG.warn("Could not start training for {} in {} ({})", holding.code(), holding.municipality(), e.toString());
      }
    }
    if (!started.isEmpty()) {
      LOG.info("Started training for {} competences that end by {}", started.size(), until);
    }
    return started;
  }

  /** The holdings that end from {@code today} to {@code until}, both included, and have no training. */
  static List<CompetenceRegister.Holding> due(List<CompetenceRegister.Holding> holdings, Set<Trainings.Key> started,
      LocalDate today, LocalDate until) {
    return holdings.stream()
        .filter(holding -> holding.validUntil() != null && !holding.validUntil().isBefore(today)
            && !holding.validUntil().isAfter(until))
        .filter(holding -> !started.contains(Trainings.Key.of(holding))
            && !started.contains(Trainings.Key.of(holding).open()))
        .toList();
  }
}
