package no.carepath.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import no.carepath.followup.triage.VitalSign;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * How the managers' pages say things in Norwegian: numbers with a decimal comma, shares as per cent,
 * the names of processes and activities (read from the BPMN models in {@code processes/}), deviation
 * outcomes and causes, and reasons for ending follow-up.
 */
final class MetricsWords {

  static final Locale NB = Locale.forLanguageTag("nb-NO");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  static final Map<String, String> OUTCOMES = Map.of("NO_ACTION", "Ingen tiltak", "CONTACTED", "Kontaktet pasienten",
      "ADJUST_PLAN", "Endret planen", "ESCALATE_GP", "Kontaktet fastlegen", "ACUTE", "Akutt: fastlege/legevakt straks");
  static final Map<String, String> END_REASONS = Map.of("GOALS_MET", "Målene er nådd", "PATIENT_WISH",
      "Pasientens ønske", "MOVED", "Pasienten har flyttet", "DIED", "Pasienten er død", "OTHER_SERVICE",
      "Over til annen tjeneste", "UNKNOWN", "Ikke oppgitt");
  static final Map<String, String> CAUSES = causes();
  /** An avvik's categories and consequences, as the leader's form words them (forms/quality). */
  static final Map<String, String> INCIDENT_CATEGORIES = formChoices("quality-classify-incident", "incidentCategory");
  static final Map<String, String> INCIDENT_CONSEQUENCES = formChoices("quality-classify-incident",
      "incidentConsequence");
  static final Map<String, String> PROCESSES = new HashMap<>();
  private static final Map<String, String> ACTIVITIES = new HashMap<>();

  static {
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*.bpmn")) {
        try (InputStream in = resource.getInputStream()) {
          BpmnModelInstance model = Bpmn.readModelFromStream(in);
          for (Process process : model.getModelElementsByType(Process.class)) {
            PROCESSES.put(process.getId(), process.getName());
          }
          for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (node.getName() != null) {
              ACTIVITIES.putIfAbsent(node.getId(), node.getName());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MetricsWords() {
  }

  /** The choices of a select or radio field of a deployed form: value to label. */
  private static Map<String, String> formChoices(String form, String key) {
    Map<String, String> choices = new java.util.LinkedHashMap<>();
    try (InputStream in = MetricsWords.class.getClassLoader().getResourceAsStream("forms/" + form.substring(0,
        form.indexOf('-')) + "/" + form + ".form")) {
      if (in == null) {
        throw new IllegalStateException("Form " + form + " is missing from the class path");
      }
      for (com.fasterxml.jackson.databind.JsonNode component : new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(in).path("components")) {
        if (key.equals(component.path("key").asText())) {
          component.path("values").forEach(value -> choices.put(value.path("value").asText(),
              value.path("label").asText()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(choices);
  }

  private static Map<String, String> causes() {
    Map<String, String> causes = new HashMap<>();
    for (VitalSign sign : VitalSign.values()) {
      causes.put("SIGN_" + sign.code(), sign.label());
    }
    causes.put("MISSED", "Måling kom ikke");
    causes.put("NEWS2", "NEWS2-skår");
    causes.put("READING", "Måling");
    return Map.copyOf(causes);
  }

  static String process(String key) {
    return key.isEmpty() ? "Flere prosesser" : PROCESSES.getOrDefault(key, key);
  }

  static String activity(String id) {
    return ACTIVITIES.getOrDefault(id, id);
  }

  /** A Pareto category without a word of its own: an activity's name, or the code itself. */
  static String fallback(String key) {
    return ACTIVITIES.getOrDefault(key, key == null || key.isEmpty() ? "Ikke oppgitt" : key);
  }

  static String date(LocalDate date) {
    return DATE.format(date);
  }

  static String decimal(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    return String.format(NB, "%.3f", value).replaceAll(",?0+$", "");
  }

  static String percent(double share) {
    return String.format(NB, "%.1f", share * 100).replaceAll(",0$", "") + " %";
  }

  /** A value of the indicator as a manager reads it: a share in per cent, else the number and the unit. */
  static String value(Indicator indicator, Double value) {
    if (value == null || Double.isNaN(value)) {
      return "–";
    }
    if (indicator.share()) {
      return percent(value);
    }
    String number = String.format(NB, "%.2f", value).replaceAll(",?0+$", "");
    return number + " " + indicator.unit();
  }
}
