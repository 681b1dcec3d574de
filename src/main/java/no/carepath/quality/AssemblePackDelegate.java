package no.carepath.quality;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AssemblePack: the statistics pack of the review's year, kept as version 1 of its documents. */
@Component
class AssemblePackDelegate implements JavaDelegate {

  private final AnnualReviews reviews;

  AssemblePackDelegate(AnnualReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reviews.assemblePack(UUID.fromString((String) execution.getVariable(QualityVariables.REVIEW_ID)));
  }
}
