package no.carepath.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.metrics.IndicatorSeries.Series;
import no.carepath.metrics.spc.AnhojRules;
import no.carepath.metrics.spc.ControlChart;
import no.carepath.metrics.spc.Verdict;
import no.carepath.security.Municipalities;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signals that find the leader: after each refresh of the facts, every indicator that has a better
 * direction is charted per week for each municipality, and a signal on the latest week (a point
 * outside the control limits on the worse side, an unusually long run on the worse side that reaches
 * the latest week, or the latest point missing the target) starts one {@code metrics-signal} process:
 * a task for the municipality's team leaders. One open signal per indicator and municipality (a
 * unique index), and never a second for the same week once assessed: no flood.
 */
@Component
class SignalWatch {

  static final String PROCESS = "metrics-signal";
  static final int WEEKS = 52;

  /** A signal found: the week it is about and what fired, in words. */
  record Found(LocalDate latest, String rule) {
  }

  private final IndicatorSeries series;
  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final TransactionTemplate transactions;
  private final Municipalities municipalities;
  private final Clock clock;
  private final Duration assessWithin;

  SignalWatch(IndicatorSeries series, JdbcClient jdbc, RuntimeService runtime, TransactionTemplate transactions,
      Municipalities municipalities, Clock clock,
      @Value("${carepath.metrics.signal-assessment-time:P7D}") Duration assessWithin) {
    this.series = series;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.transactions = transactions;
    this.municipalities = municipalities;
    this.clock = clock;
    this.assessWithin = assessWithin;
  }

  /** Checks every indicator of every municipality served; the ids of the signals opened. */
  List<UUID> check() {
    return check(municipalities.getMunicipalities().keySet());
  }

  List<UUID> check(Set<String> those) {
    List<UUID> opened = new ArrayList<>();
    LocalDate today = clock.instant().atZone(ZoneId.of("Europe/Oslo")).toLocalDate();
    LocalDate end = Period.WEEK.start(today);
    for (String municipality : those) {
      Filter filter = new Filter(Set.of(municipality), Period.WEEK, end.minusWeeks(WEEKS), end, null, 0);
      for (Indicator indicator : Indicators.ALL) {
        if (indicator.good() == Verdict.Direction.NEITHER) {
          continue;
        }
        Found found = find(series.series(indicator, filter));
        if (found != null) {
          UUID id = open(indicator, municipality, found);
          if (id != null) {
            opened.add(id);
          }
        }
      }
    }
    return opened;
  }

  /** The signal on the latest week of the chart, or {@code null}. */
  static Found find(Series values) {
    Indicator indicator = values.indicator();
    ControlChart.Chart chart = values.chart();
    List<ControlChart.Point> points = chart.points();
    int last = -1;
    for (int i = points.size() - 1; i >= 0 && last < 0; i--) {
      if (points.get(i).value() != null) {
        last = i;
      }
    }
    IndicatorSeries.Row latestRow = values.latest();
    if (last < 0 || latestRow == null) {
      return null;
    }
    ControlChart.Point latest = points.get(last);
    boolean higherIsBetter = indicator.good() == Verdict.Direction.HIGHER;
    List<String> rules = new ArrayList<>();
    if (latest.outside() && (latest.value() > latest.upper()) != higherIsBetter) {
      rules.add("Siste punkt (" + latest.label() + ": " + MetricsWords.value(indicator, latest.value()) + ") ligger "
          + (higherIsBetter ? "under nedre" : "over øvre") + " kontrollgrense (" + MetricsWords.value(indicator,
          higherIsBetter ? latest.lower() : latest.upper()) + "). Så " + (higherIsBetter ? "lave" : "høye")
          + " verdier er lite sannsynlige som tilfeldig variasjon: noe har trolig endret seg.");
    }
    AnhojRules.Result run = chart.rules();
    if (run.runSignal() && run.longestRunEnd() == last && run.longestRunAbove() != higherIsBetter) {
      rules.add(run.longestRun() + " punkter på rad fram til " + latest.label() + " ligger på den dårlige siden av"
          + " midtlinjen (" + MetricsWords.value(indicator, chart.centre()) + "); ved tilfeldig variasjon ventes høyst "
          + run.runLimit() + ". Prosessen har trolig endret seg til det verre.");
    }
    if (indicator.target() != null && latest.value() != null
        && (higherIsBetter ? latest.value() < indicator.target() : latest.value() > indicator.target())) {
      rules.add("Siste punkt (" + latest.label() + ": " + MetricsWords.value(indicator, latest.value())
          + ") når ikke målet (" + MetricsWords.value(indicator, indicator.target()) + ").");
    }
    if (rules.isEmpty()) {
      return null;
    }
    return new Found(values.rows().stream().filter(row -> row.label().equals(latest.label())).findFirst()
        .map(IndicatorSeries.Row::start).orElse(latestRow.start()), String.join(" ", rules));
  }

  /** Opens the signal and its task, unless one is open or this week's was assessed already. */
  private UUID open(Indicator indicator, String municipality, Found found) {
    return transactions.execute(status -> {
      Integer seen = jdbc.sql("""
          select count(*) from metrics_signal where indicator = :indicator and municipality_number = :municipality
            and (status = 'OPEN' or latest_period >= :latest)""")
          .param("indicator", indicator.id()).param("municipality", municipality)
          .param("latest", java.sql.Date.valueOf(found.latest())).query(Integer.class).single();
      if (seen > 0) {
        return null;
      }
      UUID id = UUID.randomUUID();
      int inserted = jdbc.sql("""
          insert into metrics_signal (id, indicator, municipality_number, period, latest_period, rule, status, opened_at)
          values (:id, :indicator, :municipality, 'WEEK', :latest, :rule, 'OPEN', :now)
          on conflict (indicator, municipality_number) where status = 'OPEN' do nothing""")
          .param("id", id).param("indicator", indicator.id()).param("municipality", municipality)
          .param("latest", java.sql.Date.valueOf(found.latest())).param("rule", found.rule())
          .param("now", Timestamp.from(clock.instant())).update();
      if (inserted == 0) {
        return null;
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put(MetricsVariables.MUNICIPALITY, municipality);
      variables.put(MetricsVariables.SIGNAL_INDICATOR, indicator.name());
      variables.put(MetricsVariables.SIGNAL_INDICATOR_ID, indicator.id());
      variables.put(MetricsVariables.SIGNAL_MUNICIPALITY, municipalities.nameOrNumber(municipality));
      variables.put(MetricsVariables.SIGNAL_RULE, found.rule());
      variables.put(MetricsVariables.SIGNAL_CHART_URL, "/app/metrics/" + indicator.id() + "?municipality="
          + municipality);
      variables.put(MetricsVariables.SIGNAL_DUE_DATE, Date.from(clock.instant().plus(assessWithin)));
      runtime.createProcessInstanceByKey(PROCESS).businessKey(id.toString()).setVariables(variables).execute();
      return id;
    });
  }
}
