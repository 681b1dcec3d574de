package no.carepath.metrics;

import static no.carepath.metrics.Indicator.Statistic.COUNT;
import static no.carepath.metrics.Indicator.Statistic.LAST;
import static no.carepath.metrics.Indicator.Statistic.MEAN;
import static no.carepath.metrics.Indicator.Statistic.MEDIAN;
import static no.carepath.metrics.Indicator.Statistic.P90;
import static no.carepath.metrics.Indicator.Statistic.PER_ACTOR;
import static no.carepath.metrics.Indicator.Statistic.RATE_PER_1000_PATIENT_DAYS;
import static no.carepath.metrics.Indicator.Statistic.RATE_PER_100_PATIENT_DAYS;
import static no.carepath.metrics.Indicator.Statistic.SHARE;
import static no.carepath.metrics.Indicator.Statistic.SHARE_OF;
import static no.carepath.metrics.Indicator.Statistic.SUM;
import static no.carepath.metrics.spc.Verdict.Direction.HIGHER;
import static no.carepath.metrics.spc.Verdict.Direction.LOWER;
import static no.carepath.metrics.spc.Verdict.Direction.NEITHER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import no.carepath.metrics.Indicator.Statistic;
import no.carepath.metrics.MetricsFacts.Measure;
import no.carepath.metrics.spc.Verdict.Direction;

/**
 * The catalogue of process indicators: every one a manager can open, in the order of the overview.
 * Targets are the demo municipalities' own (the seeds set none for these); a municipality changes
 * them here.
 */
public final class Indicators {

  public static final String ALLOCATION = "Tildeling";
  public static final String FOLLOW_UP = "Digital hjemmeoppfølging";
  public static final String GP_AND_HOSPITAL = "Fastlege og sykehus";
  public static final String MESSAGES = "Utgående meldinger";
  public static final String WORKLOAD = "Arbeidsmengde";
  public static final String QUALITY = "Kvalitet og avvik";

  public static final String RED_RESPONSE_TIME = "red-response-time";

  public static final List<Indicator> ALL = build();

  private Indicators() {
  }

  public static Optional<Indicator> byId(String id) {
    return ALL.stream().filter(indicator -> indicator.id().equals(id)).findFirst();
  }

