package no.carepath.platform;

import java.time.Duration;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * Technical failures of a worker: retried with exponential back-off; after the last retry the
 * engine raises an incident, visible in Cockpit, and an operator retries it there once the outside
 * system works again. Business outcomes drawn in the model use BPMN errors instead.
 */
public record WorkerRetries(int maxRetries, Duration firstDelay, Duration maxDelay) {

  /** Reports a failure that may pass (timeout, 5xx, connection refused): retry later. */
  public void retryLater(ExternalTask task, ExternalTaskService service, String message, String details) {
    int remaining = task.getRetries() == null ? maxRetries : task.getRetries() - 1;
    service.handleFailure(task, message, details, Math.max(remaining, 0), delayBefore(remaining).toMillis());
  }

  /** Reports a failure no retry will mend (the request is refused as invalid): incident now. */
  public void giveUp(ExternalTask task, ExternalTaskService service, String message, String details) {
    service.handleFailure(task, message, details, 0, 0);
  }

  /**
   * The wait before the retry that leaves {@code remainingRetries}: first (the first failure leaves
   * {@code maxRetries}), 2 x first, 4 x first ... capped at {@code maxDelay}.
   */
  Duration delayBefore(int remainingRetries) {
    int attempt = Math.max(0, maxRetries - remainingRetries);
    Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt, 20));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
