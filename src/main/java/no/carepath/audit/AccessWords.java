package no.carepath.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The access log's codes in words a patient and a manager read. */
final class AccessWords {

  static final Map<String, String> ROLES = Map.of(
      "allocation-office", "saksbehandler ved tildelingskontoret",
      "home-follow-up-nurses", "sykepleier, digital hjemmeoppfølging",
      "team-leaders", "teamleder",
      "process-owners", "prosesseier",
      "managers", "leder",
      "administrators", "systemadministrator",
      "system-workers", "Carepath (automatisk)",
      "system", "Carepath (automatisk)");

  static final Map<String, String> CHANNELS = Map.of(
      "app", "Carepath (sider)",
      "api", "Carepath (API)",
      "tasklist", "Oppgavelisten (Tasklist)",
      "cockpit", "Cockpit",
      "admin", "Admin",
      "webapp", "Camunda",
      "engine-rest", "Prosessmotorens API",
      "fhir", "Målinger (FHIR)",
      "system", "Carepath (automatisk)");

  private static final Map<String, String> WHAT = Map.ofEntries(
      Map.entry("case-view", "saken"),
      Map.entry("case-list", "sakslisten (navn)"),
      Map.entry("decision-letter", "vedtaksbrevet"),
      Map.entry("episode-view", "oppfølgingsforløpet"),
      Map.entry("episode-api", "oppfølgingsforløpet"),
      Map.entry("episode-list", "oppfølgingslisten (navn)"),
      Map.entry("readings-chart", "målingene (graf)"),
      Map.entry("hospital-stay-view", "sykehusoppholdet"),
      Map.entry("stay-list", "listen over sykehusopphold (navn)"),
      Map.entry("task-form", "en oppgave med skjema"),
      Map.entry("task-variables", "opplysningene i en oppgave"),
      Map.entry("task-list", "oppgavelisten (navn)"),
      Map.entry("task-comments", "kommentarene i en oppgave"),
      Map.entry("decision-history", "historikken til en beslutningstabell"),
      Map.entry("process-instance-variables", "opplysningene i forløpet"),
      Map.entry("execution-variables", "opplysningene i forløpet"),
      Map.entry("variable-instances", "opplysningene i forløpet"),
      Map.entry("variable-history", "historikken til opplysningene"),
      Map.entry("break-glass-read", "én opplysning (nødtilgang)"),
      Map.entry("break-glass-write", "endret én opplysning (nødtilgang)"),
      Map.entry("access-report", "innsynsrapporten"),
      Map.entry("monitoring-platform-registration", "registrering på måleplattformen"),
      Map.entry("monitoring-platform-deregistration", "avregistrering fra måleplattformen"),
      Map.entry("changed-needs-referral", "melding om endrede behov"),
      Map.entry("hospital-stay-case", "sak etter melding fra sykehuset"));

  private static final Map<String, String> BASES = Map.of(
      "TASK", "oppgave hen kunne utføre",
      "LIST", "liste for rollen",
      "ROLE", "rollen",
      "ADMINISTRATOR", "systemadministrasjon",
      "SYSTEM", "automatisk behandling",
      "BREAK_GLASS", "nødtilgang");

  private AccessWords() {
  }

  static String what(String code) {
    if (code == null) {
      return "";
    }
    if (code.startsWith("message-")) {
      return "adressen for en melding";
    }
    return WHAT.getOrDefault(code, code);
  }

  static String channel(String code) {
    return CHANNELS.getOrDefault(code, code);
  }

  /** {@code TASK: Kartlegg behov} as "oppgave hen kunne utføre: Kartlegg behov". */
  static String basis(String basis) {
    if (basis == null) {
      return "";
    }
    int colon = basis.indexOf(':');
    String code = colon < 0 ? basis : basis.substring(0, colon);
    String detail = colon < 0 ? "" : basis.substring(colon + 1).strip();
    String words = BASES.getOrDefault(code, code);
    return detail.isEmpty() ? words : words + ": " + detail;
  }

  static String roles(String roles) {
    if (roles == null || roles.isBlank()) {
      return "";
    }
    return Arrays.stream(roles.split(",")).filter(role -> !role.startsWith("municipality-"))
        .map(role -> ROLES.getOrDefault(role, role)).collect(Collectors.joining(", "));
  }
}
