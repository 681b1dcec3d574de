package no.carepath.allocation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import no.carepath.messaging.Outbox;
import no.carepath.platform.CarepathPage;
import no.carepath.platform.PageResponses;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import no.carepath.security.Municipalities;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /app/cases}: the allocation office's case overview in the browser (Keycloak login, same
 * session as the Tasklist): the case list, one case with its assessment, decision, letter and
 * history, the letter as PDF, and registering an appeal. Opening a case is access-logged. The pages
 * are {@code templates/allocation/cases.html} and {@code case.html}; this class gives them text
 * ready to show (Norwegian words, dates as dd.MM.yyyy).
 */
@CarepathPage
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

  /** A row of the case list. */
  record CaseRow(String caseId, String patient, String channel, String receivedAt, String municipality, String status) {
  }

  /** One case as {@code case.html} shows it; a part the case does not have yet is {@code null}. */
  record CasePage(String caseId, String status, String patientName, String nationalId, String birthDate,
      String municipality, String channel, String receivedAt, String summary, Assessment assessment, Decision decision,
      Letter letter, boolean appealOpen, List<MessageRow> messages, List<EventRow> events, List<NameRow> otherNames) {
  }

  /** A name a message gave for the patient that differs from the stored one. */
  record NameRow(String name, String source, String reference, String reportedAt) {
  }

  record Assessment(String whatMattersToYou, String primaryCondition, String deviceAbility, String consent) {
  }

  /** {@code services}, {@code scope}, {@code startDate} and {@code appealOutcome} are {@code null} when not given. */
  record Decision(String outcome, String services, String scope, String startDate, String reason, String appealOutcome,
      String decidedBy) {
  }

  /** @param dispatchedAt when the letter was sent, or {@code null} if not yet */
  record Letter(String dispatchedAt) {
  }

  /** @param receipt the receiver's receipt text, or {@code null} */
  record MessageRow(String createdAt, String subject, String messageId, String status, String receipt) {
  }

  record EventRow(String occurredAt, String event, String actorId) {
  }

  private final AllocationCases cases;
  private final Municipalities municipalities;
  private final ZoneId zone;

  private final no.carepath.competence.Accountability accountability;

  CasePages(AllocationCases cases, Municipalities municipalities, Clock clock,
      no.carepath.competence.Accountability accountability) {
    this.accountability = accountability;
    this.cases = cases;
    this.municipalities = municipalities;
    this.zone = clock.getZone();
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String list(Model model) {
    Actor actor = Actor.current();
    model.addAttribute("municipalities", String.join(", ",
        actor.municipalities().stream().map(municipalities::nameOrNumber).toList()));
    model.addAttribute("cases", cases.list(actor.municipalities(), 200).stream()
        .map(summary -> new CaseRow(summary.caseId(), summary.patientLabel(), CHANNELS.get(summary.channel().name()),
            dateTime(summary.receivedAt()), municipalities.nameOrNumber(summary.municipalityNumber()),
            summary.status().label()))
        .toList());
    return "allocation/cases";
  }

  @GetMapping(path = "/{caseId}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView view(@PathVariable String caseId, @RequestParam(required = false) String registered) {
    return page(caseId, registered != null ? "Klagen er registrert. Saken er sendt til ny kartlegging i Tasklist." : null,
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
  ModelAndView appeal(@PathVariable String caseId, @RequestParam(required = false) String receivedDate,
      @RequestParam(required = false) String reason) {
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
      return PageResponses.seeOther("/app/cases/" + caseId + "?registered");
    } catch (RequestRejectedException e) {
      return page(caseId, null, e.getMessage(), e.status());
    }
  }

  private ModelAndView page(String caseId, String notice, String error, HttpStatus status) {
    Optional<AllocationCases.CaseView> found = cases.view(caseId, Actor.current().municipalities());
    if (found.isEmpty()) {
      return PageResponses.notFound("Finnes ikke", "Finner ikke saken",
          "Finner ingen sak " + caseId + " i kommunene du har tilgang til.", "/app/cases", "Til sakslisten");
    }
    AllocationCases.CaseView c = found.get();
    CasePage page = new CasePage(c.caseId(), c.status().label(), c.patientName(), c.patientNationalIdMasked(),
        DATE.format(c.patientBirthDate()), municipalities.nameOrNumber(c.municipalityNumber()),
        CHANNELS.get(c.channel().name()), dateTime(c.receivedAt()), c.summary(),
        c.assessment().map(a -> new Assessment(String.valueOf(a.get("whatMattersToYou")),
            String.valueOf(a.get("primaryCondition")), String.valueOf(a.get("deviceAbility")),
            Boolean.TRUE.equals(a.get("consentDigitalFollowUp")) ? "Ja" : "Nei")).orElse(null),
        c.decision().map(this::decision).orElse(null),
        c.letter().map(l -> new Letter(l.dispatchedAt() == null ? null : dateTime(l.dispatchedAt()))).orElse(null),
        c.status() == CaseStatus.LETTER_SENT,
        c.messages().stream().map(this::message).toList(),
        c.events().stream().map(event -> new EventRow(dateTime(event.occurredAt()),
            EVENTS.getOrDefault(event.kind(), event.kind()), event.actorId())).toList(),
        c.nameReports().stream().map(report -> new NameRow(report.fullName(),
            report.source() == no.carepath.patient.PatientService.NameSource.HOSPITAL ? "Melding fra sykehus" : "Henvendelse",
            report.reference(), dateTime(report.reportedAt()))).toList());
    ModelAndView view = new ModelAndView("allocation/case", status);
    view.addObject("page", page);
    view.addObject("accountability", accountability.of(c.caseId()));
    view.addObject("zone", zone);
    view.addObject("notice", notice);
    view.addObject("error", error);
    return view;
  }

  private Decision decision(AllocationCases.DecisionView d) {
    return new Decision("GRANTED".equals(d.outcome()) ? "Innvilget" : "Avslag",
        d.services().isEmpty() ? null : String.join(", ", d.services().stream().map(DecideServiceListener.SERVICES::get).toList()),
        d.scope(), d.startDate() == null ? null : DATE.format(d.startDate()), d.reason(),
        d.appealOutcome() == null ? null : "UPHELD".equals(d.appealOutcome()) ? "Vedtaket opprettholdt" : "Vedtaket endret",
        d.decidedByName() + ", " + dateTime(d.decidedAt()));
  }

  private MessageRow message(Outbox.Summary message) {
    return new MessageRow(dateTime(message.createdAt()), message.subject(), message.messageId(), message.statusText(),
        message.receiptText());
  }

  private String dateTime(Instant instant) {
    return DATE_TIME.format(instant.atZone(zone));
  }
}
