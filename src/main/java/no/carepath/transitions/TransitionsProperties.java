package no.carepath.transitions;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code carepath.transitions.*}: when a discharge summary is overdue, the cut-off after which a
 * same-day answer is due the next morning, and the deadlines of the tasks.
 *
 * @param summaryDueAfterDischarge no epikrise this long after discharge gives a task to chase it
 * @param sameDayCutoff a patient reported ready for discharge after this time is answered the next working morning
 * @param healthInformationWithin no health information (helseopplysninger) this long after the admission, while the
 *     patient is still in hospital, gives the allocation office a task to ask for it (the reference timeline says two
 *     to three days)
 * @param staySilentAfter no message from the hospital this long while the patient is in: a task to check the stay
 */
@Validated
@ConfigurationProperties("carepath.transitions")
record TransitionsProperties(
    @NotNull Duration summaryDueAfterDischarge,
    @NotNull LocalTime sameDayCutoff,
    @NotNull Duration firstAssessmentWithin,
    @NotNull Duration identifyWithin,
    @NotNull Duration chaseWithin,
    @NotNull Duration healthInformationWithin,
    @NotNull Duration requestHealthInformationWithin,
    @NotNull Duration staySilentAfter,
    @NotNull Duration checkStayWithin) {
}
