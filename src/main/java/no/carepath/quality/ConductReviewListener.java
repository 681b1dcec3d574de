package no.carepath.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Task_ConductReview, on complete: completing it with the decision signs the review (from the
 * review page's signing button or in the Tasklist). Every area must be judged, at least one good and
 * two weak or risky, each weak one with a measure; otherwise the managers are told what is missing
 * and nothing is signed. The signed action plan's measures become the follow-up tasks.
 */
@Component
class ConductReviewListener implements TaskListener {

  private final AnnualReviews reviews;

  ConductReviewListener(AnnualReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    UUID id = UUID.fromString((String) task.getVariable(QualityVariables.REVIEW_ID));
    SubmittedForm form = SubmittedForm.of(task);
    String decision = QualityDeadlines.noNationalId(form, QualityVariables.REVIEW_DECISION);
    reviews.readiness(id).forEach(form::problem);
    form.throwIfInvalid();
    reviews.recordSignature(id, decision, Actor.current().id());
    List<String> measures = new ArrayList<>();
    reviews.measures(id).forEach(measure -> measures.add(measure.id().toString()));
    task.setVariable(QualityVariables.REVIEW_MEASURE_IDS, Variables.objectValue(measures)
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
  }
}
