package no.carepath.allocation;

import static no.carepath.platform.PageRendering.CLOCK;
import static no.carepath.platform.PageRendering.HOSTILE_NAME;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.platform.PageRendering;

/**
 * {@link CasePages} with a mocked {@link AllocationCases}: one case, {@value #CASE_ID}, whose letter
 * is sent (so the appeal form shows), with the patient {@link PageRendering#HOSTILE_NAME}.
 */
public final class CasePagesExample {

  public static final String CASE_ID = "SAK-2026-000123";

  private CasePagesExample() {
  }

  public static Object controller() {
    AllocationCases cases = mock(AllocationCases.class);
    Instant received = Instant.parse("2026-03-01T09:30:00Z");
    when(cases.list(any(), anyInt())).thenReturn(List.of(new AllocationCases.CaseSummary(CASE_ID,
        HOSTILE_NAME + ", f. 03.04.1945", "1804", AllocationCases.Channel.APPLICATION, CaseStatus.LETTER_SENT, received)));
    AllocationCases.CaseView view = new AllocationCases.CaseView(CASE_ID, CaseStatus.LETTER_SENT,
        AllocationCases.Channel.APPLICATION, received, "1804", "Søker om digital hjemmeoppfølging etter innleggelse.",
        HOSTILE_NAME, "034580 *****", LocalDate.of(1945, 4, 3),
        Optional.of(Map.of("whatMattersToYou", "Å bo hjemme", "primaryCondition", "KOLS", "deviceAbility",
            "Selvstendig", "consentDigitalFollowUp", true)),
        Optional.of(new AllocationCases.DecisionView("GRANTED", List.of("DIGITAL_HOME_FOLLOW_UP"), "Daglige målinger",
            LocalDate.of(2026, 3, 15), "Vilkårene er oppfylt.", null, null, null, "Ingrid Berg",
            Instant.parse("2026-03-05T11:00:00Z"), 1)),
        Optional.of(new AllocationCases.LetterView(UUID.randomUUID(), Instant.parse("2026-03-05T11:01:00Z"), "SENT",
            Instant.parse("2026-03-05T11:05:00Z"))),
        List.of(new AllocationCases.EventView(Instant.parse("2026-03-05T11:05:00Z"), "system", "LETTER_DISPATCHED", Map.of())),
        List.of(new Outbox.Summary("MSG-1", Channel.DECISION_LETTER, "decision-letter", "Vedtaksbrev", Outbox.Status.ACKNOWLEDGED,
            1, Instant.parse("2026-03-05T11:01:00Z"), Instant.parse("2026-03-05T11:05:00Z"),
            Instant.parse("2026-03-05T11:06:00Z"), "OK", "Levert i digital postkasse", null)),
        List.of(new no.carepath.patient.PatientService.NameReport(HOSTILE_NAME, "Nordman",
            no.carepath.patient.PatientService.NameSource.HOSPITAL, "MSG-<b>1</b>", Instant.parse("2026-03-06T08:00:00Z"))));
    when(cases.view(eq(CASE_ID), any())).thenReturn(Optional.of(view));
    no.carepath.competence.Accountability accountability = org.mockito.Mockito.mock(
        no.carepath.competence.Accountability.class);
    org.mockito.Mockito.when(accountability.of(org.mockito.ArgumentMatchers.any())).thenReturn(java.util.List.of());
    return new CasePages(cases, PageRendering.municipalities(), CLOCK, accountability);
  }
}
