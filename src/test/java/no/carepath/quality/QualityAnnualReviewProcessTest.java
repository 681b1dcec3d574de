package no.carepath.quality;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code quality-annual-review.bpmn}: the statistics pack assembled as a job; the
 * managers' task, which only a signed review completes (before that, the managers are told what is
 * missing); one follow-up task per measure of the action plan, assigned to its owner and due on its
 * date, which records whether it was done; and the end when every measure is followed up.
 */
@Deployment(resources = {"processes/quality/quality-annual-review.bpmn", "forms/quality/quality-conduct-review.form",
    "forms/quality/quality-follow-up-review-measure.form"})
class QualityAnnualReviewProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final UUID REVIEW = UUID.fromString("5d0c8b3e-0c8e-4f1b-9f60-1f2b3c4d5e6f");
  private static final UUID FIRST = UUID.fromString("11111111-0c8e-4f1b-9f60-1f2b3c4d5e6f");
  private static final UUID SECOND = UUID.fromString("22222222-0c8e-4f1b-9f60-1f2b3c4d5e6f");
  private static final AnnualReviews.Measure FIRST_MEASURE = new AnnualReviews.Measure(FIRST,
      "Digital hjemmeoppfølging", "Fast sykepleier på røde avvik hver vakt", "marte.dahl", LocalDate.of(2027, 3, 1),
      "red-response-time", "PLANNED", null);
  private static final AnnualReviews.Measure SECOND_MEASURE = new AnnualReviews.Measure(SECOND, "Kvalitet og avvik",
      "Avvik gjennomgås i personalmøtet hver måned", "sigrid.holm", LocalDate.of(2027, 2, 1), null, "PLANNED", null);
  private static final Date DUE = Date.from(Instant.parse("2027-01-04T15:00:00Z"));

  private final AnnualReviews reviews = mock(AnnualReviews.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("assemblePackDelegate", new AssemblePackDelegate(reviews));
    Mocks.register("conductReviewListener", new ConductReviewListener(reviews));
    Mocks.register("reviewMeasureListener", new ReviewMeasureListener(reviews));
    when(reviews.measure(FIRST)).thenReturn(Optional.of(FIRST_MEASURE));
    when(reviews.measure(SECOND)).thenReturn(Optional.of(SECOND_MEASURE));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, "1804");
    variables.put(QualityVariables.REVIEW_ID, REVIEW.toString());
    variables.put(QualityVariables.REVIEW_REFERENCE, "LG-2026-1804");
    variables.put(QualityVariables.REVIEW_YEAR, 2026);
    variables.put(QualityVariables.REVIEW_URL, "/app/reviews/" + REVIEW);
    variables.put(QualityVariables.REVIEW_DUE_DATE, DUE);
    return runtimeService().startProcessInstanceByKey(AnnualReviews.PROCESS, "LG-2026-1804", variables);
  }

  @Test
  void theReviewIsSignedAndEachMeasureOfItsPlanIsFollowedUpByItsOwner() {
    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("Task_AssemblePack");
    verify(reviews, never()).assemblePack(any());
    execute(job());
    verify(reviews).assemblePack(REVIEW);

    assertThat(instance).isWaitingAt("Task_ConductReview");
    assertThat(task()).hasCandidateGroup("managers");
    Assertions.assertThat(task().getDueDate()).isEqualTo(DUE);

    // completed before the areas and the plan are in order, or without a decision: refused, with what is missing
    when(reviews.readiness(REVIEW)).thenReturn(List.of("Minst to områder må være vurdert som svake eller med høy"
        + " risiko."));
    Assertions.assertThatThrownBy(() -> complete(task())).hasMessageContaining("«Beslutning» må fylles ut")
        .hasMessageContaining("Minst to områder");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.REVIEW_DECISION, "Vedtatt.")))
        .hasMessageContaining("Minst to områder");
    when(reviews.readiness(REVIEW)).thenReturn(List.of());
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.REVIEW_DECISION,
        "Pasient 12034100160 må følges opp."))).hasMessageContaining("fødselsnummer");
    verify(reviews, never()).recordSignature(any(), anyString(), anyString());
    assertThat(instance).isWaitingAt("Task_ConductReview");

    // completed with the decision (the review page's signing button does this): signed, and the plan's measures
    // become tasks
    when(reviews.measures(REVIEW)).thenReturn(List.of(FIRST_MEASURE, SECOND_MEASURE));
    complete(task(), Map.of(QualityVariables.REVIEW_DECISION, "Svartiden på røde avvik prioriteres i 2027."));
    verify(reviews).recordSignature(eq(REVIEW), eq("Svartiden på røde avvik prioriteres i 2027."), anyString());

    assertThat(instance).isWaitingAt("Task_FollowUpReviewMeasure");
    List<Task> followUps = taskQuery().taskDefinitionKey("Task_FollowUpReviewMeasure").orderByTaskAssignee().asc()
        .list();
    Assertions.assertThat(followUps).extracting(Task::getAssignee).containsExactly("marte.dahl", "sigrid.holm");
    Assertions.assertThat(followUps).extracting(Task::getDueDate).containsExactly(
        Date.from(Instant.parse("2027-03-01T15:00:00Z")), Date.from(Instant.parse("2027-02-01T15:00:00Z")));
    for (Task followUp : followUps) {
      Assertions.assertThat(BpmnAwareTests.taskService().getIdentityLinksForTask(followUp.getId()))
          .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId).contains("managers", "team-leaders");
    }
    Task first = followUps.get(0);
    Assertions.assertThat(runtimeService().getVariable(first.getExecutionId(), QualityVariables.REVIEW_MEASURE_DESCRIPTION))
        .isEqualTo("Fast sykepleier på røde avvik hver vakt");
    Assertions.assertThat(runtimeService().getVariable(first.getExecutionId(), QualityVariables.REVIEW_MEASURE_DUE_TEXT))
        .isEqualTo("01.03.2027");

    // what a follow-up must not hold is refused, and the task stays
    Assertions.assertThatThrownBy(() -> complete(first, Map.of(QualityVariables.REVIEW_MEASURE_STATUS, "MAYBE")))
        .hasMessageContaining("Er tiltaket gjennomført?").hasMessageContaining("Hvordan gikk det?");
    Assertions.assertThatThrownBy(() -> complete(first, Map.of(QualityVariables.REVIEW_MEASURE_STATUS, "DONE",
        QualityVariables.REVIEW_MEASURE_STATUS_NOTE, "Pasient 12034100160 fikk fast sykepleier.")))
        .hasMessageContaining("fødselsnummer");
    verify(reviews, never()).followUp(any(), anyString(), anyString(), anyString());

    complete(first, Map.of(QualityVariables.REVIEW_MEASURE_STATUS, "DONE",
        QualityVariables.REVIEW_MEASURE_STATUS_NOTE, "Fast sykepleier på hver vakt fra januar; svartiden falt."));
    verify(reviews).followUp(eq(FIRST), eq("DONE"), eq("Fast sykepleier på hver vakt fra januar; svartiden falt."),
        anyString());
    assertThat(instance).isWaitingAt("Task_FollowUpReviewMeasure");

    complete(followUps.get(1), Map.of(QualityVariables.REVIEW_MEASURE_STATUS, "PARTLY",
        QualityVariables.REVIEW_MEASURE_STATUS_NOTE, "Gjennomgått i fire av seks møter."));
    verify(reviews).followUp(eq(SECOND), eq("PARTLY"), eq("Gjennomgått i fire av seks møter."), anyString());
    assertThat(instance).isEnded().hasPassed("EndEvent_ReviewDone");
  }
}
