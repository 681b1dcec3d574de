package no.carepath.allocation;

import static no.carepath.platform.HtmlPages.e;
import static no.carepath.platform.HtmlPages.html;
import static no.carepath.platform.HtmlPages.row;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import no.carepath.security.Municipalities;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /app/cases}: the allocation office's case overview in the browser (Keycloak login, same
 * session as the Tasklist): the case list, one case with its assessment, decision, letter and
 * history, the letter as PDF, and registering an appeal. Opening a case is access-logged.
 */
@Controller
@RequestMapping("/app/cases")
class CasePages {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
  private static final Map<String, String> CHANNELS = Map.of("APPLICATION", "Søknad", "GP_REFERRAL",
      "Henvisning fra fastlege", "HOSPITAL_NOTICE", "Melding fra sykehus", "CHANGED_NEEDS", "Endrede behov (hjemmeoppfølging)");
  private static final Map<String, String> EVENTS = Map.of(
      "HOSPITAL_ANSWERED", "Sykehuset besvart",
      "OVERDUE_FOLLOWED_UP", "Forsinkelse fulgt opp av teamleder",
      "APPEAL_RECEIVED", "Klage registrert",
      "FORWARDED_TO_COUNTY_GOVERNOR", "Klagen sendt Statsforvalteren",
      "LETTER_DISPATCHED", "Vedtaksbrev sendt",
      "CASE_CLOSED", "Saken avsluttet");

  private final AllocationCases cases;
  private final Municipalities municipalities;
  private final ZoneId zone;

  CasePages(AllocationCases cases, Municipalities municipalities, java.time.Clock clock) {
    this.cases = cases;
    this.municipalities = municipalities;
    this.zone = clock.getZone();
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> list() {
    Actor actor = Actor.current();
    StringBuilder rows = new StringBuilder();
    for (AllocationCases.CaseSummary summary : cases.list(actor.municipalities(), 200)) {
      rows.append("<tr><td><a href=\"/app/cases/").append(e(summary.caseId())).append("\">").append(e(summary.caseId()))
          .append("</a></td><td>").append(e(summary.patientLabel())).append("</td><td>")
          .append(e(CHANNELS.get(summary.channel().name()))).append("</td><td>").append(e(dateTime(summary.receivedAt())))
          .append("</td><td>").append(e(municipalities.nameOrNumber(summary.municipalityNumber())))
          .append("</td><td><span class=\"status\">").append(e(summary.status().label())).append("</span></td></tr>");
    }
    String body = "<h1>Saker</h1><p class=\"muted\">Tildelingskontoret, " + e(String.join(", ",
        actor.municipalities().stream().map(municipalities::nameOrNumber).toList())) + ". Arbeidet gjøres i "
        + "<a href=\"/camunda/app/tasklist/\">Tasklist</a>; her ser du sakene samlet.</p>"
        + (rows.isEmpty() ? "<p>Ingen saker ennå.</p>"
        : "<table><thead><tr><th>Sak</th><th>Pasient</th><th>Kanal</th><th>Mottatt</th><th>Kommune</th><th>Status</th></tr></thead><tbody>"
            + rows + "</tbody></table>");
    return html(HttpStatus.OK, "Saker", body);
  }

  @GetMapping(path = "/{caseId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> view(@PathVariable String caseId, HttpServletRequest request,
      @RequestParam(required = false) String registered) {
    return page(caseId, request, registered != null ? "Klagen er registrert. Saken er sendt til ny kartlegging i Tasklist." : null,
        null, HttpStatus.OK);
  }

  @GetMapping("/{caseId}/letter")
  ResponseEntity<byte[]> letter(@PathVariable String caseId) {
    return cases.letter(caseId, Actor.current().municipalities())
        .map(letter -> ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(letter.fileName()).build().toString())
            .contentType(MediaType.APPLICATION_PDF).body(letter.content()))
        .orElse(ResponseEntity.notFound().build());
  }

