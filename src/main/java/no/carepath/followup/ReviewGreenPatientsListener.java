package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewGreenPatients. On create: the patients on the list, as the options of the form's two
 * checklists (looked at, nothing to do; looked at, needs follow-up). On complete: each patient ticked
 * is recorded as looked at by the nurse, now; a patient in both lists is refused, and a note is
 * required when someone needs follow-up or is left unticked.
 */
@Component
class ReviewGreenPatientsListener implements TaskListener {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM. 'kl.' HH:mm");

  private final DailyReviews reviews;

  ReviewGreenPatientsListener(DailyReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    String reviewId = (String) task.getVariable(DAILY_REVIEW_ID);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // JSON, so the form's checklists read their options from it
      task.setVariableLocal(REVIEW_CANDIDATES, Spin.JSON(reviews.list(reviewId).stream()
          .map(listed -> Map.of("label", label(listed), "value", listed.episodeId())).toList()));
      return;
    }
    SubmittedForm form = SubmittedForm.of(task);
    List<String> fine = form.selection(REVIEWED_FINE);
    List<String> action = form.selection(REVIEWED_ACTION);
    Set<String> both = new HashSet<>(fine);
    both.retainAll(action);
    if (!both.isEmpty()) {
      form.problem("En pasient kan ikke både være «" + form.label(REVIEWED_FINE) + "» og «" + form.label(REVIEWED_ACTION)
          + "»: velg ett av dem for hver pasient.");
    }
    int onList = reviews.list(reviewId).size();
    if (!action.isEmpty()) {
      form.require(REVIEW_NOTE, "når noen trenger oppfølging: skriv hva som skal gjøres");
    } else if (fine.size() < onList) {
      form.require(REVIEW_NOTE, "når ikke alle pasientene er sett på: skriv hvorfor");
    }
    String note = form.text(REVIEW_NOTE);
    form.throwIfInvalid();
    reviews.confirm(reviewId, fine, action, note, Actor.current());
  }

  private String label(DailyReviews.Listed listed) {
    List<String> parts = new ArrayList<>();
    parts.add(reviews.label(listed.patientId()));
    parts.add(listed.episodeId());
    parts.add(listed.readings() + (listed.readings() == 1 ? " grønn måling" : " grønne målinger") + ", siste "
        + TIME.format(listed.lastReadingAt().atZone(OSLO)));
    parts.add(listed.lastLookedAt() == null ? "ikke sett på før" : "sist sett på " + day(listed.lastLookedAt()));
    return String.join(" · ", parts);
  }

  private static String day(Instant instant) {
    return DAY.format(instant.atZone(OSLO));
  }
}
