package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.carepath.followup.triage.VitalSign;
import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_ConductHomeVisit, on complete: the devices handed out (with serial numbers), training and
 * consent. The patient is enrolled for measuring: the episode becomes ACTIVE in its trial period,
 * readings are accepted from now on and triaged against the municipality's default thresholds.
 */
@Component
class ConductHomeVisitListener implements TaskListener {

  private final EpisodeStore episodes;
  private final FollowupProperties properties;
  private final Clock clock;

  ConductHomeVisitListener(EpisodeStore episodes, FollowupProperties properties, Clock clock) {
    this.episodes = episodes;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String episodeId = (String) task.getVariable(EPISODE_ID);
    SubmittedForm form = SubmittedForm.of(task);
    form.notInFuture(HOME_VISIT_DONE_DATE, LocalDate.now(clock));
    LocalDate visited = form.date(HOME_VISIT_DONE_DATE);
    List<String> devices = form.selection(DEVICES_HANDED_OUT);
    String serials = form.text(DEVICE_SERIAL_NUMBERS);
    boolean relatives = form.flag(RELATIVES_INFORMED_AT_VISIT);
    boolean scale2 = form.flag(SPO2_SCALE2);
    String notes = form.text(HOME_VISIT_NOTES);
    // training and consent: the form requires both ticked before measuring starts
    Set<VitalSign> signs = new LinkedHashSet<>();
    devices.forEach(device -> signs.addAll(DEVICE_SIGNS.getOrDefault(device, List.of())));
    if (form.valid() && signs.isEmpty()) {
      form.problem("Velg minst ett måleapparat (et nettbrett alene gir ingen målinger).");
    }
    Map<String, String> serialByDevice = serials(serials, devices, form);
    form.throwIfInvalid();

    Instant trialEnds = clock.instant().plus(properties.trialPeriod());
    episodes.enroll(episodeId, new ArrayList<>(signs), scale2, trialEnds);
    devices.forEach(device -> episodes.addDevice(episodeId, device, serialByDevice.get(device)));
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "HOME_VISIT_DONE",
        "Hjemmebesøk " + visited + ": utstyr utlevert (" + String.join(", ", devices) + "), opplæring gitt, samtykke"
            + " bekreftet, pårørende informert: " + (relatives ? "ja" : "nei") + ". Prøveperioden varer til "
            + LocalDate.ofInstant(trialEnds, clock.getZone()) + "." + (notes == null ? "" : " " + notes));
    task.getExecution().setVariable(TRIAL_ENDS_AT, Date.from(trialEnds));
  }

  /** "VEKT: A123" per line; a device without a line has no serial number recorded. */
  private static Map<String, String> serials(String text, List<String> devices, SubmittedForm form) {
    Map<String, String> serials = new LinkedHashMap<>();
    if (text == null) {
      return serials;
    }
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String device = colon < 0 ? "" : line.substring(0, colon).strip().toUpperCase();
      if (colon < 0 || !devices.contains(device)) {
        form.problem("«Serienumre»: skriv én linje per apparat som «VEKT: 12345» (apparater: " + String.join(", ", devices)
            + "); «" + line.strip() + "» kan ikke leses.");
        continue;
      }
      serials.put(device, line.substring(colon + 1).strip());
    }
    return serials;
  }
}
