package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;

/** Retries and back-off a worker reports to the engine, with a mocked external task and service. */
class WorkerRetriesTest {

  private static final String MESSAGE = "Forsendelsestjenesten svarer ikke";
  private static final String DETAILS = "Letter-dispatch service answered HTTP 503: busy";

  private final ExternalTask task = mock(ExternalTask.class);
  private final ExternalTaskService service = mock(ExternalTaskService.class);

  /** What one failure told the engine: the retries left and the wait before the next attempt. */
  private record Report(int retries, Duration delay) {
  }

  /**
   * Fails the same task again and again, each time with the retries the engine stored from the
   * report before (none at first), until the engine would raise an incident.
   */
  private List<Report> failUntilIncident(WorkerRetries policy) {
    List<Report> reports = new ArrayList<>();
    doAnswer(invocation -> reports.add(new Report(invocation.getArgument(3),
        Duration.ofMillis(invocation.<Long>getArgument(4)))))
        .when(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
    Integer retries = null;
    while (retries == null || retries > 0) {
      when(task.getRetries()).thenReturn(retries);
      policy.retryLater(task, service, MESSAGE, DETAILS);
      retries = reports.get(reports.size() - 1).retries();
      assertThat(reports).as("an incident within a sane number of attempts").hasSizeLessThan(1000);
    }
    return reports;
  }

  private static List<Duration> delaysWhileRetrying(List<Report> reports) {
    return reports.stream().filter(report -> report.retries() > 0).map(Report::delay).toList();
  }

  @Test
  void theFirstFailureLeavesTheConfiguredRetriesAndWaitsTheFirstDelay() {
    when(task.getRetries()).thenReturn(null);

    new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30)).retryLater(task, service, MESSAGE, DETAILS);

    verify(service).handleFailure(task, MESSAGE, DETAILS, 5, 30_000L);
    verifyNoMoreInteractions(service);
  }

  @Test
  void eachFurtherFailureLeavesOneRetryFewer() {
    WorkerRetries policy = new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30));

    assertThat(failUntilIncident(policy)).extracting(Report::retries).containsExactly(5, 4, 3, 2, 1, 0);
  }

  @Test
  void theDelayDoublesFromOneFailureToTheNext() {
    WorkerRetries policy = new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30));

    assertThat(delaysWhileRetrying(failUntilIncident(policy))).containsExactly(Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240), Duration.ofSeconds(480));
  }

  @Test
  void theDelayIsCappedAtTheMaximum() {
    WorkerRetries policy = new WorkerRetries(7, Duration.ofMinutes(1), Duration.ofMinutes(5));

    assertThat(delaysWhileRetrying(failUntilIncident(policy))).containsExactly(Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  @Test
  void manyRetriesNeitherOverflowTheDelayNorExceedTheMaximum() {
    WorkerRetries policy = new WorkerRetries(100, Duration.ofSeconds(30), Duration.ofMinutes(30));

    List<Report> reports = failUntilIncident(policy);

    assertThat(reports).hasSize(101);
    assertThat(reports).extracting(Report::delay).allSatisfy(delay ->
        assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30)));
    assertThat(reports.get(99).delay()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void theLastRetryEndsWithZeroRetriesSoTheEngineRaisesAnIncident() {
    when(task.getRetries()).thenReturn(1);

    new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30)).retryLater(task, service, MESSAGE, DETAILS);

    verify(service).handleFailure(eq(task), eq(MESSAGE), eq(DETAILS), eq(0), anyLong());
  }

  @Test
  void retriesNeverGoBelowZero() {
    when(task.getRetries()).thenReturn(0);

    new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30)).retryLater(task, service, MESSAGE, DETAILS);

    verify(service).handleFailure(eq(task), eq(MESSAGE), eq(DETAILS), eq(0), anyLong());
  }

  @Test
  void withoutRetriesTheFirstFailureIsAnIncident() {
    WorkerRetries policy = new WorkerRetries(0, Duration.ofSeconds(30), Duration.ofMinutes(30));

    assertThat(failUntilIncident(policy)).extracting(Report::retries).containsExactly(0);
  }

  @Test
  void givingUpLeavesNoRetriesSoTheEngineRaisesAnIncidentAtOnce() {
    when(task.getRetries()).thenReturn(3);

    new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30))
        .giveUp(task, service, "Forsendelsestjenesten avviste brevet", "HTTP 400: Mangler idempotencyKey.");

    verify(service).handleFailure(task, "Forsendelsestjenesten avviste brevet", "HTTP 400: Mangler idempotencyKey.",
        0, 0L);
    verifyNoMoreInteractions(service);
  }

  @Test
  void givingUpOnTheFirstAttemptIsAlsoAnIncident() {
    when(task.getRetries()).thenReturn(null);

    new WorkerRetries(5, Duration.ofSeconds(30), Duration.ofMinutes(30)).giveUp(task, service, MESSAGE, DETAILS);

    verify(service).handleFailure(task, MESSAGE, DETAILS, 0, 0L);
  }
}
