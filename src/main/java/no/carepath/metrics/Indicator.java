package no.carepath.metrics;

import no.carepath.metrics.MetricsFacts.Measure;
import no.carepath.metrics.spc.ControlChart;
import no.carepath.metrics.spc.Verdict.Direction;

/**
 * One process indicator, defined once: what it counts, over what, in which unit, which way is
 * better, its target where one exists, where the numbers come from and which process and activity it
 * belongs to. The Norwegian texts are what managers read on the pages; {@code docs/indicators.md} is
 * generated from the same definitions ({@link Indicators#markdown()}).
 *
 * @param id stable, in URLs and Prometheus ({@code red-response-time})
 * @param area the group on the overview page
 * @param name the indicator as a manager reads it
 * @param numerator what is counted or measured, in Norwegian
 * @param denominator what it is divided by, in Norwegian ({@code ""} when nothing)
 * @param unit how a value is shown: {@code "%"}, {@code "timer"}, {@code "dager"}, {@code "per 100 pasientdøgn"}
 * @param good which way is better
 * @param target the target, as a fraction for shares, or {@code null}
 * @param statistic how the facts become one value per period
 * @param measure the facts it is computed from
 * @param category the facts' category it keeps ({@code null}: all)
 * @param detail the facts' detail it keeps ({@code null}: all)
 * @param over for {@link Statistic#SHARE_OF}: the facts of the denominator
 * @param overCategory the denominator facts' category ({@code null}: all)
 * @param process the BPMN process it belongs to
 * @param activity the activity in it, or {@code ""} for the process as a whole
 */
public record Indicator(String id, String area, String name, String numerator, String denominator, String unit,
    Direction good, Double target, Statistic statistic, Measure measure, String category, String detail,
    Measure over, String overCategory, String process, String activity) {

  /** How the facts of one period become the indicator's value. */
  public enum Statistic {
    /** Facts flagged, of all facts: a P chart. */
    SHARE(ControlChart.Type.P),
    /** Facts of {@code measure}, of facts of {@code over}: a P chart. */
    SHARE_OF(ControlChart.Type.P),
    /** Facts per 100 patient-days: a U chart. */
    RATE_PER_100_PATIENT_DAYS(ControlChart.Type.U),
    /** Facts per 1,000 patient-days: a U chart. */
    RATE_PER_1000_PATIENT_DAYS(ControlChart.Type.U),
    /** The median of the facts' values: an I (XmR) chart. */
    MEDIAN(ControlChart.Type.I),
    /** The 90th percentile of the facts' values: an I chart. */
    P90(ControlChart.Type.I),
    /** The mean of the facts' values: an I chart. */
    MEAN(ControlChart.Type.I),
    /** How many facts: an I chart. */
    COUNT(ControlChart.Type.I),
    /** The sum of the facts' values: an I chart. */
    SUM(ControlChart.Type.I),
    /** The value on the last day of the period (a daily count): an I chart. */
    LAST(ControlChart.Type.I),
    /** Facts per person who did them: an I chart. */
    PER_ACTOR(ControlChart.Type.I);

    private final ControlChart.Type chart;

    Statistic(ControlChart.Type chart) {
      this.chart = chart;
    }

    public ControlChart.Type chart() {
      return chart;
    }
  }

  Indicator withDetail(String kept) {
    return new Indicator(id, area, name, numerator, denominator, unit, good, target, statistic, measure, category,
        kept, over, overCategory, process, activity);
  }

  Indicator withOver(Measure denominatorFacts, String denominatorCategory) {
    return new Indicator(id, area, name, numerator, denominator, unit, good, target, statistic, measure, category,
        detail, denominatorFacts, denominatorCategory, process, activity);
  }

  /** Whether the value is a share, shown as per cent. */
  public boolean share() {
    return statistic == Statistic.SHARE || statistic == Statistic.SHARE_OF;
  }

  /** The chart's name in Norwegian. */
  public String chartName() {
    return switch (statistic.chart()) {
      case P -> "P-diagram (andel, grenser etter nevneren)";
      case U -> "U-diagram (rate per pasientdøgn, grenser etter nevneren)";
      case I -> "I-diagram (XmR, enkeltverdier med glidende variasjonsbredde)";
    };
  }

  /** The source in words, for the definition and the documentation. */
  public String source() {
    StringBuilder text = new StringBuilder("metrics_fact." + measure.key());
    if (category != null) {
      text.append(" [category=").append(category).append(']');
    }
    if (detail != null) {
      text.append(" [detail=").append(detail).append(']');
    }
    if (over != null) {
      text.append(" / metrics_fact.").append(over.key());
      if (overCategory != null) {
        text.append(" [category=").append(overCategory).append(']');
      }
    }
    if (statistic == Statistic.RATE_PER_100_PATIENT_DAYS || statistic == Statistic.RATE_PER_1000_PATIENT_DAYS) {
      text.append(" / metrics_fact.patient_days");
    }
    return text.toString();
  }
}
