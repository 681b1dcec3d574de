package no.carepath.followup;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code followup-daily-review.bpmn}: nobody on the day's list ends it without a task;
 * a list gives one task for the municipality's nurses, due the same day, whose checklists offer the
 * patients on it; the nurse's confirmation is checked (a patient in both lists, a missing note) and
 * recorded per patient.
 */
@Deployment(resources = {"processes/followup/followup-daily-review.bpmn", "forms/followup/followup-daily-review.form"})
class FollowupDailyReviewProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final String REVIEW = "GJ-2026-11-23-1804";
  private static final Date DUE = Date.from(Instant.parse("2026-11-23T14:00:00Z"));
  private static final UUID OLE = UUID.fromString("11111111-5ad9-4c70-9b35-0d2f4b5f1a11");
  private static final UUID KNUT = UUID.fromString("22222222-5ad9-4c70-9b35-0d2f4b5f1a11");
  private static final List<DailyReviews.Listed> LIST = List.of(
      new DailyReviews.Listed("EP-2026-000001", OLE, 14, Instant.parse("2026-11-23T06:10:00Z"),
          Instant.parse("2026-11-10T09:00:00Z"), null, null, null),
      new DailyReviews.Listed("EP-2026-000002", KNUT, 7, Instant.parse("2026-11-22T18:00:00Z"), null, null, null, null));

  private final DailyReviews reviews = mock(DailyReviews.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("findGreenPatientsDelegate", new FindGreenPatientsDelegate(reviews));
    Mocks.register("reviewGreenPatientsListener", new ReviewGreenPatientsListener(reviews));
    when(reviews.list(REVIEW)).thenReturn(LIST);
    when(reviews.label(OLE)).thenReturn("Ole Johansen, f. 02.08.1950");
    when(reviews.label(KNUT)).thenReturn("Knut Berg, f. 15.01.1955");
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(FollowupVariables.MUNICIPALITY_NUMBER, "1804");
    variables.put(FollowupVariables.DAILY_REVIEW_ID, REVIEW);
    variables.put(FollowupVariables.DAILY_REVIEW_DUE_DATE, DUE);
    return runtimeService().startProcessInstanceByKey(FollowupVariables.DAILY_REVIEW_PROCESS, REVIEW, variables);
  }

  @Test
  void nobodyOnTheListEndsTheDayWithoutATask() {
    when(reviews.drawList(eq(REVIEW), anyString())).thenReturn(0);

    ProcessInstance instance = start();

    assertThat(instance).hasPassed("Task_FindGreenPatients").isEnded().hasPassed("EndEvent_NobodyToReview")
        .hasNotPassed("Task_ReviewGreenPatients");
    verify(reviews).drawList(REVIEW, instance.getId());
  }

  @Test
  void aListIsOneTaskForTheNursesAndEachPatientTickedIsRecordedAsLookedAt() {
    when(reviews.drawList(eq(REVIEW), anyString())).thenReturn(2);

    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("Task_ReviewGreenPatients");
    assertThat(task()).hasCandidateGroup("home-follow-up-nurses").hasName("Gjennomgå grønne pasienter");
    Assertions.assertThat(task().getDueDate()).isEqualTo(DUE);
    // the card (TaskCards, which the integration test sees) shows the list's size, never a patient's name
    Assertions.assertThat(runtimeService().getVariable(instance.getId(), FollowupVariables.PATIENT_LIST_LABEL))
        .isEqualTo("2 pasienter");
    Map<String, Object> local = taskService().getVariablesLocal(task().getId());
    SpinJsonNode options = (SpinJsonNode) local.get(FollowupVariables.REVIEW_CANDIDATES);
    Assertions.assertThat(options.elements()).hasSize(2);
    Assertions.assertThat(options.elements().get(0).prop("value").stringValue()).isEqualTo("EP-2026-000001");
    Assertions.assertThat(options.elements().get(0).prop("label").stringValue())
        .isEqualTo("Ole Johansen, f. 02.08.1950 · EP-2026-000001 · 14 grønne målinger, siste 23.11. kl. 07:10"
            + " · sist sett på 10.11.");
    Assertions.assertThat(options.elements().get(1).prop("label").stringValue()).endsWith("ikke sett på før");

    // a patient in both lists, and someone needing follow-up without a note: refused, nothing recorded
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(FollowupVariables.REVIEWED_FINE,
            List.of("EP-2026-000001"), FollowupVariables.REVIEWED_ACTION, List.of("EP-2026-000001"))))
        .hasMessageContaining("kan ikke både være «Sett på, ingen tiltak» og «Sett på, trenger oppfølging»")
        .hasMessageContaining("«Merknad» må fylles ut når noen trenger oppfølging");
    // someone left unticked without saying why: refused
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(FollowupVariables.REVIEWED_FINE,
            List.of("EP-2026-000001"))))
        .hasMessageContaining("«Merknad» må fylles ut når ikke alle pasientene er sett på");
    // a patient who is not on the list: refused by the form's own choices
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(FollowupVariables.REVIEWED_FINE,
            List.of("EP-2026-000001", "EP-2026-000002", "EP-2026-000099"))))
        .hasMessageContaining("ugyldig verdi (EP-2026-000099)");
    verify(reviews, never()).confirm(anyString(), any(), any(), any(), any());
    assertThat(instance).isWaitingAt("Task_ReviewGreenPatients");

    complete(task(), Map.of(FollowupVariables.REVIEWED_FINE, List.of("EP-2026-000001"),
        FollowupVariables.REVIEWED_ACTION, List.of("EP-2026-000002"),
        FollowupVariables.REVIEW_NOTE, "Knut: ring og spør om vekten."));

    verify(reviews).confirm(eq(REVIEW), eq(List.of("EP-2026-000001")), eq(List.of("EP-2026-000002")),
        eq("Knut: ring og spør om vekten."), any());
    assertThat(instance).isEnded().hasPassed("EndEvent_PatientsReviewed");
  }

  @Test
  void allPatientsLookedAtWithNothingToDoNeedsNoNote() {
    when(reviews.drawList(eq(REVIEW), anyString())).thenReturn(2);
    ProcessInstance instance = start();
    assertThat(instance).isWaitingAt("Task_ReviewGreenPatients");

    complete(task(), Map.of(FollowupVariables.REVIEWED_FINE, List.of("EP-2026-000001", "EP-2026-000002")));

    verify(reviews).confirm(eq(REVIEW), eq(List.of("EP-2026-000001", "EP-2026-000002")), eq(List.of()), eq(null),
        any());
    assertThat(instance).isEnded();
  }
}
