package no.carepath.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.metrics.IndicatorSeries.Series;
import no.carepath.metrics.spc.ControlChart;
import no.carepath.metrics.spc.Pareto;
import no.carepath.metrics.spc.Verdict;
import no.carepath.platform.CarepathPage;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Municipalities;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The managers' pages: {@code /app/metrics}, every indicator with its status and a sparkline;
 * {@code /app/metrics/{id}}, one indicator's SPC chart, its data, definition and filters, with a
 * before/after view around a model version; {@code /app/metrics/{id}/csv}, the data as CSV;
 * {@code /app/metrics/pareto}, the Pareto charts. Counts only: nothing here names a patient. A person
 * sees the municipalities of their {@code municipality-} groups; asking for another is a 404.
 * Templates: {@code templates/metrics/*.html}; charts are drawn by ECharts in
 * {@code static/js/metrics-charts.js} from the JSON the page carries.
 */
@CarepathPage
@Controller
@RequestMapping("/app/metrics")
class MetricsPages {

  static final int DEFAULT_WEEKS = 52;
  static final int DEFAULT_MONTHS = 24;
  static final int MAX_PERIODS = 260;

  /** An indicator on the overview. */
  record Card(String id, String name, String latest, String latestLabel, String variation, String variationLabel,
      String assurance, String assuranceLabel, String spark) {
  }

  record Area(String name, List<Card> cards) {
  }

  record Option(String value, String label, boolean selected) {
  }

  /** A signal as the overview lists it. */
  record SignalRow(String id, String indicator, String municipality, String opened, String rule, String status,
      String reason) {
  }

  static final java.util.Map<String, String> ASSESSMENTS = java.util.Map.of("KNOWN_CAUSE", "Kjent årsak", "AVVIK",
      "Avvik meldt", "MEASURE", "Tiltak startet", "NOTHING", "Ingenting å gjøre");
  static final java.time.format.DateTimeFormatter DATE_TIME = java.time.format.DateTimeFormatter.ofPattern(
      "dd.MM.yyyy HH:mm");

  /** A row of the data table. */
  record TableRow(String period, String numerator, String denominator, String value, String centre, String lower,
      String upper, boolean outside) {
  }

  record ParetoChart(String id, String title, String description, String json, List<ParetoRow> rows) {
  }

  record ParetoRow(String category, long count, String share, String cumulative, boolean vitalFew) {
  }

  private final IndicatorSeries series;
  private final Municipalities municipalities;
  private final Clock clock;
  private final ObjectMapper json;
  private final SignalLog signals;

  MetricsPages(IndicatorSeries series, Municipalities municipalities, Clock clock, ObjectMapper json,
      SignalLog signals) {
    this.signals = signals;
    this.series = series;
    this.municipalities = municipalities;
    this.clock = clock;
    this.json = json;
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String overview(@RequestParam(required = false) String municipality, @RequestParam(defaultValue = "uke") String per,
      Model model) {
    Set<String> scope = scope(municipality);
    Period period = period(per);
    Filter filter = defaultFilter(scope, period, null, null, 0);
    Map<String, List<Card>> areas = new LinkedHashMap<>();
    boolean demo = false;
    for (Indicator indicator : Indicators.ALL) {
      Series values = series.series(indicator, filter);
      demo |= values.demo();
      areas.computeIfAbsent(indicator.area(), area -> new ArrayList<>()).add(card(values));
    }
    model.addAttribute("areas", areas.entrySet().stream().map(area -> new Area(area.getKey(), area.getValue())).toList());
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    model.addAttribute("signals", signals.since(scope, clock.instant().minus(java.time.Duration.ofDays(90))).stream()
        .map(signal -> new SignalRow(signal.indicator(), Indicators.byId(signal.indicator()).map(Indicator::name)
            .orElse(signal.indicator()), municipalities.nameOrNumber(signal.municipality()),
            DATE_TIME.format(signal.opened().atZone(oslo)), signal.rule(), signal.assessment() == null
            ? "Til vurdering hos teamleder" : ASSESSMENTS.getOrDefault(signal.assessment(), signal.assessment())
            + " (" + DATE_TIME.format(signal.closed().atZone(oslo)) + ")", signal.reason()))
        .toList());
    common(model, scope, municipality, period, demo);
    return "metrics/overview";
  }

  @GetMapping(path = "/pareto", produces = MediaType.TEXT_HTML_VALUE)
  String pareto(@RequestParam(required = false) String municipality, @RequestParam(defaultValue = "52") int weeks,
      Model model) {
    Set<String> scope = scope(municipality);
    int span = Math.max(1, Math.min(weeks, MAX_PERIODS));
    LocalDate today = today();
    Filter filter = new Filter(scope, Period.WEEK, today.minusWeeks(span), today.plusDays(1), null, 0);
    List<ParetoChart> charts = new ArrayList<>();
    charts.add(pareto("outcomes", "Hva sykepleierne gjorde med avvikene", "Utfallet sykepleieren valgte da avviket"
        + " ble vurdert.", series.countsByDetail(MetricsFacts.Measure.DEVIATION_HANDLED, null, filter, false),
        MetricsWords.OUTCOMES));
    charts.add(pareto("causes", "Årsaker til avvik", "Hvilken måling som ga avviket, eller at en måling ikke kom.",
        series.countsByDetail(MetricsFacts.Measure.DEVIATION_OPENED, null, filter, false), MetricsWords.CAUSES));
    charts.add(pareto("overdue", "Oppgaver fullført etter fristen, per aktivitet", "Fullførte oppgaver som passerte"
        + " fristen, etter oppgave.", series.countsByCategory(MetricsFacts.Measure.TASK_FINISHED, filter, true),
        Map.of()));
    charts.add(pareto("end-reasons", "Hvorfor oppfølgingen ble avsluttet", "Årsak oppgitt da digital"
        + " hjemmeoppfølging ble avsluttet.", series.countsByDetail(MetricsFacts.Measure.EPISODE_ENDED, null, filter,
        false), MetricsWords.END_REASONS));
    charts.add(pareto("incident-categories", "Avviksmeldinger etter kategori", "Uønskede hendelser og"
        + " nesten-hendelser meldt, etter kategorien lederen satte (eller den som meldte, før det).",
        series.countsByCategory(MetricsFacts.Measure.INCIDENT_REPORTED, filter, false),
        MetricsWords.INCIDENT_CATEGORIES));
    charts.add(pareto("incident-consequences", "Avviksmeldinger etter konsekvens",
        "Hvor alvorlige de meldte hendelsene var.",
        series.countsByDetail(MetricsFacts.Measure.INCIDENT_REPORTED, null, filter, false),
        MetricsWords.INCIDENT_CONSEQUENCES));
    charts.add(pareto("incident-activities", "Avviksmeldinger etter aktivitet i forløpet",
        "Oppgaven hendelsen ble meldt fra («Ikke oppgitt»: meldt uten oppgave).",
        series.countsByCategory(MetricsFacts.Measure.INCIDENT_AT_ACTIVITY, filter, false), Map.of()));
    model.addAttribute("charts", charts);
    model.addAttribute("weeks", span);
    common(model, scope, municipality, Period.WEEK, false);
    return "metrics/pareto";
  }

  @GetMapping(path = "/{id}", produces = MediaType.TEXT_HTML_VALUE)
  String indicator(@PathVariable String id, @RequestParam(required = false) String municipality,
      @RequestParam(defaultValue = "uke") String per, @RequestParam(required = false) Integer periods,
      @RequestParam(required = false) Integer version, @RequestParam(required = false) Integer compare,
      @RequestParam(defaultValue = "0") int baseline, Model model) {
    Indicator indicator = Indicators.byId(id).orElseThrow(() -> RequestRejectedException.notFound(
        "Indikatoren finnes ikke."));
    Set<String> scope = scope(municipality);
    Period period = period(per);
    Map<Integer, LocalDate> versions = series.versions(indicator, scope);
    int frozen = Math.max(0, Math.min(baseline, MAX_PERIODS));
    Filter filter = defaultFilter(scope, period, periods, version, frozen);
    String comparison = null;
    if (compare != null && versions.containsKey(compare)) {
      // before/after a model version: the periods before it give the centre and limits
      LocalDate changed = versions.get(compare);
      Series all = series.series(indicator, filter);
      int before = (int) all.rows().stream().filter(row -> row.start().isBefore(period.start(changed))).count();
      if (indicator.statistic().chart() == ControlChart.Type.I) {
        before = (int) all.rows().stream().filter(row -> row.start().isBefore(period.start(changed))
            && row.value() != null).count();
      }
      filter = new Filter(scope, period, filter.from(), filter.to(), version, Math.max(before, 1));
      comparison = comparison(indicator, series.series(indicator, filter), compare, changed, period);
    }
    Series values = series.series(indicator, filter);
    model.addAttribute("indicator", indicator);
    model.addAttribute("definition", definition(indicator));
    model.addAttribute("verdict", values.verdict());
    model.addAttribute("variationCode", code(values.verdict().variation()));
    model.addAttribute("assuranceCode", code(values.verdict().assurance()));
    model.addAttribute("chartJson", chartJson(values));
    model.addAttribute("rows", table(values));
    model.addAttribute("comparison", comparison);
    model.addAttribute("versions", versions.keySet().stream().map(v -> new Option(v.toString(), "versjon " + v,
        v.equals(version))).toList());
    model.addAttribute("compareOptions", versions.keySet().stream().skip(1).map(v -> new Option(v.toString(),
        "versjon " + v + " (fra " + MetricsWords.date(versions.get(v)) + ")", v.equals(compare))).toList());
    model.addAttribute("periods", filter.to().equals(filter.from()) ? 0 : values.rows().size());
    model.addAttribute("baseline", frozen);
    model.addAttribute("csvQuery", csvQuery(municipality, period, periods, version, frozen));
    common(model, scope, municipality, period, values.demo());
    return "metrics/indicator";
  }

  @GetMapping(path = "/{id}/csv")
  ResponseEntity<byte[]> csv(@PathVariable String id, @RequestParam(required = false) String municipality,
      @RequestParam(defaultValue = "uke") String per, @RequestParam(required = false) Integer periods,
      @RequestParam(required = false) Integer version, @RequestParam(defaultValue = "0") int baseline) {
    Indicator indicator = Indicators.byId(id).orElseThrow(() -> RequestRejectedException.notFound(
        "Indikatoren finnes ikke."));
    Set<String> scope = scope(municipality);
    Series values = series.series(indicator, defaultFilter(scope, period(per), periods, version,
        Math.max(0, Math.min(baseline, MAX_PERIODS))));
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader("periode", "fra",
        "teller", "nevner", "verdi", "senterlinje", "nedre_grense", "ovre_grense", "utenfor_grensene").get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      List<ControlChart.Point> points = values.chart().points();
      int point = 0;
      for (IndicatorSeries.Row row : values.rows()) {
        ControlChart.Point charted = null;
        if (indicator.statistic().chart() != ControlChart.Type.I || row.value() != null) {
          charted = points.get(point++);
        }
        printer.printRecord(row.label(), row.start(), MetricsWords.decimal(row.numerator()),
            MetricsWords.decimal(row.denominator()), row.value() == null ? "" : MetricsWords.decimal(row.value()),
            MetricsWords.decimal(values.chart().centre()),
            charted == null || charted.lower() == null ? "" : MetricsWords.decimal(charted.lower()),
            charted == null || charted.upper() == null ? "" : MetricsWords.decimal(charted.upper()),
            charted != null && charted.outside() ? "ja" : "nei");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("indikator-" + indicator.id() + ".csv").build().toString())
        .body(("\uFEFF" + out).getBytes(StandardCharsets.UTF_8));
  }

  // ---- helpers

  private void common(Model model, Set<String> scope, String municipality, Period period, boolean demo) {
    Actor actor = Actor.current();
    List<Option> options = new ArrayList<>();
    Set<String> mine = mine(actor);
    if (mine.size() > 1) {
      options.add(new Option("", "Alle mine kommuner", municipality == null || municipality.isEmpty()));
    }
    mine.forEach(number -> options.add(new Option(number, municipalities.nameOrNumber(number),
        number.equals(municipality) || mine.size() == 1)));
    model.addAttribute("municipalityOptions", options);
    model.addAttribute("municipalityName", String.join(", ", scope.stream().map(municipalities::nameOrNumber).toList()));
    model.addAttribute("municipality", municipality == null ? "" : municipality);
    model.addAttribute("per", period == Period.WEEK ? "uke" : "måned");
    model.addAttribute("periodOptions", List.of(new Option("uke", "Per uke", period == Period.WEEK),
        new Option("måned", "Per måned", period == Period.MONTH)));
    model.addAttribute("demo", demo);
  }

  private Set<String> mine(Actor actor) {
    if (actor.isMemberOf(CarepathGroups.ADMINISTRATORS) && actor.municipalities().isEmpty()) {
      return new TreeSet<>(municipalities.getMunicipalities().keySet());
    }
    return actor.municipalities();
  }

  /** The municipalities asked for: one of the person's own, or all of them; any other is not found. */
  private Set<String> scope(String municipality) {
    Set<String> mine = mine(Actor.current());
    if (municipality == null || municipality.isEmpty()) {
      return mine;
    }
    if (!mine.contains(municipality)) {
      throw RequestRejectedException.notFound( "Kommunen finnes ikke blant dine.");
    }
    return Set.of(municipality);
  }

  private static Period period(String per) {
    return switch (per) {
      case "uke" -> Period.WEEK;
      case "måned", "maaned" -> Period.MONTH;
      default -> throw RequestRejectedException.invalid("per", "Velg per uke eller per måned.");
    };
  }

  private Filter defaultFilter(Set<String> scope, Period period, Integer periods, Integer version, int baseline) {
    int count = periods == null ? (period == Period.WEEK ? DEFAULT_WEEKS : DEFAULT_MONTHS)
        : Math.max(1, Math.min(periods, MAX_PERIODS));
    LocalDate end = period.start(today());
    LocalDate from = period == Period.WEEK ? end.minusWeeks(count) : end.minusMonths(count);
    return new Filter(scope, period, from, end, version, baseline);
  }

  private LocalDate today() {
    return clock.instant().atZone(ZoneId.of("Europe/Oslo")).toLocalDate();
  }

  private Card card(Series values) {
    Indicator indicator = values.indicator();
    IndicatorSeries.Row latest = values.latest();
    List<Double> spark = values.rows().stream().map(IndicatorSeries.Row::value).toList();
    return new Card(indicator.id(), indicator.name(),
        latest == null ? "–" : MetricsWords.value(indicator, latest.value()),
        latest == null ? "Ingen data" : latest.label(),
        code(values.verdict().variation()), values.verdict().variation().label(),
        code(values.verdict().assurance()), values.verdict().assurance().label(), write(spark));
  }

  static String code(Verdict.Variation variation) {
    return switch (variation) {
      case TOO_FEW_POINTS -> "few";
      case COMMON_CAUSE -> "common";
      case SPECIAL_CAUSE_IMPROVING -> "improving";
      case SPECIAL_CAUSE_CONCERNING -> "concerning";
      case SPECIAL_CAUSE_NEITHER -> "special";
    };
  }

  static String code(Verdict.Assurance assurance) {
    return switch (assurance) {
      case NO_TARGET -> "none";
      case MET_CONSISTENTLY -> "met";
      case HIT_AND_MISS -> "hit-and-miss";
      case MISSED_CONSISTENTLY -> "missed";
    };
  }

  private List<String[]> definition(Indicator indicator) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Teller", indicator.numerator()});
    if (!indicator.denominator().isEmpty()) {
      rows.add(new String[] {"Nevner", indicator.denominator()});
    }
    rows.add(new String[] {"Enhet", indicator.share() ? "prosent" : indicator.unit()});
    rows.add(new String[] {"Bedre er", switch (indicator.good()) {
      case HIGHER -> "høyere";
      case LOWER -> "lavere";
      case NEITHER -> "verken høyere eller lavere (følges for å se endring)";
    }});
    rows.add(new String[] {"Mål", indicator.target() == null ? "Ingen målverdi"
        : MetricsWords.value(indicator, indicator.target())});
    rows.add(new String[] {"Diagram", indicator.chartName()});
    rows.add(new String[] {"Prosess", MetricsWords.process(indicator.process()) + (indicator.activity().isEmpty() ? ""
        : ", aktivitet «" + MetricsWords.activity(indicator.activity()) + "»")});
    rows.add(new String[] {"Datakilde", indicator.source()});
    return rows;
  }

  private String chartJson(Series values) {
    Indicator indicator = values.indicator();
    ControlChart.Chart chart = values.chart();
    Map<String, Object> data = new LinkedHashMap<>();
    List<ControlChart.Point> points = chart.points();
    data.put("labels", points.stream().map(ControlChart.Point::label).toList());
    data.put("values", points.stream().map(ControlChart.Point::value).toList());
    data.put("lower", points.stream().map(ControlChart.Point::lower).toList());
    data.put("upper", points.stream().map(ControlChart.Point::upper).toList());
    data.put("outside", points.stream().map(ControlChart.Point::outside).toList());
    data.put("centre", Double.isNaN(chart.centre()) ? null : chart.centre());
    data.put("baseline", chart.baseline());
    data.put("runStart", chart.rules().runSignal() ? chart.rules().longestRunEnd() - chart.rules().longestRun() + 1
        : null);
    data.put("runEnd", chart.rules().runSignal() ? chart.rules().longestRunEnd() : null);
    data.put("target", indicator.target());
    data.put("share", indicator.share());
    data.put("unit", indicator.share() ? "%" : indicator.unit());
    data.put("name", indicator.name());
    return write(data);
  }

  private List<TableRow> table(Series values) {
    Indicator indicator = values.indicator();
    List<TableRow> rows = new ArrayList<>();
    List<ControlChart.Point> points = values.chart().points();
    int point = 0;
    for (IndicatorSeries.Row row : values.rows()) {
      ControlChart.Point charted = null;
      if (indicator.statistic().chart() != ControlChart.Type.I || row.value() != null) {
        charted = points.get(point++);
      }
      boolean ratio = indicator.statistic().chart() != ControlChart.Type.I;
      rows.add(new TableRow(row.label(), ratio ? MetricsWords.decimal(row.numerator()) : Long.toString(row.facts()),
          ratio ? MetricsWords.decimal(row.denominator()) : "",
          row.value() == null ? "–" : MetricsWords.value(indicator, row.value()),
          MetricsWords.value(indicator, values.chart().centre()),
          charted == null || charted.lower() == null ? "–" : MetricsWords.value(indicator, charted.lower()),
          charted == null || charted.upper() == null ? "–" : MetricsWords.value(indicator, charted.upper()),
          charted != null && charted.outside()));
    }
    return rows;
  }

  private String comparison(Indicator indicator, Series values, int version, LocalDate changed, Period period) {
    double before = 0;
    double after = 0;
    int nBefore = 0;
    int nAfter = 0;
    for (IndicatorSeries.Row row : values.rows()) {
      if (row.value() == null) {
        continue;
      }
      if (row.start().isBefore(period.start(changed))) {
        before += row.value();
        nBefore++;
      } else {
        after += row.value();
        nAfter++;
      }
    }
    if (nBefore == 0 || nAfter == 0) {
      return "Versjon " + version + " ble tatt i bruk " + MetricsWords.date(changed) + ". Det er for få perioder før"
          + " eller etter til å sammenligne.";
    }
    String moved = values.verdict().variation().special()
        ? "Diagrammet viser spesiell variasjon etter endringen (" + values.verdict().variation().label().toLowerCase(
            Locale.ROOT) + "): endringen har trolig virket inn."
        : "Diagrammet viser bare tilfeldig variasjon rundt grunnlinjen: ingen påviselig effekt av endringen ennå.";
    return "Versjon " + version + " ble tatt i bruk " + MetricsWords.date(changed) + ". Grunnlinjen (senterlinje og"
        + " grenser) er beregnet fra de " + nBefore + " periodene før. Snitt før: " + MetricsWords.value(indicator,
        before / nBefore) + "; snitt etter (" + nAfter + " perioder): " + MetricsWords.value(indicator, after / nAfter)
        + ". " + moved;
  }

  private String csvQuery(String municipality, Period period, Integer periods, Integer version, int baseline) {
    StringBuilder query = new StringBuilder("?per=").append(period == Period.WEEK ? "uke" : "maaned");
    if (municipality != null && !municipality.isEmpty()) {
      query.append("&municipality=").append(municipality);
    }
    if (periods != null) {
      query.append("&periods=").append(periods);
    }
    if (version != null) {
      query.append("&version=").append(version);
    }
    if (baseline > 0) {
      query.append("&baseline=").append(baseline);
    }
    return query.toString();
  }

  private ParetoChart pareto(String id, String title, String description, Map<String, Long> counts,
      Map<String, String> words) {
    Map<String, Long> named = new LinkedHashMap<>();
    counts.forEach((key, count) -> named.merge(words.getOrDefault(key, MetricsWords.fallback(key)), count, Long::sum));
    List<Pareto.Bar> bars = Pareto.of(named);
    List<ParetoRow> rows = bars.stream().map(bar -> new ParetoRow(bar.category(), bar.count(),
        MetricsWords.percent(bar.share()), MetricsWords.percent(bar.cumulative()), bar.vitalFew())).toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("categories", bars.stream().map(Pareto.Bar::category).toList());
    data.put("counts", bars.stream().map(Pareto.Bar::count).toList());
    data.put("cumulative", bars.stream().map(Pareto.Bar::cumulative).toList());
    data.put("title", title);
    return new ParetoChart(id, title, description, write(data), rows);
  }

  private String write(Object value) {
    try {
      // safe inside a <script type="application/json"> block and an attribute whatever the labels hold
      return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
