package no.carepath.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.security.Municipalities;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every indicator as a Prometheus gauge, {@code carepath_indicator_<id>{municipality}} (the municipality
 * is the only label), holding the value of the latest whole week (a share as a fraction, a time in the
 * indicator's unit); {@code NaN} while there is none. {@code docs/grafana-indicators.json} charts them.
 */
@Component
class IndicatorGauges {

  static final int WEEKS = 12;

  private final IndicatorSeries series;
  private final Municipalities municipalities;
  private final Clock clock;
  private final Map<String, Double> values = new ConcurrentHashMap<>();

  IndicatorGauges(IndicatorSeries series, Municipalities municipalities, MeterRegistry meters, Clock clock) {
    this.series = series;
    this.municipalities = municipalities;
    this.clock = clock;
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      for (Indicator indicator : Indicators.ALL) {
        String key = indicator.id() + "/" + municipality;
        values.put(key, Double.NaN);
        Gauge.builder(name(indicator), values, map -> map.getOrDefault(key, Double.NaN))
            .tag("municipality", municipality)
            .description(indicator.name() + " (" + (indicator.share() ? "andel" : indicator.unit())
                + "), siste hele uke")
            .register(meters);
      }
    }
  }

  static String name(Indicator indicator) {
    return "carepath.indicator." + indicator.id().replace('-', '.');
  }

  @Scheduled(fixedDelayString = "${carepath.metrics.refresh-interval:PT5M}", initialDelayString = "PT60S")
  void update() {
    LocalDate end = Period.WEEK.start(clock.instant().atZone(ZoneId.of("Europe/Oslo")).toLocalDate());
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      Filter filter = new Filter(Set.of(municipality), Period.WEEK, end.minusWeeks(WEEKS), end, null, 0);
      for (Indicator indicator : Indicators.ALL) {
        IndicatorSeries.Row latest = series.series(indicator, filter).latest();
        values.put(indicator.id() + "/" + municipality, latest == null ? Double.NaN : latest.value());
      }
    }
  }
}