  @PostMapping(path = "/{caseId}/appeal", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> appeal(@PathVariable String caseId, @RequestParam(required = false) String receivedDate,
      @RequestParam(required = false) String reason, HttpServletRequest request) {
    try {
      LocalDate received;
      try {
        received = LocalDate.parse(receivedDate == null ? "" : receivedDate);
      } catch (java.time.format.DateTimeParseException e) {
        throw RequestRejectedException.invalid("receivedDate", "Oppgi datoen klagen kom inn.");
      }
      if (reason == null || reason.isBlank() || reason.length() > 4000) {
        throw RequestRejectedException.invalid("reason", "Skriv hva klagen gjelder (høyst 4000 tegn).");
      }
      cases.registerAppeal(caseId, Actor.current().municipalities(), received, reason.strip());
      return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/app/cases/" + caseId + "?registered")
          .build();
    } catch (RequestRejectedException e) {
      return page(caseId, request, null, e.getMessage(), e.status());
    }
  }

  private ResponseEntity<String> page(String caseId, HttpServletRequest request, String notice, String error,
      HttpStatus status) {
    Optional<AllocationCases.CaseView> found = cases.view(caseId, Actor.current().municipalities());
    if (found.isEmpty()) {
      return html(HttpStatus.NOT_FOUND, "Finnes ikke", "<h1>Finner ikke saken</h1><p>Finner ingen sak " + e(caseId)
          + " i kommunene du har tilgang til.</p><p><a href=\"/app/cases\">Til sakslisten</a></p>");
    }
    AllocationCases.CaseView c = found.get();
    StringBuilder body = new StringBuilder("<p><a href=\"/app/cases\">← Saker</a></p>")
        .append("<h1>").append(e(c.caseId())).append(" <span class=\"status\">").append(e(c.status().label())).append("</span></h1>");
    if (notice != null) {
      body.append("<p class=\"notice\">").append(e(notice)).append("</p>");
    }
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\">").append(e(error)).append("</p>");
    }
    body.append("<dl>")
        .append(row("Pasient", c.patientName()))
        .append(row("Fødselsnummer", c.patientNationalIdMasked()))
        .append(row("Født", DATE.format(c.patientBirthDate())))
        .append(row("Kommune", municipalities.nameOrNumber(c.municipalityNumber())))
        .append(row("Kanal", CHANNELS.get(c.channel().name())))
        .append(row("Mottatt", dateTime(c.receivedAt())))
        .append("</dl><h2>Henvendelsen</h2><p>").append(e(c.summary())).append("</p>");
    c.assessment().ifPresent(a -> body.append("<h2>Kartlegging</h2><dl>")
        .append(row("Hva er viktig for deg?", String.valueOf(a.get("whatMattersToYou"))))
        .append(row("Hovedtilstand", String.valueOf(a.get("primaryCondition"))))
        .append(row("Bruk av utstyr", String.valueOf(a.get("deviceAbility"))))
        .append(row("Samtykke til digital hjemmeoppfølging", Boolean.TRUE.equals(a.get("consentDigitalFollowUp")) ? "Ja" : "Nei"))
        .append("</dl>"));
    c.decision().ifPresent(d -> body.append("<h2>Vedtak</h2><dl>")
        .append(row("Utfall", "GRANTED".equals(d.outcome()) ? "Innvilget" : "Avslag"))
        .append(d.services().isEmpty() ? "" : row("Tjenester", String.join(", ",
            d.services().stream().map(DecideServiceListener.SERVICES::get).toList())))
        .append(d.scope() == null ? "" : row("Omfang", d.scope()))
        .append(d.startDate() == null ? "" : row("Startdato", DATE.format(d.startDate())))
        .append(row("Begrunnelse", d.reason()))
        .append(d.appealOutcome() == null ? "" : row("Klagebehandling", "UPHELD".equals(d.appealOutcome())
            ? "Vedtaket opprettholdt" : "Vedtaket endret"))
        .append(row("Fattet av", d.decidedByName() + ", " + dateTime(d.decidedAt())))
        .append("</dl>"));
    c.letter().ifPresent(l -> body.append("<h2>Vedtaksbrev</h2><p><a class=\"button\" href=\"/app/cases/")
        .append(e(c.caseId())).append("/letter\" target=\"_blank\">Åpne vedtaksbrevet (PDF)</a> ")
        .append(l.dispatchedAt() == null ? "<span class=\"muted\">Ikke sendt ennå</span>"
            : "<span class=\"muted\">Sendt " + e(dateTime(l.dispatchedAt())) + "</span>")
        .append("</p>"));
    if (c.status() == CaseStatus.LETTER_SENT) {
      CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      body.append("<h2>Registrer klage</h2><form method=\"post\" action=\"/app/cases/").append(e(c.caseId()))
          .append("/appeal\"><input type=\"hidden\" name=\"").append(e(csrf.getParameterName())).append("\" value=\"")
          .append(e(csrf.getToken())).append("\"><label>Klagen kom inn <input type=\"date\" name=\"receivedDate\" required></label>")
          .append("<label>Hva klagen gjelder <textarea name=\"reason\" maxlength=\"4000\" rows=\"3\" required></textarea></label>")
          .append("<button type=\"submit\">Registrer klage</button></form>");
    }
    if (!c.messages().isEmpty()) {
      body.append("<h2>Meldinger</h2><table><tr><th>Laget</th><th>Melding</th><th>Status</th></tr>");
      for (no.carepath.messaging.Outbox.Summary message : c.messages()) {
        body.append("<tr><td>").append(e(dateTime(message.createdAt()))).append("</td><td>").append(e(message.subject()))
            .append(" <span class=\"muted\">(").append(e(message.messageId())).append(")</span></td><td>")
            .append(e(message.statusText())).append(message.receiptText() == null ? ""
                : " <span class=\"muted\">– " + e(message.receiptText()) + "</span>").append("</td></tr>");
      }
      body.append("</table>");
    }
    if (!c.events().isEmpty()) {
      body.append("<h2>Historikk</h2><ul>");
      for (AllocationCases.EventView event : c.events()) {
        body.append("<li>").append(e(dateTime(event.occurredAt()))).append(" – ")
            .append(e(EVENTS.getOrDefault(event.kind(), event.kind()))).append(" <span class=\"muted\">(")
            .append(e(event.actorId())).append(")</span></li>");
      }
      body.append("</ul>");
    }
    return html(status, c.caseId(), body.toString());
  }

  private String dateTime(Instant instant) {
    return DATE_TIME.format(instant.atZone(zone));
  }
}
