package no.carepath.followup;

import no.carepath.platform.OutboundHttp;
import no.carepath.platform.WorkerRetries;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_DeregisterFromMonitoringPlatform (topic {@code followup-deregister-from-monitoring-platform}):
 * the platform stops expecting readings from the patient. A patient the platform no longer knows
 * (404) counts as removed.
 */
@Component
@ExternalTaskSubscription(topicName = FollowupVariables.TOPIC_DEREGISTER,
    variableNames = {FollowupVariables.EPISODE_ID})
class DeregisterFromMonitoringPlatformWorker implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(DeregisterFromMonitoringPlatformWorker.class);

  private final MonitoringPlatformClient platform;
  private final WorkerRetries retries;

  DeregisterFromMonitoringPlatformWorker(MonitoringPlatformClient platform, FollowupProperties properties) {
    this.platform = platform;
    FollowupProperties.MonitoringPlatform settings = properties.monitoringPlatform();
    this.retries = new WorkerRetries(settings.maxRetries(), settings.firstRetryDelay(), settings.maxRetryDelay());
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String episodeId = task.getVariable(FollowupVariables.EPISODE_ID);
    try {
      platform.deregister(episodeId);
      service.complete(task);
    } catch (OutboundHttp.Refused e) {
      if (e.getMessage().contains("HTTP 404")) {
        service.complete(task);
        return;
      }
      log.warn("Episode {}: the home-monitoring platform refused the removal: {}", episodeId, e.getMessage());
      retries.giveUp(task, service, "Måleplattformen avviste utmeldingen", e.getMessage());
    } catch (OutboundHttp.Unavailable e) {
      retries.retryLater(task, service, "Måleplattformen svarer ikke", e.getMessage());
    } catch (RuntimeException e) {
      log.error("Episode {}: removal from the home-monitoring platform failed unexpectedly: {}", episodeId, e.getClass().getName());
      retries.retryLater(task, service, "Uventet feil ved avregistrering fra måleplattformen", e.toString());
    }
  }
}
