package no.carepath.followup;

import static no.carepath.platform.PageRendering.CLOCK;
import static no.carepath.platform.PageRendering.HOSTILE_NAME;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.escalation.GpDialogue;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.News2;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.platform.PageRendering;

/**
 * {@link EpisodePages} with a mocked {@link EpisodeViews}: one episode, {@value #EPISODE_ID}, in
 * active follow-up (so pause and end show) with readings, NEWS2, a plan, a deviation, a GP message
 * and a note, for the patient {@link PageRendering#HOSTILE_NAME}.
 */
public final class EpisodePagesExample {

  public static final String EPISODE_ID = "EP-2026-000042";

  private EpisodePagesExample() {
  }

  public static Object controller() {
    EpisodeViews views = mock(EpisodeViews.class);
    when(views.list(any())).thenReturn(List.of(new EpisodeViews.EpisodeSummary(EPISODE_ID, HOSTILE_NAME + ", f. 03.04.1945",
        "1804", "ACTIVE", "FOLLOW_UP", "RED", 2, Instant.parse("2026-02-01T10:00:00Z")),
        new EpisodeViews.EpisodeSummary("EP-2026-000043", "Knut Berg, f. 12.12.1950", "1806", "PLANNED", "STARTUP", null,
            null, null)));
    when(views.view(eq(EPISODE_ID), any(), anyString())).thenReturn(Optional.of(view()));
    no.carepath.competence.Accountability accountability = mock(no.carepath.competence.Accountability.class);
    when(accountability.of(any())).thenReturn(List.of(new no.carepath.competence.Accountability.Entry(
        Instant.parse("2026-03-10T08:00:00Z"), "Fullført", "Vurder rødt avvik", HOSTILE_NAME, "Triage av røde avvik (DHO)",
        "Kan veilede", null, HOSTILE_NAME)));
    return new EpisodePages(views, mock(FollowupService.class), new ReadingsChart(CLOCK), PageRendering.municipalities(),
        CLOCK, accountability);
  }

  private static EpisodeViews.EpisodeView view() {
    Instant measured = Instant.parse("2026-03-10T07:00:00Z");
    EpisodeStore.EpisodeRow episode = new EpisodeStore.EpisodeRow(EPISODE_ID, "SAK-2026-000123", UUID.randomUUID(),
        "1804", "ACTIVE", "FOLLOW_UP", 7, Instant.parse("2026-02-01T10:00:00Z"), null,
        List.of(VitalSign.SPO2, VitalSign.TEMPERATURE), Duration.ofHours(24), 2, false, "Dr. Hansen", "123456",
        "Sentrum legekontor", null, null, null, null, null, Instant.parse("2026-01-30T10:00:00Z"));
    Patient patient = new Patient(episode.patientId(), NationalIdentityNumber.synthetic(LocalDate.of(1945, 4, 3), 100),
        HOSTILE_NAME, "Olsen", LocalDate.of(1945, 4, 3), "1804");
    PlanStore.Plan plan = new PlanStore.Plan(UUID.randomUUID(), EPISODE_ID, 2, "ACTIVE", "Å bo hjemme", "Færre innleggelser",
        "Måle hver morgen", "Ringe sykepleier ved gult", null, null, episode.measuredSigns(), Duration.ofHours(24),
        Duration.ofDays(30), List.of(), "Ny plan etter prøveperioden", "jonas.lie", Instant.parse("2026-02-15T10:00:00Z"),
        "Godkjent", Instant.parse("2026-02-16T10:00:00Z"), Instant.parse("2026-02-16T10:00:00Z"));
    PlanStore.Plan first = new PlanStore.Plan(UUID.randomUUID(), EPISODE_ID, 1, "SUPERSEDED", "Å bo hjemme", "Færre innleggelser",
        "Måle hver morgen", "Ringe", null, null, episode.measuredSigns(), Duration.ofHours(24), Duration.ofDays(30), List.of(),
        "Første plan", "jonas.lie", Instant.parse("2026-02-01T10:00:00Z"), null, null, Instant.parse("2026-02-02T10:00:00Z"));
    Map<VitalSign, Integer> scores = new EnumMap<>(VitalSign.class);
    News2.PARAMETERS.forEach(sign -> scores.put(sign, 0));
    scores.put(VitalSign.SPO2, 3);
    return new EpisodeViews.EpisodeView(episode, patient,
        List.of(new EpisodeStore.Device(UUID.randomUUID(), "Pulsoksymeter", "SN-1", Instant.parse("2026-02-01T10:00:00Z"), null)),
        Optional.of(plan), List.of(plan, first),
        List.of(new StoredReading(UUID.randomUUID(), 7, VitalSign.SPO2, Interpretation.CRITICAL_LOW, 86, measured, measured),
            new StoredReading(UUID.randomUUID(), 7, VitalSign.TEMPERATURE, Interpretation.NORMAL, 37.2, measured, measured)),
        ThresholdSet.of(List.of(new Thresholds(VitalSign.SPO2, 90.0, 92.0, null, null),
            new Thresholds(VitalSign.TEMPERATURE, 35.1, 36.1, 38.0, 39.0)), List.of()),
        Optional.of(new News2.Score(3, scores, false)),
        List.of(new DeviationStore.DeviationRow("AV-1", EPISODE_ID, "READING", Colour.RED, Colour.RED, "OPEN",
            "Oksygenmetning 86 % (rød)", 1, measured, measured, measured, null, null, null, null, 1)),
        List.of(new EpisodeStore.Note(Instant.parse("2026-03-10T07:30:00Z"), "Jonas Lie", "CALL", "Ringt pasienten", "AV-1")),
        List.of(new GpDialogue.Message("D-1", episode.patientId(), EPISODE_ID, "1804", GpDialogue.Kind.REQUEST, "Forespørsel",
            "Lav metning", "Dr. Hansen", "123456", null, "gp-answer", "SENT", Instant.parse("2026-03-10T07:40:00Z"),
            Instant.parse("2026-03-10T07:41:00Z"), null, null, null, null, null)));
  }
}
