package no.carepath.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import no.carepath.metrics.DemoFacts;
import no.carepath.metrics.DemoFacts.Fact;
import no.carepath.metrics.MetricsFacts.Measure;
import no.carepath.security.Municipalities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A year of generated indicator history for the demo municipalities, so a manager's first look has
 * charts with a shape. Written as facts labelled demo (the pages say so), never as patients or
 * process instances. The story it tells: the deviation process was changed (model "version 2",
 * {@link #CHANGE_WEEKS_AGO} weeks ago) and red deviations have been answered faster since, a visible
 * improvement; and in the latest whole week one municipality's red response time jumped, a
 * special-cause signal that gives the team leaders a «Vurder signal» task. Deterministic (fixed seed).
 */
@Component
@ConditionalOnProperty(name = "carepath.demo.enabled", havingValue = "true")
class DemoHistory {

  static final int WEEKS = 52;
  static final int CHANGE_WEEKS_AGO = 20;
  /** The municipality whose latest week shows the signal. */
  static final String SIGNAL_MUNICIPALITY = "1804";

  private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
  private static final List<String> CAUSES = List.of("SIGN_4", "SIGN_1", "SIGN_3", "MISSED", "SIGN_5", "SIGN_7",
      "NEWS2", "SIGN_6");
  private static final double[] CAUSE_WEIGHTS = {0.34, 0.22, 0.14, 0.12, 0.08, 0.05, 0.03, 0.02};
  private static final List<String> OUTCOMES = List.of("NO_ACTION", "CONTACTED", "ADJUST_PLAN", "ESCALATE_GP", "ACUTE");
  private static final double[] OUTCOME_WEIGHTS = {0.46, 0.29, 0.12, 0.09, 0.04};
  private static final List<String> END_REASONS = List.of("GOALS_MET", "PATIENT_WISH", "OTHER_SERVICE", "MOVED", "DIED");
  private static final double[] END_WEIGHTS = {0.52, 0.2, 0.16, 0.05, 0.07};

  private static final List<String> INCIDENT_CATEGORIES = List.of("MEDICATION", "FALL", "TRANSITION", "ICT_DEVICE",
      "DOCUMENTATION", "MALNUTRITION", "PRIVACY", "OTHER");
  private static final double[] INCIDENT_CATEGORY_WEIGHTS = {0.3, 0.2, 0.18, 0.12, 0.1, 0.04, 0.03, 0.03};
  private static final List<String> CONSEQUENCES = List.of("NONE", "MINOR", "MODERATE", "SERIOUS", "VERY_SERIOUS",
      "DEATH_OR_NEAR");
  private static final double[] CONSEQUENCE_WEIGHTS = {0.25, 0.4, 0.25, 0.07, 0.025, 0.005};
  private static final List<String> INCIDENT_ACTIVITIES = List.of("", "Task_HandleRedDeviation",
      "Task_HandleYellowDeviation", "Task_AnswerReadyForDischarge", "Task_EditPlan", "Task_AssessNeeds");
  private static final double[] INCIDENT_ACTIVITY_WEIGHTS = {0.4, 0.2, 0.15, 0.1, 0.1, 0.05};
  private static final List<String> MEASURE_INDICATORS = List.of("red-response-time", "yellow-same-day",
      "readmissions-rate", "messages-first-try");
  private static final double[] MEASURE_INDICATOR_WEIGHTS = {0.35, 0.3, 0.2, 0.15};

  private final DemoFacts facts;
  private final Municipalities municipalities;
  private final Clock clock;

  DemoHistory(DemoFacts facts, Municipalities municipalities, Clock clock) {
    this.facts = facts;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void load() {
    if (facts.present()) {
      return;
    }
    int written = facts.add(generate(clock.instant().atZone(ZoneId.of("Europe/Oslo")).toLocalDate()));
    log.info("Demo indicator history: {} facts over {} weeks", written, WEEKS);
  }

  /** The facts for the {@link #WEEKS} whole weeks before the week of {@code today}. */
  List<Fact> generate(LocalDate today) {
    List<Fact> all = new ArrayList<>();
    LocalDate thisWeek = today.with(DayOfWeek.MONDAY);
    LocalDate first = thisWeek.minusWeeks(WEEKS);
    LocalDate change = thisWeek.minusWeeks(CHANGE_WEEKS_AGO);
    int seed = 11;
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      Random random = new Random(seed++);
      double size = municipality.equals(SIGNAL_MUNICIPALITY) ? 60 : 36;
      for (LocalDate day = first; day.isBefore(thisWeek); day = day.plusDays(1)) {
        boolean after = !day.isBefore(change);
        boolean signalWeek = municipality.equals(SIGNAL_MUNICIPALITY) && !day.isBefore(thisWeek.minusWeeks(1));
        int version = after ? 2 : 1;
        double progress = (double) day.toEpochDay() - first.toEpochDay();
        int patients = (int) Math.round(size + progress / 365 * size * 0.25 + random.nextGaussian() * 1.5);
        all.add(fact(Measure.PATIENT_DAYS, municipality, day, "", "", (double) patients, null, null, null));
        deviations(all, random, municipality, day, patients, after, signalWeek, version);
        if (day.getDayOfWeek().getValue() <= 5) {
          weekday(all, random, municipality, day, size, after);
        }
        openTasks(all, random, municipality, day, size / 60, after);
      }
      // avvik from a generator of their own, so the story above stays as it was
      incidents(all, new Random(seed + 100L), municipality, first, thisWeek, change);
    }
    return all;
  }

  /**
   * Avvik reported on weekdays (about two a week), most closed within weeks, some after a measure whose
   * effect check says whether it worked (more often after the change).
   */
  private void incidents(List<Fact> all, Random random, String municipality, LocalDate first, LocalDate thisWeek,
      LocalDate change) {
    for (LocalDate day = first; day.isBefore(thisWeek); day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() > 5) {
        continue;
      }
      for (int i = 0; i < poisson(random, 0.4); i++) {
        String category = pick(random, INCIDENT_CATEGORIES, INCIDENT_CATEGORY_WEIGHTS);
        all.add(fact(Measure.INCIDENT_REPORTED, municipality, day, category,
            pick(random, CONSEQUENCES, CONSEQUENCE_WEIGHTS), null, random.nextDouble() < 0.35, null, 1));
        all.add(fact(Measure.INCIDENT_AT_ACTIVITY, municipality, day, pick(random, INCIDENT_ACTIVITIES,
            INCIDENT_ACTIVITY_WEIGHTS), "", null, null, null, null));
        double days = 12 * Math.exp(random.nextGaussian() * 0.6);
        LocalDate closed = day.plusDays(Math.round(days));
        if (random.nextDouble() < 0.85 && closed.isBefore(thisWeek)) {
          all.add(fact(Measure.INCIDENT_CLOSED, municipality, closed, category, "", days, null, null, 1));
          if (random.nextDouble() < 0.4) {
            all.add(fact(Measure.MEASURE_CHECKED, municipality, closed, pick(random, MEASURE_INDICATORS,
                MEASURE_INDICATOR_WEIGHTS), "", null, random.nextDouble() < (closed.isBefore(change) ? 0.6 : 0.8), null,
                1));
          }
        }
      }
    }
  }

  private void deviations(List<Fact> all, Random random, String municipality, LocalDate day, int patients,
      boolean after, boolean signalWeek, int version) {
    int red = poisson(random, patients * 0.011);
    int yellow = poisson(random, patients * 0.04);
    for (int i = 0; i < red + yellow; i++) {
      boolean isRed = i < red;
      String colour = isRed ? "RED" : "YELLOW";
      all.add(fact(Measure.DEVIATION_OPENED, municipality, day, colour, pick(random, CAUSES, CAUSE_WEIGHTS), null, null,
          null, version));
      double median = isRed ? (after ? 0.28 : 0.55) * (signalWeek ? 5 : 1) : (after ? 3.5 : 5.0);
      double hours = median * Math.exp(random.nextGaussian() * 0.45);
      double limit = municipality.equals("1806") ? 20.0 / 60 : 0.5;
      boolean inTime = isRed ? hours <= limit : hours <= 14;
      all.add(fact(Measure.DEVIATION_HANDLED, municipality, day, colour, pick(random, OUTCOMES, OUTCOME_WEIGHTS), hours,
          inTime, null, version));
      if (random.nextDouble() < (after ? 0.012 : 0.04) * (signalWeek ? 4 : 1)) {
        all.add(fact(Measure.DEVIATION_NOT_TAKEN, municipality, day, colour, "", null, null, null, version));
      }
      all.add(fact(Measure.TASK_FINISHED, municipality, day, isRed ? "Task_HandleRedDeviation"
          : "Task_HandleYellowDeviation", "followup-deviation", hours, inTime, nurse(random, municipality), version));
    }
  }

  private void weekday(List<Fact> all, Random random, String municipality, LocalDate day, double size, boolean after) {
    double scale = size / 60;
    for (int i = 0; i < poisson(random, 0.9 * scale); i++) {
      double days = 9 * Math.exp(random.nextGaussian() * 0.5);
      all.add(fact(Measure.DECISION, municipality, day, random.nextDouble() < 0.86 ? "GRANTED" : "REJECTED",
          random.nextBoolean() ? "GP_REFERRAL" : "APPLICATION", days, null, null, 1));
      all.add(fact(Measure.TASK_FINISHED, municipality, day, "Task_AssessNeeds", "allocation-case", days * 10,
          random.nextDouble() < 0.96, "demo-saksbehandler-" + (1 + random.nextInt(3)), 1));
      all.add(fact(Measure.TASK_FINISHED, municipality, day, "Task_DecideService", "allocation-case", days * 6,
          random.nextDouble() < 0.97, "demo-saksbehandler-" + (1 + random.nextInt(3)), 1));
    }
    if (random.nextDouble() < 0.05 * scale) {
      all.add(fact(Measure.APPEAL, municipality, day, random.nextDouble() < 0.25 ? "OVERTURNED" : "UPHELD", "", null,
          null, null, 1));
    }
    for (int i = 0; i < poisson(random, 0.6 * scale); i++) {
      boolean started = random.nextDouble() < 0.82;
      all.add(fact(Measure.EPISODE_RESOLVED, municipality, day, started ? "ACTIVE" : "CANCELLED", "", null, started,
          null, 1));
      all.add(fact(Measure.PLAN_TO_GP, municipality, day, "", "", null, random.nextDouble() < (after ? 0.84 : 0.72),
          null, 1));
      all.add(fact(Measure.EPISODE_ENDED, municipality, day, "FINISHED", pick(random, END_REASONS, END_WEIGHTS), null,
          null, null, 1));
      all.add(fact(Measure.TASK_FINISHED, municipality, day, "Task_EvaluatePlan", "followup-episode", 20.0,
          random.nextDouble() < 0.96, nurse(random, municipality), 1));
    }
    for (int i = 0; i < poisson(random, 1.1 * scale); i++) {
      boolean answered = random.nextDouble() < 0.93;
      all.add(fact(Measure.GP_REQUEST, municipality, day, "REQUEST", "", answered ? 22 * Math.exp(random.nextGaussian()
          * 0.6) : null, answered, null, null));
    }
    if (random.nextDouble() < 0.07 * size / 10) {
      boolean readmission = random.nextDouble() < 0.16;
      all.add(fact(Measure.ADMISSION, municipality, day, readmission ? "READMISSION" : "FIRST", "", null, readmission,
          null, null));
      all.add(fact(Measure.HOSPITAL_MESSAGE, municipality, day, "ADMISSION_NOTICE", "", null,
          random.nextDouble() < 0.985, null, null));
      all.add(fact(Measure.HOSPITAL_MESSAGE, municipality, day, "DISCHARGE_SUMMARY", "", null,
          random.nextDouble() < 0.95, null, null));
      all.add(fact(Measure.READY_FOR_DISCHARGE, municipality, day, "", "", null, random.nextDouble() < 0.985, null, null));
      all.add(fact(Measure.DAYS_WAITING, municipality, day, "", "", (double) poisson(random, 1.2), null, null, null));
    }
    for (int i = 0; i < poisson(random, 8 * scale); i++) {
      double roll = random.nextDouble();
      all.add(fact(Measure.OUTBOUND_MESSAGE, municipality, day, roll < 0.985 ? "DELIVERED_FIRST_TRY" : roll < 0.99
          ? "DELIVERED_AFTER_RESEND" : roll < 0.997 ? "REJECTED" : "NO_RECEIPT", "GP_DIALOGUE", null, null, null, null));
    }
  }

  /** Tasks waiting at the end of the day, per candidate group (fewer at weekends, fewer after the change). */
  private void openTasks(List<Fact> all, Random random, String municipality, LocalDate day, double scale,
      boolean after) {
    double weekend = day.getDayOfWeek().getValue() > 5 ? 0.6 : 1;
    for (Map.Entry<String, Double> group : List.of(Map.entry("allocation-office", 9.0),
        Map.entry("home-follow-up-nurses", 14.0), Map.entry("team-leaders", 2.0))) {
      int open = poisson(random, group.getValue() * scale * weekend * (after ? 0.85 : 1));
      all.add(fact(Measure.TASKS_OPEN, municipality, day, group.getKey(), "OPEN", (double) open, null, null, null));
      all.add(fact(Measure.TASKS_OPEN, municipality, day, group.getKey(), "OVERDUE",
          (double) Math.min(open, poisson(random, open * 0.12)), null, null, null));
    }
  }

  private static String nurse(Random random, String municipality) {
    return "demo-sykepleier-" + municipality + "-" + (1 + random.nextInt(5));
  }

  private static Fact fact(Measure measure, String municipality, LocalDate day, String category, String detail,
      Double value, Boolean flag, String actor, Integer version) {
    return new Fact(measure, municipality, day, category, detail, value, flag, actor, version);
  }

  private static String pick(Random random, List<String> values, double[] weights) {
    double roll = random.nextDouble();
    for (int i = 0; i < values.size(); i++) {
      roll -= weights[i];
      if (roll <= 0) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }

  /** Knuth's method; fine for the small means used here. */
  private static int poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
