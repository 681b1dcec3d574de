package no.carepath.quality;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.carepath.metrics.IndicatorReport;
import no.carepath.security.Municipalities;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statistics pack of an annual management review, as the model of
 * {@code templates/documents/statistics-pack.html} (a PDF, and the same page in the browser): every
 * indicator of the catalogue with its control chart over the year and the year before, the year's
 * avvik by category and status, the measures against avvik and whether they worked, the hospital's
 * timeliness, the avvik still open, last year's action plan and whether it was done; once signed,
 * the judgement of each area, the action plan and the decision. Counts and references only.
 */
@Component
class StatisticsPack {

  /** The indicators that say whether the hospital and the municipality kept their deadlines. */
  static final List<String> TIMELINESS = List.of("admission-notice-on-time", "discharge-summary-on-time",
      "ready-for-discharge-same-day", "days-waiting-after-ready");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm");

  record AreaSection(String area, List<IndicatorReport.Entry> indicators, AnnualReviews.Area judgement,
      String judgementLabel, List<MeasureRow> measures) {
  }

  record OpenIncident(String reference, String category, String consequence, String reported, String status,
      long daysOpen) {
  }

  record IncidentMeasure(String reference, String description, String indicator, String due, String effect) {
  }

  record MeasureRow(String area, String description, String owner, String due, String indicator, String status,
      String note) {
  }

  private static final Map<String, String> STATUSES = Map.of("REPORTED", "Meldt", "CLASSIFIED", "Klassifisert",
      "ANALYSED", "Årsak analysert", "MEASURES", "Tiltak pågår", "CLOSED", "Lukket");

  private final IndicatorReport indicators;
  private final JdbcClient jdbc;
  private final Municipalities municipalities;
  private final Clock clock;

  StatisticsPack(IndicatorReport indicators, JdbcClient jdbc, Municipalities municipalities, Clock clock) {
    this.indicators = indicators;
    this.jdbc = jdbc;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  /**
   * The template's model.
   *
   * @param signed whether to include the judgements, the action plan and the decision
   */
  Map<String, Object> model(AnnualReviews.Review review, AnnualReviews reviews, boolean signed) {
    Map<String, Object> model = new HashMap<>();
    model.put("review", review);
    model.put("municipalityName", municipalities.nameOrNumber(review.municipality()));
    model.put("generated", DATE_TIME.format(clock.instant().atZone(Incidents.OSLO)));
    model.put("signed", signed && review.signed());
    model.put("signedBy", review.signedBy() == null ? "" : reviews.personName(review.signedBy()));
    model.put("signedAt", review.signedAt() == null ? "" : DATE_TIME.format(review.signedAt().atZone(Incidents.OSLO)));

    List<IndicatorReport.Entry> entries = indicators.year(review.municipality(), review.year());
    Map<String, String> names = IndicatorReport.names();
    Map<String, AnnualReviews.Area> judged = reviews.areas(review.id());
    List<AnnualReviews.Measure> plan = reviews.measures(review.id());
    List<AreaSection> areas = new ArrayList<>();
    for (String area : IndicatorReport.areas()) {
      AnnualReviews.Area judgement = judged.get(area);
      areas.add(new AreaSection(area, entries.stream().filter(entry -> entry.area().equals(area)).toList(),
          judgement, judgement == null ? "Ikke vurdert" : AnnualReviews.ASSESSMENTS.get(judgement.assessment()),
          plan.stream().filter(measure -> measure.area().equals(area)).map(measure -> row(measure, names, reviews)).toList()));
    }
    model.put("areas", areas);
    model.put("indicatorCount", entries.size());
    model.put("timeliness", entries.stream().filter(entry -> TIMELINESS.contains(entry.id())).toList());

    IndicatorReport.IncidentFigures figures = indicators.incidents(review.municipality(), review.year());
    model.put("incidents", figures);
    Map<String, Long> closed = new LinkedHashMap<>();
    figures.closedByCategory().forEach(count -> closed.put(count.label(), count.count()));
    model.put("closedByLabel", closed);
    model.put("openIncidents", openIncidents(review.municipality()));
    model.put("incidentMeasures", incidentMeasures(review.municipality(), review.year(), names));

    java.util.Optional<AnnualReviews.Review> previous = reviews.previous(review);
    model.put("lastYearPlan", previous.map(last -> reviews.measures(last.id()).stream()
        .map(measure -> row(measure, names, reviews)).toList()).orElse(List.of()));
    model.put("lastYearReference", previous.map(AnnualReviews.Review::reference).orElse(null));
    model.put("plan", plan.stream().map(measure -> row(measure, names, reviews)).toList());
    return model;
  }

  private static MeasureRow row(AnnualReviews.Measure measure, Map<String, String> names, AnnualReviews reviews) {
    return new MeasureRow(measure.area(), measure.description(), reviews.personName(measure.owner()),
        DATE.format(measure.dueDate()),
        measure.indicatorId() == null ? "" : names.getOrDefault(measure.indicatorId(), measure.indicatorId()),
        AnnualReviews.MEASURE_STATUSES.get(measure.status()), measure.statusNote() == null ? "" : measure.statusNote());
  }

  private List<OpenIncident> openIncidents(String municipality) {
    Instant now = clock.instant();
    return jdbc.sql("""
        select reference, coalesce(classified_category, category) as category,
               coalesce(classified_consequence, consequence) as consequence, reported_at, status
        from quality_incident where municipality_number = :municipality and status <> 'CLOSED'
        order by reported_at limit 200""").param("municipality", municipality)
        .query((row, n) -> new OpenIncident(row.getString("reference"),
            IncidentWords.CATEGORIES.getOrDefault(row.getString("category"), row.getString("category")),
            IncidentWords.CONSEQUENCES.getOrDefault(row.getString("consequence"), row.getString("consequence")),
            DATE.format(row.getTimestamp("reported_at").toInstant().atZone(Incidents.OSLO)),
            STATUSES.getOrDefault(row.getString("status"), row.getString("status")),
            ChronoUnit.DAYS.between(row.getTimestamp("reported_at").toInstant(), now))).list();
  }

  private List<IncidentMeasure> incidentMeasures(String municipality, int year, Map<String, String> names) {
    return jdbc.sql("""
        select i.reference, m.description, m.indicator_id, m.due_date, m.effect
        from quality_measure m join quality_incident i on i.incident_id = m.incident_id
        where i.municipality_number = :municipality and m.started_on >= :from and m.started_on < :to
        order by m.started_on, i.reference limit 200""")
        .param("municipality", municipality).param("from", java.sql.Date.valueOf(LocalDate.of(year, 1, 1)))
        .param("to", java.sql.Date.valueOf(LocalDate.of(year + 1, 1, 1)))
        .query((row, n) -> new IncidentMeasure(row.getString("reference"), row.getString("description"),
            names.getOrDefault(row.getString("indicator_id"), row.getString("indicator_id")),
            DATE.format(row.getDate("due_date").toLocalDate()),
            row.getString("effect") == null ? "Ikke sjekket ennå"
                : "WORKED".equals(row.getString("effect")) ? "Virket" : "Virket ikke")).list();
  }
}
