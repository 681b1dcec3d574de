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
    form.notBefore(HOME_VISIT_DATE, LocalDate.now(clock));
    LocalDate visit = form.date(HOME_VISIT_DATE);
    List<String> devices = form.selection(DEVICES_PLANNED);
    boolean relativesInformed = form.flag(RELATIVES_INFORMED);
    String gpName = form.text(GP_NAME);
    String gpHpr = form.text(GP_HPR_NUMBER);
    String gpPractice = form.text(GP_PRACTICE);
    String notes = form.text(STARTUP_NOTES);
    boolean insulin = form.flag(INSULIN_TREATED);
    form.throwIfInvalid();

    episodes.setInsulinTreated(episodeId, insulin);
    episodes.setGp(episodeId, gpName, gpHpr, gpPractice);
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "STARTUP_PLANNED",
        "Hjemmebesøk med opplæring planlagt " + visit + ". Utstyr: " + String.join(", ", devices) + ". Fastlege: "
            + gpName + (gpPractice == null ? "" : " (" + gpPractice + ")") + ". Pårørende informert: "
            + (relativesInformed ? "ja" : "nei") + "." + (insulin ? " Bruker insulin." : "") + (notes == null ? "" : " " + notes));
    // the home-visit task is due on the planned day
    task.getExecution().setVariable(HOME_VISIT_DATE, visit.toString());
  }
}
