package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.util.List;
import java.util.UUID;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.spin.Spin;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_CollectDevices. On create: the devices handed out, as a checklist. On complete: which came
 * back; the rest must be explained.
 */
@Component
class CollectDevicesListener implements TaskListener {

  private final EpisodeStore episodes;

  CollectDevicesListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    String episodeId = (String) task.getVariable(EPISODE_ID);
    List<EpisodeStore.Device> devices = episodes.devices(episodeId).stream().filter(d -> d.returnedAt() == null).toList();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // JSON, so the form's checklist reads its options from it
      task.setVariableLocal(DEVICES_TO_COLLECT, Spin.JSON(devices.stream()
          .map(device -> java.util.Map.of("label", device.kind() + (device.serialNumber() == null ? ""
              : " (" + device.serialNumber() + ")"), "value", device.id().toString()))
          .toList()));
      return;
    }
    List<String> ids = devices.stream().map(device -> device.id().toString()).toList();
    // the choices are the devices not yet returned, in devicesToCollect (set on create)
    SubmittedForm form = SubmittedForm.of(task);
    List<String> returned = form.selection(DEVICES_RETURNED);
    if (returned.size() < ids.size()) {
      form.require(DEVICE_RETURN_NOTE, "når ikke alt er levert: skriv hva som skjer med utstyret som ikke er levert");
    }
    String note = form.text(DEVICE_RETURN_NOTE);
    form.throwIfInvalid();
    episodes.markDevicesReturned(episodeId, returned.stream().map(UUID::fromString).toList());
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "DEVICES_COLLECTED",
        returned.size() + " av " + ids.size() + " apparater levert tilbake." + (note == null ? "" : " " + note));
  }
}