  private static List<Indicator> build() {
    List<Indicator> all = new ArrayList<>();
    // ---- allocation
    all.add(of("days-to-decision-median", ALLOCATION, "Dager fra henvendelse til vedtak, median",
        "Dager fra søknad, henvisning eller melding kom til første vedtak", "", "dager", LOWER, null, MEDIAN,
        Measure.DECISION, null, "allocation-case", "Task_DecideService"));
    all.add(of("days-to-decision-p90", ALLOCATION, "Dager fra henvendelse til vedtak, 90-persentil",
        "Dager fra søknad, henvisning eller melding kom til første vedtak (de 10 % lengste)", "", "dager", LOWER,
        null, P90, Measure.DECISION, null, "allocation-case", "Task_DecideService"));
    all.add(task("assessments-on-time", ALLOCATION, "Kartlegginger innen fristen", "Task_AssessNeeds",
        "allocation-case", 0.9));
    all.add(task("decisions-on-time", ALLOCATION, "Vedtak innen fristen", "Task_DecideService", "allocation-case",
        0.9));
    all.add(of("ready-for-discharge-same-day", ALLOCATION, "Utskrivningsklare pasienter besvart samme dag",
        "Meldinger om utskrivningsklar pasient besvart samme dag", "Meldinger om utskrivningsklar pasient", "%",
        HIGHER, 0.95, SHARE, Measure.READY_FOR_DISCHARGE, null, "transitions-hospital-stay",
        "Task_AnswerReadyForDischarge"));
    all.add(of("days-waiting-after-ready", ALLOCATION, "Døgn på sykehus etter utskrivningsklar, snitt",
        "Døgn fra utskrivningsklar til utskrevet (kommunen betaler fra dagen etter)", "Utskrivninger", "døgn", LOWER,
        null, MEAN, Measure.DAYS_WAITING, null, "transitions-hospital-stay", ""));
    all.add(of("appeals", ALLOCATION, "Klager behandlet", "Klager på vedtak som er behandlet på nytt", "", "klager",
        NEITHER, null, COUNT, Measure.APPEAL, null, "allocation-case", "Task_ForwardToCountyGovernor"));
    all.add(of("appeals-overturned", ALLOCATION, "Klager som ga nytt utfall", "Klager der vedtaket ble endret",
        "Klager behandlet", "%", LOWER, null, SHARE, Measure.APPEAL, null, "allocation-case", ""));

    // ---- digital home follow-up
    all.add(of("patients-in-follow-up", FOLLOW_UP, "Pasienter i oppfølging", "Pasienter i digital"
        + " hjemmeoppfølging siste dag i perioden", "", "pasienter", NEITHER, null, LAST, Measure.PATIENT_DAYS, null,
        "followup-episode", ""));
    all.add(of("patient-days", FOLLOW_UP, "Pasientdøgn", "Døgn med pasienter i digital hjemmeoppfølging", "",
        "pasientdøgn", NEITHER, null, SUM, Measure.PATIENT_DAYS, null, "followup-episode", ""));
    all.add(of("red-deviations-rate", FOLLOW_UP, "Røde avvik per 100 pasientdøgn", "Røde avvik", "Pasientdøgn / 100",
        "per 100 pasientdøgn", LOWER, null, RATE_PER_100_PATIENT_DAYS, Measure.DEVIATION_OPENED, "RED",
        "followup-deviation", ""));
    all.add(of("yellow-deviations-rate", FOLLOW_UP, "Gule avvik per 100 pasientdøgn", "Gule avvik",
        "Pasientdøgn / 100", "per 100 pasientdøgn", LOWER, null, RATE_PER_100_PATIENT_DAYS, Measure.DEVIATION_OPENED,
        "YELLOW", "followup-deviation", ""));
    all.add(of(RED_RESPONSE_TIME, FOLLOW_UP, "Svartid på røde avvik, median",
        "Timer fra en måling ble rød til en sykepleier hadde vurdert avviket", "", "timer", LOWER, null, MEDIAN,
        Measure.DEVIATION_HANDLED, "RED", "followup-deviation", "Task_HandleRedDeviation"));
    all.add(of("red-response-time-p90", FOLLOW_UP, "Svartid på røde avvik, 90-persentil",
        "Timer fra en måling ble rød til avviket var vurdert (de 10 % lengste)", "", "timer", LOWER, null, P90,
        Measure.DEVIATION_HANDLED, "RED", "followup-deviation", "Task_HandleRedDeviation"));
    all.add(of("red-within-response-time", FOLLOW_UP, "Røde avvik vurdert innen svarfristen",
        "Røde avvik vurdert innen kommunens svarfrist", "Røde avvik vurdert", "%", HIGHER, 0.9, SHARE,
        Measure.DEVIATION_HANDLED, "RED", "followup-deviation", "Task_HandleRedDeviation"));
    all.add(of("yellow-response-time", FOLLOW_UP, "Svartid på gule avvik, median",
        "Timer fra et gult avvik kom til det var vurdert", "", "timer", LOWER, null, MEDIAN,
        Measure.DEVIATION_HANDLED, "YELLOW", "followup-deviation", "Task_HandleYellowDeviation"));
    all.add(of("yellow-same-day", FOLLOW_UP, "Gule avvik vurdert samme dag", "Gule avvik vurdert samme dag",
        "Gule avvik vurdert", "%", HIGHER, 0.9, SHARE, Measure.DEVIATION_HANDLED, "YELLOW", "followup-deviation",
        "Task_HandleYellowDeviation"));
    all.add(new Indicator("deviations-not-taken", FOLLOW_UP, "Avvik ikke vurdert innen fristen",
        "Avvik der fristen gikk ut før noen tok oppgaven, eller før et tatt rødt avvik var vurdert (teamleder fikk"
            + " oppgave)", "Avvik", "%", LOWER, 0.05,
        SHARE_OF, Measure.DEVIATION_NOT_TAKEN, null, null, Measure.DEVIATION_OPENED, null, "followup-deviation",
        "Task_FollowUpUnhandledDeviation"));
    all.add(new Indicator("missed-measurements-rate", FOLLOW_UP, "Uteblitte målinger per 100 pasientdøgn",
        "Avvik fordi en måling ikke kom", "Pasientdøgn / 100", "per 100 pasientdøgn", LOWER, null,
        RATE_PER_100_PATIENT_DAYS, Measure.DEVIATION_OPENED, null, "MISSED", null, null, "followup-deviation", ""));
    all.add(of("plans-approved-in-time", FOLLOW_UP, "Planer godkjent av fastlegen innen fem virkedager",
        "Egenbehandlingsplaner fastlegen godkjente innen fem virkedager", "Planer sendt til fastlegen", "%", HIGHER,
        0.8, SHARE, Measure.PLAN_TO_GP, null, "followup-plan-revision", "Task_RemindGpOfPlan"));
    all.add(task("evaluations-on-time", FOLLOW_UP, "Evalueringer av planen innen fristen", "Task_EvaluatePlan",
        "followup-episode", 0.9));
    all.add(of("uptake", FOLLOW_UP, "Oppstart etter tildeling", "Forløp som startet (hjemmebesøk gjennomført)",
        "Forløp tildelt og enten startet eller avlyst", "%", HIGHER, null, SHARE, Measure.EPISODE_RESOLVED, null,
        "followup-episode", "Task_ConductHomeVisit"));

    // ---- GP and hospital
    all.add(of("gp-requests", GP_AND_HOSPITAL, "Henvendelser til fastlegen", "Dialogmeldinger til fastlegen om"
        + " avvik og planer", "", "meldinger", NEITHER, null, COUNT, Measure.GP_REQUEST, null,
        "escalation-gp-consultation", ""));
    all.add(of("gp-urgent-escalations", GP_AND_HOSPITAL, "Akutte avvik (fastlege eller legevakt straks)",
        "Avvik vurdert som akutte", "", "avvik", NEITHER, null, COUNT, Measure.DEVIATION_HANDLED, null,
        "escalation-gp-consultation", "Task_PhoneGp").withDetail("ACUTE"));
    all.add(of("gp-answer-time", GP_AND_HOSPITAL, "Svartid fra fastlegen, median",
        "Timer fra dialogmeldingen ble sendt til fastlegen svarte", "", "timer", LOWER, null, MEDIAN,
        Measure.GP_REQUEST, "REQUEST", "escalation-gp-consultation", "Task_FollowUpGpAnswer"));
    all.add(of("admissions-rate", GP_AND_HOSPITAL, "Innleggelser per 1 000 pasientdøgn",
        "Sykehusinnleggelser av pasienter i digital hjemmeoppfølging", "Pasientdøgn / 1 000",
        "per 1 000 pasientdøgn", LOWER, null, RATE_PER_1000_PATIENT_DAYS, Measure.ADMISSION, null,
        "transitions-hospital-stay", ""));
    all.add(new Indicator("readmissions-rate", GP_AND_HOSPITAL, "Reinnleggelser innen 30 dager per 1 000 pasientdøgn",
        "Innleggelser innen 30 dager etter en utskrivning av samme pasient", "Pasientdøgn / 1 000",
        "per 1 000 pasientdøgn", LOWER, null, RATE_PER_1000_PATIENT_DAYS, Measure.ADMISSION, "READMISSION", null,
        null, null, "transitions-hospital-stay", ""));
    all.add(of("admission-notice-on-time", GP_AND_HOSPITAL, "Melding om innlagt pasient innen 24 timer",
        "Innleggelser kommunen fikk melding om innen 24 timer", "Innleggelser", "%", HIGHER, 0.95, SHARE,
        Measure.HOSPITAL_MESSAGE, "ADMISSION_NOTICE", "transitions-hospital-stay", ""));
    all.add(of("discharge-summary-on-time", GP_AND_HOSPITAL, "Epikrise på utskrivningsdagen",
        "Utskrivninger der epikrisen kom samme dag", "Utskrivninger", "%", HIGHER, 0.9, SHARE,
        Measure.HOSPITAL_MESSAGE, "DISCHARGE_SUMMARY", "transitions-hospital-stay", "Task_ChaseSummary"));

    // ---- outbound messages
    all.add(of("messages-first-try", MESSAGES, "Meldinger levert på første forsøk",
        "Meldinger med positiv kvittering på første sending", "Meldinger avsluttet", "%", HIGHER, 0.95, SHARE_OF,
        Measure.OUTBOUND_MESSAGE, "DELIVERED_FIRST_TRY", "messaging-outbound-message", "")
        .withOver(Measure.OUTBOUND_MESSAGE, null));
    all.add(of("messages-rejected", MESSAGES, "Meldinger avvist av mottaker", "Meldinger med avvisning",
        "Meldinger avsluttet", "%", LOWER, null, SHARE_OF, Measure.OUTBOUND_MESSAGE, "REJECTED",
        "messaging-outbound-message", "Task_FollowUpMessage").withOver(Measure.OUTBOUND_MESSAGE, null));
    all.add(of("messages-no-receipt", MESSAGES, "Meldinger uten kvittering", "Meldinger uten kvittering innen"
        + " fristen", "Meldinger avsluttet", "%", LOWER, null, SHARE_OF, Measure.OUTBOUND_MESSAGE, "NO_RECEIPT",
        "messaging-outbound-message", "Task_FollowUpMessage").withOver(Measure.OUTBOUND_MESSAGE, null));

    // ---- workload
    for (String[] group : new String[][] {{"allocation-office", "tildelingskontoret"},
        {"home-follow-up-nurses", "sykepleierne"}, {"team-leaders", "teamlederne"}}) {
      all.add(of("open-tasks-" + group[0], WORKLOAD, "Åpne oppgaver, " + group[1],
          "Oppgaver som ventet på " + group[1] + " ved slutten av perioden", "", "oppgaver", LOWER, null, LAST,
          Measure.TASKS_OPEN, group[0], "", "").withDetail("OPEN"));
      all.add(of("overdue-tasks-" + group[0], WORKLOAD, "Forfalte oppgaver, " + group[1],
          "Oppgaver for " + group[1] + " som hadde passert fristen ved slutten av perioden", "", "oppgaver", LOWER,
          null, LAST, Measure.TASKS_OPEN, group[0], "", "").withDetail("OVERDUE"));
    }
    all.add(of("tasks-per-person", WORKLOAD, "Fullførte oppgaver per person", "Oppgaver fullført",
        "Personer som fullførte oppgaver", "oppgaver per person", NEITHER, null, PER_ACTOR, Measure.TASK_FINISHED,
        null, "", ""));

    // ---- the quality loop: avvik and measures (forskrift om ledelse og kvalitetsforbedring § 9)
    all.add(of("incidents-reported", QUALITY, "Avviksmeldinger", "Uønskede hendelser og nesten-hendelser meldt", "",
        "avvik", NEITHER, null, COUNT, Measure.INCIDENT_REPORTED, null, "quality-incident", ""));
    all.add(of("incident-days-to-close", QUALITY, "Dager fra avviksmelding til lukket, median",
        "Dager fra et avvik ble meldt til det ble lukket (uten tiltak, eller etter et tiltak som virket)", "", "dager",
        LOWER, null, MEDIAN, Measure.INCIDENT_CLOSED, null, "quality-incident", ""));
    all.add(of("measures-worked", QUALITY, "Tiltak som virket", "Tiltak mot avvik som virket ved effektsjekken",
        "Tiltak sjekket", "%", HIGHER, null, SHARE, Measure.MEASURE_CHECKED, null, "quality-incident",
        "Task_CheckEffect"));
    return List.copyOf(all);
  }

