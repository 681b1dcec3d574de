package no.carepath.followup;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;

/** What the follow-up process tests share: a fixed clock, the settings of production, an episode. */
final class FollowupFixtures {

  static final String EPISODE_ID = "EP-2026-000007";
  static final UUID PATIENT_ID = UUID.fromString("6f1c0c44-5ad9-4c70-9b35-0d2f4b5f1a11");
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** Monday 23 November 2026, 10:00 in Oslo. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), OSLO);

  private FollowupFixtures() {
  }

  static FollowupProperties properties() {
    Map<VitalSign, FollowupProperties.Bounds> defaults = new EnumMap<>(VitalSign.class);
    defaults.put(VitalSign.SPO2, new FollowupProperties.Bounds(90.0, 92.0, null, null));
    defaults.put(VitalSign.PULSE, new FollowupProperties.Bounds(41.0, 51.0, 110.0, 130.0));
    return new FollowupProperties(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(3),
        Duration.ofDays(7), Duration.ofMinutes(30), Map.of("1806", Duration.ofMinutes(20)), LocalTime.of(23, 59),
        Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofHours(3), Duration.ofMinutes(5), Duration.ofHours(1),
        defaults, new FollowupProperties.MonitoringPlatform(URI.create("http://localhost/fhir"), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(2)));
  }

  static EpisodeStore.EpisodeRow episode(String status, String phase) {
    return new EpisodeStore.EpisodeRow(EPISODE_ID, "SAK-2026-000042", PATIENT_ID, "1804", status, phase,
        "PLANNED".equals(status) ? null : 17, CLOCK.instant().minus(Duration.ofDays(15)),
        CLOCK.instant().minus(Duration.ofDays(1)), List.of(VitalSign.SPO2, VitalSign.PULSE), Duration.ofDays(1), 3, false,
        "Marit Solheim", "1234567", "Sentrum legekontor", null, null, null, null, null,
        CLOCK.instant().minus(Duration.ofDays(20)));
  }

  static PlanStore.Plan plan(UUID planId, int version, String status) {
    return new PlanStore.Plan(planId, EPISODE_ID, version, status, "Å gå tur med hunden.", "Holde seg hjemme.",
        "Gå ut hver dag.", "Måle oksygenmetning hver morgen.", null, null, List.of(VitalSign.SPO2, VitalSign.PULSE),
        Duration.ofDays(1), Duration.ofDays(30),
        List.of(new Thresholds(VitalSign.SPO2, 87.0, 89.0, null, null)), "Første plan etter prøveperioden", "jonas.lie",
        CLOCK.instant(), null, null, null);
  }

  /** What a nurse submits in followup-edit-plan. */
  static Map<String, Object> planForm() {
    Map<String, Object> form = new java.util.HashMap<>();
    form.put("whatMatters", "Å gå tur med hunden.");
    form.put("goal", "Holde seg hjemme uten innleggelse.");
    form.put("subGoals", "Gå ut hver dag.");
    form.put("interventions", "Måle oksygenmetning og puls hver morgen; ringe ved rødt.");
    form.put("measuredSigns", List.of("SPO2", "PULSE"));
    form.put("readingsPerDay", "1");
    form.put("evaluationIntervalDays", 30L);
    form.put("spo2RedBelow", 87.0);
    form.put("spo2YellowBelow", 89.0);
    form.put("pulseRedBelow", 40.0);
    form.put("pulseYellowBelow", 48.0);
    form.put("pulseYellowAbove", 105.0);
    // not below the clinical floor of 130 (NEWS2: three points from 131)
    form.put("pulseRedAbove", 130.0);
    return form;
  }
}
