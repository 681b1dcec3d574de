package no.carepath.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/** The choices of an incident report and of its classification, with their Norwegian labels. */
public final class IncidentWords {

  /** What kind of event: an unwanted event, or a near miss that did no harm this time. */
  public static final Map<String, String> KINDS = ordered(
      "EVENT", "Uønsket hendelse",
      "NEAR_MISS", "Nesten-hendelse (det gikk bra denne gangen)");

  /** The areas of risk the regulation and the patient-safety programme name, and the rest. */
  public static final Map<String, String> CATEGORIES = ordered(
      "FALL", "Fall",
      "MEDICATION", "Legemidler",
      "MALNUTRITION", "Ernæring og underernæring",
      "TRANSITION", "Overganger og samhandling",
      "DOCUMENTATION", "Dokumentasjon",
      "ICT_DEVICE", "IKT og utstyr",
      "PRIVACY", "Personvern og taushetsplikt",
      "OTHER", "Annet");

  /** The consequence as the reporter (and then the leader) sees it. */
  public static final Map<String, String> CONSEQUENCES = ordered(
      "NONE", "Ingen konsekvens",
      "MINOR", "Liten",
      "MODERATE", "Moderat",
      "SERIOUS", "Alvorlig",
      "VERY_SERIOUS", "Svært alvorlig",
      "DEATH_OR_NEAR", "Død eller nær død");

  /** The fishbone (Ishikawa) categories of a cause analysis. */
  public static final Map<String, String> CAUSES = ordered(
      "PEOPLE", "Menneske",
      "METHOD", "Metode",
      "EQUIPMENT", "Utstyr",
      "ENVIRONMENT", "Miljø",
      "ORGANISATION", "Organisering",
      "COMMUNICATION", "Kommunikasjon");

  /**
   * The processes an avvik about a model can name, with the names the models give them
   * ({@code QualityFormsTest} keeps them equal to {@code processes/}).
   */
  public static final Map<String, String> MODEL_PROCESSES = ordered(
      "allocation-case", "Tildelingssak: fra henvendelse til vedtak",
      "followup-episode", "Digital hjemmeoppfølging: forløp",
      "followup-deviation", "Digital hjemmeoppfølging: avvik i målinger",
      "followup-plan-revision", "Digital hjemmeoppfølging: ny versjon av egenbehandlingsplanen",
      "followup-daily-review", "Digital hjemmeoppfølging: daglig gjennomgang av grønne pasienter",
      "escalation-gp-consultation", "Eskalering til fastlege",
      "transitions-hospital-stay", "Sykehusopphold",
      "messaging-outbound-message", "Utgående melding",
      "metrics-signal", "Signal i en indikator",
      "competence-training", "Opplæring før kompetansen går ut",
      "quality-incident", "Avvik (uønsket hendelse)");

  /** The process owners' answer to a change request. */
  public static final Map<String, String> CHANGE_OUTCOMES = ordered(
      "ACCEPTED", "Godtatt: modellen endres",
      "REJECTED", "Avvist (begrunn)",
      "ALREADY_DONE", "Allerede gjort eller planlagt");

  private IncidentWords() {
  }

  /** Serious enough to be reported onwards (Helsetilsynet, «Én vei inn»). */
  public static boolean serious(String consequence) {
    return "SERIOUS".equals(consequence) || "VERY_SERIOUS".equals(consequence) || "DEATH_OR_NEAR".equals(consequence);
  }

  /**
   * Very serious, or death or near death: Helsetilsynet is to be notified at once («straks»,
   * helse- og omsorgstjenesteloven § 12-3 a); a serious one by the next working day.
   */
  public static boolean atOnce(String consequence) {
    return "VERY_SERIOUS".equals(consequence) || "DEATH_OR_NEAR".equals(consequence);
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
