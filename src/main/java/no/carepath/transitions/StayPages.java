package no.carepath.transitions;

import static no.carepath.platform.HtmlPages.e;
import static no.carepath.platform.HtmlPages.html;
import static no.carepath.platform.HtmlPages.row;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import no.carepath.messaging.Outbox;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /app/stays}: the hospital stays of the municipality, those ready for discharge first with
 * the days they have waited (the municipality pays for them), and one stay with every message the
 * hospital sent, the discharge summary and what Carepath sent back. Opening a stay is access-logged.
 */
@RestController
@RequestMapping("/app/stays")
class StayPages {

  static final int TIMELINESS_DAYS = 90;
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
  static final Map<String, String> STATUSES = Map.of("ADMITTED", "Innlagt", "READY_FOR_DISCHARGE", "Utskrivningsklar",
      "DISCHARGED", "Utskrevet", "CLOSED", "Avsluttet");
  static final Map<String, String> TYPES = Map.of("ADMITTED", "Melding om innlagt pasient", "HEALTH_INFORMATION",
      "Helseopplysninger", "READY_FOR_DISCHARGE", "Melding om utskrivningsklar pasient", "READY_FOR_DISCHARGE_WITHDRAWN",
      "Avmelding av utskrivningsklar pasient", "DISCHARGED", "Melding om utskrevet pasient", "DISCHARGE_SUMMARY",
      "Epikrise / utskrivningsrapport");

  private final StayStore stays;
  private final PatientService patients;
  private final Outbox outbox;
  private final Clock clock;
  private final TransitionsProperties properties;

  StayPages(StayStore stays, PatientService patients, Outbox outbox, Clock clock, TransitionsProperties properties) {
    this.stays = stays;
    this.patients = patients;
    this.outbox = outbox;
    this.clock = clock;
    this.properties = properties;
  }

