package no.carepath.followup;

import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
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
 * Task_RegisterOnMonitoringPlatform (topic {@code followup-register-on-monitoring-platform}):
 * registers the patient, with the signs to measure, on the home-monitoring platform, which then
 * sends the readings to Carepath's FHIR endpoint. Retries with back-off; an incident when the
 * platform stays down or refuses.
 */
@Component
@ExternalTaskSubscription(topicName = FollowupVariables.TOPIC_REGISTER,
    variableNames = {FollowupVariables.EPISODE_ID})
class RegisterOnMonitoringPlatformWorker implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(RegisterOnMonitoringPlatformWorker.class);

  private final EpisodeStore episodes;
  private final PatientService patients;
  private final MonitoringPlatformClient platform;
  private final WorkerRetries retries;

  RegisterOnMonitoringPlatformWorker(EpisodeStore episodes, PatientService patients, MonitoringPlatformClient platform,
      FollowupProperties properties) {
    this.episodes = episodes;
    this.patients = patients;
    this.platform = platform;
    FollowupProperties.MonitoringPlatform settings = properties.monitoringPlatform();
    this.retries = new WorkerRetries(settings.maxRetries(), settings.firstRetryDelay(), settings.maxRetryDelay());
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String episodeId = task.getVariable(FollowupVariables.EPISODE_ID);
    EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
    try {
      Patient patient = patients.read(episode.patientId(), episode.caseId(), "monitoring-platform-registration");
      platform.register(episodeId, patient, episode.measuredSigns());
      episodes.addNote(episodeId, null, "system", "Carepath", "REGISTERED_ON_PLATFORM",
          "Pasienten er registrert på måleplattformen; målingene kommer hit.");
      service.complete(task);
    } catch (OutboundHttp.Refused e) {
      log.warn("Episode {} refused by the home-monitoring platform: {}", episodeId, e.getMessage());
      retries.giveUp(task, service, "Måleplattformen avviste registreringen", e.getMessage());
    } catch (OutboundHttp.Unavailable e) {
      log.info("Episode {} not registered yet ({})", episodeId, e.getMessage());
      retries.retryLater(task, service, "Måleplattformen svarer ikke", e.getMessage());
    } catch (RuntimeException e) {
      log.error("Episode {}: registration on the home-monitoring platform failed unexpectedly: {}", episodeId, e.getClass().getName());
      retries.retryLater(task, service, "Uventet feil ved registrering på måleplattformen", e.toString());
    }
  }
}
