package no.carepath.followup.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's queue and committer with a stand-in for the database transaction: groups form
 * while a commit runs, an identifier appears once per group, a failing group is written again one by
 * one with each request's true answer, and a shutdown answers every waiting request.
 */
class ReadingGroupCommitTest {

  private final ExecutorService senders = Executors.newCachedThreadPool();
  /** What each write was given; a write throws when {@link #failWhen} says so. */
  private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());
  /** The committed writes only: what a database would hold. */
  private final List<String> stored = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstWriteStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
  private final AtomicBoolean holdFirst = new AtomicBoolean(true);
  private volatile java.util.function.Predicate<List<String>> failWhen = group -> false;
  /** What a failing write throws. */
  private volatile java.util.function.Supplier<RuntimeException> failure = () -> new IllegalStateException("deadlock detected");
  private ReadingGroupCommit groupCommit;

  @AfterEach
  void stop() {
    releaseFirstWrite.countDown();
    if (groupCommit != null) {
      groupCommit.stop();
    }
    senders.shutdownNow();
  }

  private ReadingGroupCommit start(int capacity, int maxGroup) {
    groupCommit = new ReadingGroupCommit(group -> {
      List<String> ids = group.stream().map(ReadingGroupCommit.Pending::key).toList();
      writes.add(ids);
      if (holdFirst.getAndSet(false)) {
        firstWriteStarted.countDown();
        await(releaseFirstWrite);
      }
      if (failWhen.test(ids)) {
        throw failure.get();
      }
      stored.addAll(ids);
      return group.stream().map(pending -> new ReadingIngestion.EntryResult(pending.entry(),
          ReadingIngestion.Status.CREATED, List.of(), List.of())).toList();
    }, true, capacity, maxGroup, 1, Duration.ofSeconds(20), new SimpleMeterRegistry());
    groupCommit.start();
    return groupCommit;
  }

  @Test
  void requestsArrivingDuringACommitAreWrittenTogetherInTheNextOneAndEachGetsItsOwnAnswer() throws Exception {
    start(100, 50);
    CompletableFuture<ReadingIngestion.EntryResult> first = send("urn:a|first");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    List<CompletableFuture<ReadingIngestion.EntryResult>> waiting = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiting.add(send("urn:a|" + i));
    }
    awaitQueued(10);
    releaseFirstWrite.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(ReadingIngestion.Status.CREATED);
    for (int i = 0; i < 10; i++) {
      ReadingIngestion.EntryResult result = waiting.get(i).get(5, TimeUnit.SECONDS);
      assertThat(ObservationMapper.identifierKey(result.entry().observation())).isEqualTo("urn:a|" + i);
    }
    assertThat(writes).hasSize(2);
    assertThat(writes.get(0)).containsExactly("urn:a|first");
    assertThat(writes.get(1)).hasSize(10);
  }

  @Test
  void aGroupIsCappedAtItsMaximumSize() throws Exception {
    start(100, 4);
    send("urn:cap|first");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    List<CompletableFuture<ReadingIngestion.EntryResult>> waiting = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiting.add(send("urn:cap|" + i));
    }
    awaitQueued(10);
    releaseFirstWrite.countDown();
    for (CompletableFuture<ReadingIngestion.EntryResult> answer : waiting) {
      answer.get(5, TimeUnit.SECONDS);
    }

    assertThat(writes.subList(1, writes.size())).extracting(List::size).containsExactly(4, 4, 2);
  }

  @Test
  void theSameIdentifierTwiceWaitsForTheNextGroupSoTheSecondSeesWhatTheFirstStored() throws Exception {
    start(100, 50);
    send("urn:dup|warm");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    List<CompletableFuture<ReadingIngestion.EntryResult>> waiting = new ArrayList<>();
    for (String key : List.of("urn:dup|x", "urn:dup|y", "urn:dup|x", "urn:dup|x", "urn:dup|z")) {
      waiting.add(send(key));
      awaitQueued(waiting.size());
    }
    releaseFirstWrite.countDown();
    for (CompletableFuture<ReadingIngestion.EntryResult> answer : waiting) {
      answer.get(5, TimeUnit.SECONDS);
    }

    for (List<String> write : writes) {
      assertThat(new HashSet<>(write)).as("one request per identifier in %s", write).hasSameSizeAs(write);
    }
    assertThat(writes.subList(1, writes.size())).containsExactly(List.of("urn:dup|x", "urn:dup|y", "urn:dup|z"),
        List.of("urn:dup|x"), List.of("urn:dup|x"));
  }

  @Test
  void aFailingGroupIsWrittenAgainOneByOneAndOnlyTheRequestThatFailsAloneGetsAnError() throws Exception {
    start(100, 50);
    failWhen = group -> group.contains("urn:f|poison");
    send("urn:f|warm");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    List<CompletableFuture<ReadingIngestion.EntryResult>> good = new ArrayList<>();
    good.add(send("urn:f|1"));
    awaitQueued(1);
    CompletableFuture<ReadingIngestion.EntryResult> poison = send("urn:f|poison");
    awaitQueued(2);
    good.add(send("urn:f|2"));
    awaitQueued(3);
    releaseFirstWrite.countDown();

    for (CompletableFuture<ReadingIngestion.EntryResult> answer : good) {
      assertThat(answer.get(5, TimeUnit.SECONDS).status()).isEqualTo(ReadingIngestion.Status.CREATED);
    }
    assertThatThrownBy(() -> poison.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("deadlock detected");
    assertThat(writes.subList(1, writes.size())).containsExactly(List.of("urn:f|1", "urn:f|poison", "urn:f|2"),
        List.of("urn:f|1"), List.of("urn:f|poison"), List.of("urn:f|2"));
    // stored once each, the failed group and the failed single left nothing
    assertThat(stored).containsExactly("urn:f|warm", "urn:f|1", "urn:f|2");
  }

  @Test
  void aGroupThatMeetsADatabaseOutageIsAnsweredWithItAtOnceAndNotWrittenAgainOneByOne() throws Exception {
    start(100, 50);
    send("urn:f|warm");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    failure = () -> new org.springframework.dao.DataAccessResourceFailureException("could not extend file",
        new java.sql.SQLException("could not extend file: No space left on device", "53100"));
    failWhen = group -> group.size() > 1;
    List<CompletableFuture<ReadingIngestion.EntryResult>> refused = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      refused.add(send("urn:f|" + i));
      awaitQueued(i);
    }
    releaseFirstWrite.countDown();

    for (CompletableFuture<ReadingIngestion.EntryResult> answer : refused) {
      assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(
          org.springframework.dao.DataAccessResourceFailureException.class);
    }
    assertThat(writes.subList(1, writes.size())).as("the group once, no one-by-one writes")
        .containsExactly(List.of("urn:f|1", "urn:f|2", "urn:f|3"));
    assertThat(stored).containsExactly("urn:f|warm");
  }

  @Test
  void atShutdownEveryWaitingRequestIsWrittenAndAnsweredAndLaterOnesGet503() throws Exception {
    start(100, 5);
    CompletableFuture<ReadingIngestion.EntryResult> first = send("urn:s|first");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    List<CompletableFuture<ReadingIngestion.EntryResult>> waiting = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      waiting.add(send("urn:s|" + i));
    }
    awaitQueued(12);
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(groupCommit::stop, senders);
    Thread.sleep(100); // stop() has begun: the committer is still in its first write
    assertThatThrownBy(() -> groupCommit.submit(entry("urn:s|late"), valid(), Set.of("1804")))
        .isInstanceOf(ReadingGroupCommit.Unavailable.class)
        .satisfies(e -> assertThat(((ReadingGroupCommit.Unavailable) e).maybeStored()).isFalse());
    releaseFirstWrite.countDown();
    stopping.get(10, TimeUnit.SECONDS);

    assertThat(first.get(1, TimeUnit.SECONDS).status()).isEqualTo(ReadingIngestion.Status.CREATED);
    Set<String> answered = new HashSet<>();
    for (CompletableFuture<ReadingIngestion.EntryResult> answer : waiting) {
      answered.add(ObservationMapper.identifierKey(answer.get(1, TimeUnit.SECONDS).entry().observation()));
    }
    assertThat(answered).hasSize(12);
    assertThat(stored).hasSize(13).doesNotContain("urn:s|late");
    assertThat(groupCommit.isRunning()).isFalse();
  }

  @Test
  void aFullQueueIsRefusedAtOnceAndNothingOfItIsWritten() throws Exception {
    start(2, 50);
    send("urn:q|first");
    firstWriteStarted.await(5, TimeUnit.SECONDS);
    send("urn:q|1");
    awaitQueued(1);
    send("urn:q|2");
    awaitQueued(2);

    assertThatThrownBy(() -> groupCommit.submit(entry("urn:q|3"), valid(), Set.of("1804")))
        .isInstanceOf(ReadingGroupCommit.Unavailable.class);
    releaseFirstWrite.countDown();
    groupCommit.stop();
    assertThat(stored).containsExactly("urn:q|first", "urn:q|1", "urn:q|2");
  }

  // ---- helpers ----

  private CompletableFuture<ReadingIngestion.EntryResult> send(String key) {
    ReadingIngestion.Entry entry = entry(key);
    return CompletableFuture.supplyAsync(() -> groupCommit.submit(entry, valid(), Set.of("1804")), senders);
  }

  private static ReadingIngestion.Entry entry(String key) {
    Observation observation = new Observation();
    String[] parts = key.split("\\|", 2);
    observation.addIdentifier().setSystem(parts[0]).setValue(parts[1]);
    return new ReadingIngestion.Entry(0, observation, "Observation");
  }

  private static ObservationMapper.Result valid() {
    return new ObservationMapper.Result(List.of(), List.of());
  }

  /** Waits until {@code count} requests wait in the queue (the committer is held in its first write). */
  private void awaitQueued(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (groupCommit.waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + groupCommit.waiting() + " of " + count + " requests queued");
      }
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the first write");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