  /** The stay in a few lines, for the task forms: hospital, department, admitted, planned discharge. */
  static String summary(StayStore.Stay stay, ZoneId zone) {
    StringBuilder text = new StringBuilder(stay.hospitalName());
    if (stay.department() != null) {
      text.append(", ").append(stay.department());
    }
    if (stay.admittedAt() != null) {
      text.append(". Innlagt ").append(DATE_TIME.format(stay.admittedAt().atZone(zone)));
    }
    if (stay.plannedDischargeDate() != null) {
      text.append(". Planlagt utskrevet ").append(DATE.format(stay.plannedDischargeDate()));
    }
    return text.append('.').toString();
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> list() {
    var municipalities = Actor.current().municipalities();
    StringBuilder body = new StringBuilder("<h1>Sykehusopphold</h1><p class=\"muted\">Pasienter kommunen har fått melding"
        + " om fra sykehuset. Utskrivningsklare pasienter står først med antall dager de har ventet: kommunen betaler for"
        + " hvert døgn etter at pasienten er meldt utskrivningsklar.</p>");
    body.append("<table><tr><th>Pasient</th><th>Sykehus</th><th>Status</th><th>Utskrivningsklar</th><th>Epikrise</th></tr>");
    for (StayStore.Stay stay : stays.open(municipalities)) {
      body.append(line(stay));
    }
    body.append("</table><h2>Avsluttet siste 30 dager</h2><table><tr><th>Pasient</th><th>Sykehus</th><th>Status</th>"
        + "<th>Dager som utskrivningsklar</th><th>Epikrise</th></tr>");
    for (StayStore.Stay stay : stays.closedRecently(municipalities, clock.instant().minus(30, ChronoUnit.DAYS))) {
      body.append(line(stay));
    }
    body.append("</table>");
    body.append(timeliness(municipalities));
    return html(HttpStatus.OK, "Sykehusopphold", body.toString());
  }

  /** The managers' view of whether the hospital's messages came in time (counts, no patients). */
  private String timeliness(java.util.Collection<String> municipalities) {
    MessageTimeliness t = MessageTimeliness.of(stays.times(municipalities, clock.instant().minus(TIMELINESS_DAYS,
        ChronoUnit.DAYS)), properties.healthInformationWithin(), clock.instant(), clock.getZone());
    long healthHours = properties.healthInformationWithin().toHours();
    String within = healthHours % 24 == 0 ? (healthHours / 24) + " døgn" : healthHours + " timer";
    return "<h2>Kom meldingene fra sykehuset i tide? Siste " + TIMELINESS_DAYS + " dager</h2><p class=\"muted\">Opphold"
        + " som begynte i perioden. Tallene er grunnlag for å evaluere og korrigere samarbeidet med sykehuset.</p>"
        + "<table><tr><th>Krav</th><th>I tide</th><th>Av</th><th>Andel</th></tr>"
        + measure("Melding om innlagt pasient innen 24 timer", t.admissionNotice())
        + measure("Helseopplysninger innen " + within + " etter innleggelsen", t.healthInformation())
        + measure("Epikrise samme dag som utskrivningen", t.dischargeSummary()) + "</table><dl>"
        + row("Innleggelser kommunen ikke fikk melding om", Integer.toString(t.admissionsNotNotified()))
        + row("Utskrivninger kommunen ikke fikk melding om", Integer.toString(t.dischargesNotNotified()))
        + row("Utskrevne uten epikrise", Integer.toString(t.summariesMissing()))
        + row("Tid fra utskrivning til epikrise, snitt", t.averageSummaryDelayHours() == null ? "–"
            : String.format(java.util.Locale.forLanguageTag("nb"), "%.1f timer", t.averageSummaryDelayHours()))
        + "</dl>";
  }

  private static String measure(String label, MessageTimeliness.Measure measure) {
    return "<tr><td>" + e(label) + "</td><td>" + measure.onTime() + "</td><td>" + measure.expected() + "</td><td>"
        + (measure.percent() == null ? "–" : measure.percent() + " %") + "</td></tr>";
  }

  private String line(StayStore.Stay stay) {
    String ready;
    if (stay.readyAt() == null) {
      ready = "–";
    } else if (stay.dischargedAt() == null) {
      long days = ChronoUnit.DAYS.between(stay.readyAt().atZone(clock.getZone()).toLocalDate(), LocalDate.now(clock));
      ready = "siden " + DATE.format(stay.readyAt().atZone(clock.getZone())) + " (" + days + " dager)";
    } else {
      ready = stay.daysWaiting() == null ? "–" : stay.daysWaiting() + " dager";
    }
    return "<tr><td><a href=\"/app/stays/" + e(stay.stayId()) + "\">" + e(patients.label(stay.patientId())) + "</a>"
        + (stay.patientKnown() ? "" : " <span class=\"status\">ukjent for kommunen</span>") + "</td><td>"
        + e(stay.hospitalName()) + "</td><td><span class=\"" + ("READY_FOR_DISCHARGE".equals(stay.status().name())
            ? "status yellow" : "status") + "\">" + e(STATUSES.get(stay.status().name())) + "</span></td><td>" + e(ready)
        + "</td><td>" + (stay.summaryAt() == null ? (stay.dischargedAt() == null ? "–" : "<span class=\"red\">mangler</span>")
            : "mottatt " + e(DATE.format(stay.summaryAt().atZone(clock.getZone())))) + "</td></tr>";
  }

  @GetMapping(path = "/{stayId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> stay(@PathVariable String stayId) {
    StayStore.Stay stay = stays.find(stayId)
        .filter(found -> Actor.current().municipalities().contains(found.municipalityNumber())).orElse(null);
    if (stay == null) {
      return html(HttpStatus.NOT_FOUND, "Fant ikke oppholdet", "<p class=\"error\">Finner ikke oppholdet " + e(stayId)
          + " i kommunene du har tilgang til.</p><p><a href=\"/app/stays\">Til listen</a></p>");
    }
    Patient patient = patients.read(stay.patientId(), null, "hospital-stay-view");
    ZoneId zone = clock.getZone();
    StringBuilder body = new StringBuilder("<h1>").append(e(patient.label())).append(" <span class=\"status\">")
        .append(e(STATUSES.get(stay.status().name()))).append("</span></h1><dl>")
        .append(row("Opphold", stay.stayId() + " (sykehusets id " + stay.hospitalStayRef() + ")"))
        .append(row("Sykehus", stay.hospitalName() + (stay.department() == null ? "" : ", " + stay.department())))
        .append(row("Fødselsnummer", patient.nationalId().masked()))
        .append(row("Kjent for kommunen", stay.patientKnown() ? "ja" : "nei: tildelingskontoret avklarer"))
        .append(stay.episodeId() == null ? "" : "<dt>Digital hjemmeoppfølging</dt><dd>" + (Actor.current().isMemberOfAny(
            java.util.List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.TEAM_LEADERS))
            ? "<a href=\"/app/episodes/" + e(stay.episodeId()) + "\">" + e(stay.episodeId()) + "</a>"
            : e(stay.episodeId()) + " (sykepleierne i digital hjemmeoppfølging)") + "</dd>")
        .append(stay.admittedAt() == null ? "" : row("Innlagt", DATE_TIME.format(stay.admittedAt().atZone(zone))))
        .append(stay.plannedDischargeDate() == null ? "" : row("Planlagt utskrevet", DATE.format(stay.plannedDischargeDate())))
        .append(stay.readyAt() == null ? "" : row("Utskrivningsklar", DATE_TIME.format(stay.readyAt().atZone(zone))
            + (stay.readyAnsweredAt() == null ? " (ikke besvart)" : ", besvart " + DATE_TIME.format(stay.readyAnsweredAt().atZone(zone)))))
        .append(stay.dischargedAt() == null ? "" : row("Utskrevet", DATE_TIME.format(stay.dischargedAt().atZone(zone))))
        .append(stay.daysWaiting() == null ? "" : row("Dager som utskrivningsklar", Integer.toString(stay.daysWaiting())))
        .append("</dl>");
    if (stay.summaryText() != null) {
      body.append("<h2>Epikrise</h2><dl>").append(row("Mottatt", DATE_TIME.format(stay.summaryAt().atZone(zone))
          + (stay.summaryAuthor() == null ? "" : ", fra " + stay.summaryAuthor()))).append(row("Tekst", stay.summaryText()))
          .append("</dl>");
    }
    if (stay.healthInformation() != null) {
      body.append("<h2>Helseopplysninger</h2><dl>").append(row("Fra sykehuset", stay.healthInformation())).append("</dl>");
    }
    body.append("<h2>Meldinger fra sykehuset</h2><table><tr><th>Mottatt</th><th>Melding</th><th>Id</th></tr>");
    for (StayStore.MessageRow message : stays.messages(stayId)) {
      body.append("<tr><td>").append(e(DATE_TIME.format(message.receivedAt().atZone(zone)))).append("</td><td>")
          .append(e(TYPES.get(message.type()))).append(message.outOfOrder() ? " <span class=\"status\">kom i feil rekkefølge</span>" : "")
          .append("</td><td class=\"muted\">").append(e(message.messageId())).append("</td></tr>");
    }
    body.append("</table>");
    var sent = outbox.summaries(java.util.List.of(stayId));
    if (!sent.isEmpty()) {
      body.append("<h2>Meldinger til sykehuset</h2><table><tr><th>Laget</th><th>Melding</th><th>Status</th></tr>");
      for (Outbox.Summary message : sent) {
        body.append("<tr><td>").append(e(DATE_TIME.format(message.createdAt().atZone(zone)))).append("</td><td>")
            .append(e(message.subject())).append("</td><td>").append(e(message.statusText())).append("</td></tr>");
      }
      body.append("</table>");
    }
    return html(HttpStatus.OK, patient.label(), body.toString());
  }
}
