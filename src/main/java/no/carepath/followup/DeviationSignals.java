package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.carepath.availability.Outage;
import no.carepath.availability.OutageLog;
import no.carepath.followup.readings.Deviations;
import no.carepath.followup.triage.Colour;
import no.carepath.patient.PatientService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the engine about deviations: a new one starts {@code followup-deviation}, a raised one
 * turns its yellow task red. Woken right after the transaction that opened or raised a deviation
 * commits, and every second besides (another node's deviations, earlier failures). A thread takes
 * up to {@code carepath.followup.deviation-signal-batch} pending deviations with {@code for update
 * skip locked}, starts their processes in one engine command (one flush: the engine's inserts go to
 * PostgreSQL as JDBC batches) and marks them signalled in the same transaction, so several threads
 * or nodes never signal one twice and a crash loses nothing. If anything in such a batch fails, the
 * whole batch rolls back and each of its deviations is tried alone in its own transaction; one that
 * still fails is tried again, with back-off, and counted in {@code carepath_deviations_unsignalled}.
 */
@Component
class DeviationSignals implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeviationSignals.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final int BATCH = 100;
  private static final String[] NONE = new String[0];

  private final DeviationStore store;
  private final EpisodeStore episodes;
  private final PatientService patients;
  private final DeviationProcess process;
  private final CommandExecutor engineCommand;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final String baseUrl;
  private final Timer delay;
  private final Semaphore wake = new Semaphore(0);
  private final OutageLog outageLog;
  private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();
  private final int threads;
  private volatile int perTransaction;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  DeviationSignals(DeviationStore store, EpisodeStore episodes, PatientService patients, DeviationProcess process,
      ProcessEngineConfigurationImpl engineConfiguration, TransactionTemplate transaction, MeterRegistry meters,
      Clock clock, @Value("${carepath.base-url}") String baseUrl,
      @Value("${carepath.followup.deviation-signal-threads:4}") int threads,
      @Value("${carepath.followup.deviation-signal-batch:20}") int perTransaction) {
    this.baseUrl = baseUrl;
    this.threads = threads;
    this.perTransaction = Math.max(1, perTransaction);
    this.engineCommand = engineConfiguration.getCommandExecutorTxRequired();
    this.store = store;
    this.episodes = episodes;
    this.patients = patients;
    this.process = process;
    this.transaction = transaction;
    this.clock = clock;
    this.outageLog = new OutageLog(clock);
    this.delay = Timer.builder("carepath.deviation.signal.delay")
        .description("From a deviation opening (or turning red) to its nurse task existing")
        .publishPercentileHistogram().register(meters);
    Gauge.builder("carepath.deviations.unsignalled", store, DeviationStore::countUnsignalled)
        .description("Open deviations the engine has not been told of yet").register(meters);
  }

  /** How many deviations go to the engine in one transaction (1: each alone); benchmarks compare the two. */
  void perTransaction(int deviations) {
    this.perTransaction = Math.max(1, deviations);
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(Deviations.Changed changed) {
    wake.release(threads);
  }

  /** Signals what is pending now; returns how many deviations were signalled. */
  int signalPending() {
    if (perTransaction > 1) {
      Instant now = clock.instant();
      retryAfter.values().removeIf(now::isAfter);
      String[] waiting = retryAfter.keySet().toArray(NONE);
      List<String> batch = new ArrayList<>();
      Integer signalled;
      try {
        signalled = transaction.execute(status -> signalBatch(waiting, batch));
      } catch (RuntimeException e) {
        if (batch.isEmpty() && Outage.of(e).isPresent()) {
          // PostgreSQL is down or refusing: nothing was taken; the deviations wait in the table
          outage(e);
          return 0;
        }
        log.warn("A batch of {} deviations could not be given to the engine together ({}); each is tried alone",
            batch.size(), e.getClass().getSimpleName());
        return signalEach(batch);
      }
      // none: what is pending is another thread's, or in back-off
      return signalled == null ? 0 : signalled;
    }
    return signalEach(new ArrayList<>(store.unsignalled(BATCH)));
  }

  /**
   * Locks up to {@code perTransaction} pending deviations not in back-off, starts or raises their
   * processes in one engine command and marks them signalled; the ids taken are added to {@code
   * taken}, so that they can be tried alone if the batch fails.
   */
  private int signalBatch(String[] waiting, List<String> taken) {
    List<DeviationStore.DeviationRow> rows = store.lockUnsignalled(perTransaction, waiting);
    rows.forEach(row -> taken.add(row.deviationId()));
    if (rows.isEmpty()) {
      return 0;
    }
    engineCommand.execute(commandContext -> {
      // the engine's API called within a command joins it: one flush for all the starts
      rows.forEach(this::startOrRaise);
      return null;
    });
    store.markSignalled(rows);
    return rows.size();
  }

  /** Each deviation in its own transaction (after a failed batch, and for what another thread holds). */
  private int signalEach(List<String> pending) {
    int signalled = 0;
    Instant now = clock.instant();
    // each thread in its own order, so they seldom reach for the same row
    java.util.Collections.shuffle(pending);
    for (String deviationId : pending) {
      Instant after = retryAfter.get(deviationId);
      if (after != null && now.isBefore(after)) {
        continue;
      }
      try {
        Boolean done = transaction.execute(status -> signal(deviationId));
        retryAfter.remove(deviationId);
        signalled += Boolean.TRUE.equals(done) ? 1 : 0;
      } catch (RuntimeException e) {
        int attempts = failed(deviationId, e);
        retryAfter.put(deviationId, now.plus(Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)))));
      }
    }
    return signalled;
  }

  private boolean signal(String deviationId) {
    return store.lockUnsignalled(deviationId).map(deviation -> {
      startOrRaise(deviation);
      store.markSignalled(deviation.deviationId(), deviation.colour());
      return true;
    }).orElse(false);
  }

  private void startOrRaise(DeviationStore.DeviationRow deviation) {
    String headline = (deviation.colour() == Colour.RED ? "Rødt" : "Gult") + " avvik: " + first(deviation.summary());
    if (deviation.signalledColour() == null) {
      EpisodeStore.EpisodeRow episode = episodes.get(deviation.episodeId());
      Map<String, Object> variables = new HashMap<>();
      variables.put(DEVIATION_ID, deviation.deviationId());
      variables.put(EPISODE_ID, episode.episodeId());
      variables.put(MUNICIPALITY_NUMBER, episode.municipalityNumber());
      variables.put(PATIENT_ID, episode.patientId().toString());
      variables.put(PATIENT_LABEL, patients.label(episode.patientId()));
      variables.put(DEVIATION_COLOUR, deviation.colour().name());
      variables.put(DEVIATION_SUMMARY, deviation.summary());
      variables.put(DEVIATION_HEADLINE, headline);
      variables.put(EPISODE_URL, "/app/episodes/" + episode.episodeId());
      // absolute: the form's image component shows only http(s) sources
      variables.put(READINGS_CHART_URL, baseUrl + "/app/episodes/" + episode.episodeId() + "/readings.svg");
      process.start(deviation.deviationId(), variables);
      delay.record(Duration.between(deviation.openedAt(), clock.instant()));
    } else {
      process.raise(deviation.deviationId(), deviation.summary(), headline);
      delay.record(Duration.between(deviation.raisedAt() == null ? deviation.openedAt() : deviation.raisedAt(),
          clock.instant()));
    }
  }

  private int failed(String deviationId, RuntimeException e) {
    Integer attempts = transaction.execute(status -> {
      store.recordSignalFailure(deviationId, e.getClass().getSimpleName() + ": " + e.getMessage());
      return store.find(deviationId).map(DeviationStore.DeviationRow::signalAttempts).orElse(1);
    });
    int count = attempts == null ? 1 : attempts;
    if (count == 1 || count % 10 == 0) {
      log.error("Deviation {} could not be given to the engine (attempt {}); it stays pending and is retried",
          deviationId, count, e);
    }
    return count;
  }

  private static String first(String summary) {
    int comma = summary.indexOf(", ");
    int semicolon = summary.indexOf("; ");
    int end = comma < 0 ? semicolon : semicolon < 0 ? comma : Math.min(comma, semicolon);
    return end < 0 ? summary : summary.substring(0, end) + " …";
  }

  private void outage(RuntimeException e) {
    if (outageLog.due(Outage.of(e).orElseThrow())) {
      log.warn("Deviations cannot be given to the engine: {} is unavailable; they wait in the table and are signalled"
          + " when it answers again; said at most every 30 s", Outage.of(e).orElseThrow());
    }
  }

  private void loop() {
    while (running) {
      try {
        wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
        while (running && signalPending() > 0) {
          // more may be waiting
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (Outage.of(e).isPresent()) {
          outage(e);
        } else {
          log.warn("Deviation signalling failed; retrying in {} s", POLL.toSeconds(), e);
        }
      }
    }
  }

  /** Several threads, each with its own transactions: a process start waits mostly on the database. */
  @Override
  public void start() {
    running = true;
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(this::loop, "carepath-deviation-signals-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  @Override
  public void stop() {
    running = false;
    workers.forEach(Thread::interrupt);
    workers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // after the process engine (which starts in the default phase) and before the web server stops
    return Integer.MAX_VALUE - 2000;
  }
}
