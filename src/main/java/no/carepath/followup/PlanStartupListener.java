package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_PlanStartup. On create: the GP from the referral, for the nurse to confirm. On complete: the
 * planned home visit, the devices, the patient's GP, and information to relatives.
 */
@Component
class PlanStartupListener implements TaskListener {

  private final EpisodeStore episodes;
  private final Clock clock;

  PlanStartupListener(EpisodeStore episodes, Clock clock) {
    this.episodes = episodes;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String episodeId = (String) task.getVariable(EPISODE_ID);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      EpisodeStore.EpisodeRow episode = episodes.get(episodeId);
      // for the form to show; what the nurse submits replaces them
      task.getExecution().setVariable(GP_NAME, episode.gpName());
      task.getExecution().setVariable(GP_HPR_NUMBER, episode.gpHprNumber());
      task.getExecution().setVariable(GP_PRACTICE, episode.gpPractice());
      return;
    }
    SubmittedForm form = SubmittedForm.of(task);
    LocalDate visit = form.requiredDate(HOME_VISIT_DATE, "Dato for hjemmebesøk med opplæring", LocalDate.now(clock));
    List<String> devices = form.requiredSelection(DEVICES_PLANNED, "Utstyr", DEVICES);
    boolean relativesInformed = form.flag(RELATIVES_INFORMED, "Pårørende er informert");
    String gpName = form.requiredText(GP_NAME, "Fastlege", 200);
    String gpHpr = form.optionalText(GP_HPR_NUMBER, "Fastlegens HPR-nummer", 9);
    if (gpHpr != null && !gpHpr.matches("\\d{7,9}")) {
      form.problem("«Fastlegens HPR-nummer» må være 7 til 9 sifre.");
    }
    String gpPractice = form.optionalText(GP_PRACTICE, "Legekontor", 200);
    String notes = form.optionalText(STARTUP_NOTES, "Notat", 2000);
    form.throwIfInvalid();

    episodes.setGp(episodeId, gpName, gpHpr, gpPractice);
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "STARTUP_PLANNED",
        "Hjemmebesøk med opplæring planlagt " + visit + ". Utstyr: " + String.join(", ", devices) + ". Fastlege: "
            + gpName + (gpPractice == null ? "" : " (" + gpPractice + ")") + ". Pårørende informert: "
            + (relativesInformed ? "ja" : "nei") + "." + (notes == null ? "" : " " + notes));
    // the home-visit task is due on the planned day
    task.getExecution().setVariable(HOME_VISIT_DATE, visit.toString());
  }
}