  private static Indicator of(String id, String area, String name, String numerator, String denominator, String unit,
      Direction good, Double target, Statistic statistic, Measure measure, String category, String process,
      String activity) {
    return new Indicator(id, area, name, numerator, denominator, unit, good, target, statistic, measure, category,
        null, null, null, process, activity);
  }

  private static Indicator task(String id, String area, String name, String taskId, String process, Double target) {
    return of(id, area, name, "Oppgaver «" + name.toLowerCase(java.util.Locale.ROOT) + "» fullført innen fristen",
        "Oppgaver fullført", "%", HIGHER, target, SHARE, Measure.TASK_FINISHED, taskId, process, taskId);
  }

  /** The catalogue as the table of {@code docs/indicators.md}. */
  public static String markdown() {
    StringBuilder table = new StringBuilder("| Id | Area | Indicator | Numerator | Denominator | Unit | Better |"
        + " Target | Statistic and chart | Source | Process / activity |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Indicator indicator : ALL) {
      table.append("| `").append(indicator.id()).append("` | ").append(indicator.area()).append(" | ")
          .append(indicator.name()).append(" | ").append(indicator.numerator()).append(" | ")
          .append(indicator.denominator().isEmpty() ? "–" : indicator.denominator()).append(" | ")
          .append(indicator.unit()).append(" | ").append(indicator.good().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ").append(indicator.target() == null ? "–" : indicator.share()
              ? Math.round(indicator.target() * 100) + " %" : indicator.target().toString())
          .append(" | ").append(indicator.statistic().name().toLowerCase(java.util.Locale.ROOT)).append(", ")
          .append(indicator.statistic().chart()).append(" chart | `").append(indicator.source()).append("` | `")
          .append(indicator.process()).append('`')
          .append(indicator.activity().isEmpty() ? "" : " / `" + indicator.activity() + "`").append(" |\n");
    }
    return table.toString();
  }
}
