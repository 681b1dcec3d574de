package no.carepath.transitions;

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
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.PageRendering;
import no.carepath.security.Navigation;

/**
 * {@link StayPages} with mocked stores: one stay, {@value #STAY_ID}, ready for discharge with a
 * follow-up episode, one closed stay without its discharge summary, and a few stays for the
 * timeliness counts; the patient is {@link PageRendering#HOSTILE_NAME}.
 */
public final class StayPagesExample {

  public static final String STAY_ID = "OPP-2026-000007";

  private StayPagesExample() {
  }

  public static Object controller() {
    UUID patientId = UUID.randomUUID();
    StayStore stays = mock(StayStore.class);
    StayStore.Stay ready = new StayStore.Stay(STAY_ID, "1804", "983974899", "Nordlandssykehuset", "Medisinsk avdeling",
        "NLSH-55", patientId, true, "EP-2026-000042", StayStore.Status.READY_FOR_DISCHARGE,
        Instant.parse("2026-03-01T10:00:00Z"), LocalDate.of(2026, 3, 12), Instant.parse("2026-03-08T09:00:00Z"), null, null,
        null, null, null, null, null, "Trenger hjelp med medisiner", Instant.parse("2026-03-01T10:05:00Z"), null);
    StayStore.Stay closed = new StayStore.Stay("OPP-2026-000003", "1804", "983974899", "Nordlandssykehuset", null, "NLSH-12",
        patientId, false, null, StayStore.Status.CLOSED, Instant.parse("2026-02-20T10:00:00Z"), null,
        Instant.parse("2026-02-24T09:00:00Z"), Instant.parse("2026-02-24T10:00:00Z"), null,
        Instant.parse("2026-02-27T12:00:00Z"), 3, null, null, null, null, Instant.parse("2026-02-20T10:05:00Z"),
        Instant.parse("2026-03-01T12:00:00Z"));
    when(stays.open(any())).thenReturn(List.of(ready));
    when(stays.closedRecently(any(), any())).thenReturn(List.of(closed));
    when(stays.find(STAY_ID)).thenReturn(Optional.of(ready));
    when(stays.messages(STAY_ID)).thenReturn(List.of(
        new StayStore.MessageRow("M-1", "ADMITTED", Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:01:00Z"), false),
        new StayStore.MessageRow("M-2", "READY_FOR_DISCHARGE", Instant.parse("2026-03-08T09:00:00Z"),
            Instant.parse("2026-03-08T09:01:00Z"), true)));
    when(stays.times(any(), any())).thenReturn(List.of(
        new MessageTimeliness.StayTimes("1804", Instant.parse("2026-02-20T10:05:00Z"), Instant.parse("2026-02-20T10:00:00Z"),
            Instant.parse("2026-02-20T10:05:00Z"), Instant.parse("2026-02-21T10:00:00Z"), Instant.parse("2026-02-27T12:00:00Z"),
            true, Instant.parse("2026-02-27T15:30:00Z"), Instant.parse("2026-03-01T12:00:00Z"))));
    PatientService patients = mock(PatientService.class);
    when(patients.label(patientId)).thenReturn(HOSTILE_NAME + ", f. 03.04.1945");
    LocalDate born = LocalDate.of(1945, 4, 3);
    when(patients.read(eq(patientId), any(), anyString())).thenReturn(new Patient(patientId,
        NationalIdentityNumber.synthetic(born, 100), HOSTILE_NAME, "Olsen", born, "1804"));
    Outbox outbox = mock(Outbox.class);
    when(outbox.summaries(List.of(STAY_ID))).thenReturn(List.of(new Outbox.Summary("MSG-9", Channel.HOSPITAL, "ready-answer",
        "Svar på utskrivningsklar pasient", Outbox.Status.SENT, 1, Instant.parse("2026-03-08T10:00:00Z"),
        Instant.parse("2026-03-08T10:01:00Z"), null, null, null, null)));
    TransitionsProperties properties = new TransitionsProperties(Duration.ofHours(24), LocalTime.of(15, 30),
        Duration.ofDays(1), Duration.ofHours(4), Duration.ofHours(4), Duration.ofDays(3), Duration.ofHours(4),
        Duration.ofDays(14), Duration.ofDays(1));
    return new StayPages(stays, patients, outbox, new Navigation(), CLOCK, properties,
        org.mockito.Mockito.mock(no.carepath.security.AccessLog.class));
  }
}
