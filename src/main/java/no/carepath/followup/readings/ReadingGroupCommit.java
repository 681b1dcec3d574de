package no.carepath.followup.readings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.availability.Outage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of single Observation POSTs: the readings of concurrent requests are written in one
 * transaction, and each request is answered only after that transaction committed
 * ({@code synchronous_commit=on}: durable before the 2xx). A request is validated on its own first
 * ({@link ReadingIngestion#validate}); only a valid one joins a group, so a bad request gets its own
 * 4xx and never fails the others.
 *
 * <p>A bounded queue and one (or a few) committer threads: a committer takes everything that is
 * waiting, up to {@code max-group}, writes it, commits, answers, and takes what arrived meanwhile
 * (natural batching: under light load a group is one request and nothing waits for a timer; under
 * heavy load groups grow with the time a commit takes). Within a group each identifier appears
 * once: a second request with the identifier of one in the group waits for the next group, so it
 * sees what the first stored and is answered as a resend (200) or a conflict (409), exactly as if the
 * two had come one after the other.
 *
 * <p>When a group's transaction fails (a deadlock with a concurrent batch, a lost connection),
 * nothing of it is stored, and its requests are written again one by one, each in its own
 * transaction, so each gets its true answer. A full queue, or a request after shutdown began, gets
 * a 503 with {@code Retry-After}; at shutdown the committers first write what is already waiting.
 */
@Component
class ReadingGroupCommit implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReadingGroupCommit.class);

  /** Writes one group in one transaction: one result per request, in order; nothing stored if it throws. */
  interface GroupWriter {
    List<ReadingIngestion.EntryResult> write(List<Pending> group);
  }

  /** A valid request waiting for its group's commit. */
  record Pending(ReadingIngestion.Entry entry, ObservationMapper.Result mapped, Set<String> municipalities, String key,
      CompletableFuture<ReadingIngestion.EntryResult> answer) {
  }

  /** Not taken in (queue full, shutting down), or no answer in time: the sender should send again. */
  static final class Unavailable extends RuntimeException {
    private final boolean maybeStored;

    Unavailable(String message, boolean maybeStored) {
      super(message);
      this.maybeStored = maybeStored;
    }

    /** The request may have been stored (it waited too long); a resend is safe either way. */
    boolean maybeStored() {
      return maybeStored;
    }
  }

  private final GroupWriter writer;
  private volatile boolean enabled;
  private final BlockingQueue<Pending> queue;
  private final int maxGroup;
  private final int committers;
  private final Duration maxWait;
  private final DistributionSummary groupSizes;
  private final Counter retried;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private volatile boolean stopped;

  @Autowired
  ReadingGroupCommit(ReadingIngestion ingestion, TransactionTemplate transaction, MeterRegistry meters,
      @Value("${carepath.fhir.group-commit.enabled:true}") boolean enabled,
      @Value("${carepath.fhir.group-commit.queue-capacity:4000}") int capacity,
      @Value("${carepath.fhir.group-commit.max-group:250}") int maxGroup,
      @Value("${carepath.fhir.group-commit.committers:1}") int committers,
      @Value("${carepath.fhir.group-commit.max-wait:PT30S}") Duration maxWait) {
    this(group -> transaction.execute(status -> ingestion.ingestGroup(group.stream().map(Pending::entry).toList(),
        group.stream().map(Pending::mapped).toList(), group.stream().map(Pending::municipalities).toList())),
        enabled, capacity, maxGroup, committers, maxWait, meters);
  }

  ReadingGroupCommit(GroupWriter writer, boolean enabled, int capacity, int maxGroup, int committers, Duration maxWait,
      MeterRegistry meters) {
    this.writer = writer;
    this.enabled = enabled;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.maxGroup = maxGroup;
    this.committers = committers;
    this.maxWait = maxWait;
    this.groupSizes = DistributionSummary.builder("carepath.readings.group")
        .description("Single Observation POSTs written in one transaction (group commit)").register(meters);
    this.retried = Counter.builder("carepath.readings.group.retried")
        .description("Groups whose transaction failed and whose requests were written one by one").register(meters);
    io.micrometer.core.instrument.Gauge.builder("carepath.readings.group.waiting", queue, BlockingQueue::size)
        .description("Single Observation POSTs waiting for their group's commit").register(meters);
  }

  /** Requests waiting for a committer (not those in the commit under way). */
  int waiting() {
    return queue.size();
  }

  /** Off ({@code carepath.fhir.group-commit.enabled: false}): each single POST commits on its own, as before. */
  boolean enabled() {
    return enabled;
  }

  /** Turns group commit on or off while running (the pathway benchmark compares both in one run). */
  void enable(boolean on) {
    enabled = on;
  }

  /**
   * Queues a valid Observation and waits for its group's commit.
   *
   * @return its answer, as {@link ReadingIngestion#ingest} would give it alone
   * @throws Unavailable when it was not taken in, or no answer came within {@code max-wait}
   */
  ReadingIngestion.EntryResult submit(ReadingIngestion.Entry entry, ObservationMapper.Result mapped,
      Set<String> municipalities) {
    Pending pending = new Pending(entry, mapped, Set.copyOf(municipalities),
        ObservationMapper.identifierKey(entry.observation()), new CompletableFuture<>());
    if (stopped || !running) {
      throw new Unavailable("stopping", false);
    }
    if (!queue.offer(pending)) {
      throw new Unavailable("queue full", false);
    }
    if (stopped && queue.remove(pending)) {
      // shutdown began between the check and the offer, and no committer took it
      throw new Unavailable("stopping", false);
    }
    try {
      return pending.answer().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Unavailable("no answer in time", true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void commitLoop() {
    List<Pending> carried = new ArrayList<>();
    while (true) {
      List<Pending> drained = new ArrayList<>(carried);
      carried.clear();
      try {
        if (drained.isEmpty()) {
          Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (stopped) {
              return;
            }
            continue;
          }
          drained.add(first);
        }
      } catch (InterruptedException e) {
        // stop() waits for the queue to empty; an interrupt only cuts the wait for new work short
        if (stopped && queue.isEmpty()) {
          return;
        }
        continue;
      }
      queue.drainTo(drained, maxGroup - drained.size());
      List<Pending> group = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (Pending pending : drained) {
        (keys.add(pending.key()) ? group : carried).add(pending);
      }
      commit(group);
    }
  }

  private void commit(List<Pending> group) {
    try {
      List<ReadingIngestion.EntryResult> results = writer.write(group);
      groupSizes.record(group.size());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).answer().complete(results.get(i));
      }
      return;
    } catch (RuntimeException | Error e) {
      if (group.size() == 1 || Outage.of(e).isPresent()) {
        // one request, or the database down, refusing or out of disk: each request gets the error (a 503 for an
        // outage, said at most every 30 s by OutageFilter); writing them one by one would only fail again
        group.forEach(pending -> pending.answer().completeExceptionally(e));
        return;
      }
      // the class only: a database message may quote values
      log.warn("A group of {} readings could not be written ({}); writing them one by one", group.size(),
          e.getClass().getName());
      retried.increment();
    }
    for (Pending pending : group) {
      try {
        pending.answer().complete(writer.write(List.of(pending)).get(0));
        groupSizes.record(1);
      } catch (RuntimeException | Error e) {
        pending.answer().completeExceptionally(e);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    stopped = false;
    for (int i = 0; i < committers; i++) {
      Thread thread = new Thread(this::commitLoop, "reading-group-commit-" + (i + 1));
      thread.start();
      threads.add(thread);
    }
    running = true;
  }

  /** Stops taking requests, writes and answers what is already waiting, then ends the committers. */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    stopped = true;
    long deadline = System.nanoTime() + maxWait.toNanos();
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(pending -> pending.answer().completeExceptionally(new Unavailable("stopped", false)));
    if (!left.isEmpty() || threads.stream().anyMatch(Thread::isAlive)) {
      log.warn("Group commit stopped with {} readings not written (answered 503)", left.size());
    }
    threads.clear();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the web server: requests still in Tomcat's graceful shutdown get their commit. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
