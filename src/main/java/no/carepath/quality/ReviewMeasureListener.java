package no.carepath.quality;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.UUID;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_FollowUpReviewMeasure, one per measure of the signed action plan. On start: the measure's
 * text, owner and date for the task (its due date). On create: assigned to the owner. On complete: whether it was done,
 * and how, recorded with the measure for next year's review.
 */
@Component
class ReviewMeasureListener implements ExecutionListener, TaskListener {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final AnnualReviews reviews;

  ReviewMeasureListener(AnnualReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateExecution execution) {
    UUID id = UUID.fromString((String) execution.getVariable(QualityVariables.REVIEW_MEASURE_ID));
    AnnualReviews.Measure measure = reviews.measure(id).orElseThrow(
        () -> new IllegalStateException("No measure " + id));
    execution.setVariableLocal(QualityVariables.REVIEW_MEASURE_AREA, measure.area());
    execution.setVariableLocal(QualityVariables.REVIEW_MEASURE_DESCRIPTION, measure.description());
    execution.setVariableLocal(QualityVariables.REVIEW_MEASURE_OWNER, measure.owner());
    execution.setVariableLocal(QualityVariables.REVIEW_MEASURE_DUE_DATE,
        Date.from(measure.dueDate().atTime(16, 0).atZone(Incidents.OSLO).toInstant()));
    execution.setVariableLocal(QualityVariables.REVIEW_MEASURE_DUE_TEXT, DATE.format(measure.dueDate()));
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      // the owner chosen in the signed plan: data, not a name in the model
      task.setAssignee((String) task.getVariable(QualityVariables.REVIEW_MEASURE_OWNER));
      return;
    }
    SubmittedForm form = SubmittedForm.of(task);
    String status = form.choice(QualityVariables.REVIEW_MEASURE_STATUS);
    String note = QualityDeadlines.noNationalId(form, QualityVariables.REVIEW_MEASURE_STATUS_NOTE);
    form.throwIfInvalid();
    reviews.followUp(UUID.fromString((String) task.getVariable(QualityVariables.REVIEW_MEASURE_ID)), status, note,
        Actor.current().id());
  }
}
