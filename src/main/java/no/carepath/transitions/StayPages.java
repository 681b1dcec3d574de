package no.carepath.transitions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import no.carepath.messaging.Outbox;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.CarepathPage;
import no.carepath.platform.PageResponses;
import no.carepath.security.AccessLog;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Navigation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /app/stays}: the hospital stays of the municipality, those ready for discharge first with
 * the days they have waited (the municipality pays for them), and one stay with every message the
 * hospital sent, the discharge summary and what Carepath sent back. Opening a stay is access-logged.
 * {@code /app/stays/timeliness}: whether the hospital's messages came in time (counts, no patients).
 * The pages are {@code templates/transitions/stays.html}, {@code stay.html} and {@code timeliness.html}.
 */
@CarepathPage
@Controller
@RequestMapping("/app/stays")
class StayPages {

  static final int TIMELINESS_DAYS = 90;
  static final String TIMELINESS_PATH = "/app/stays/timeliness";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
  static final Map<String, String> STATUSES = Map.of("ADMITTED", "Innlagt", "READY_FOR_DISCHARGE", "Utskrivningsklar",
      "DISCHARGED", "Utskrevet", "CLOSED", "Avsluttet");
  static final Map<String, String> TYPES = Map.of("ADMITTED", "Melding om innlagt pasient", "HEALTH_INFORMATION",
      "Helseopplysninger", "READY_FOR_DISCHARGE", "Melding om utskrivningsklar pasient", "READY_FOR_DISCHARGE_WITHDRAWN",
      "Avmelding av utskrivningsklar pasient", "DISCHARGED", "Melding om utskrevet pasient", "DISCHARGE_SUMMARY",
      "Epikrise / utskrivningsrapport");

  /**
   * A row of the stay list.
   *
   * @param ready whether the patient is ready for discharge (the status is shown in yellow)
   * @param summary the discharge summary's column; {@code summaryMissing} when the patient is out and it is not
   */
  record StayRow(String stayId, String patient, boolean patientKnown, String hospital, String status, boolean ready,
      String readyFor, String summary, boolean summaryMissing) {
  }

  /** One stay as {@code stay.html} shows it; a row that does not apply is {@code null}. */
  record StayPage(String patient, String status, String stay, String hospital, String nationalId, String known,
      Episode episode, String admitted, String plannedDischarge, String ready, String discharged, String daysWaiting,
      Summary summary, String healthInformation, List<ReceivedRow> received, List<SentRow> sent) {
  }

  /** The follow-up episode: {@code link} when the person may open it. */
  record Episode(String episodeId, boolean link) {
  }

  record Summary(String received, String text) {
  }

  record ReceivedRow(String receivedAt, String message, boolean outOfOrder, String messageId) {
  }

  record SentRow(String createdAt, String subject, String status) {
  }

  /** A requirement of the timeliness page: {@code onTime} of {@code expected}, and the share. */
  record MeasureRow(String requirement, int onTime, int expected, String share) {
  }

  private final StayStore stays;
  private final PatientService patients;
  private final Outbox outbox;
  private final Navigation navigation;
  private final Clock clock;
  private final TransitionsProperties properties;
  private final AccessLog accessLog;

  StayPages(StayStore stays, PatientService patients, Outbox outbox, Navigation navigation, Clock clock,
      TransitionsProperties properties, AccessLog accessLog) {
    this.accessLog = accessLog;
    this.stays = stays;
    this.patients = patients;
    this.outbox = outbox;
    this.navigation = navigation;
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
  String list(Model model) {
    Actor actor = Actor.current();
    var municipalities = actor.municipalities();
    List<StayStore.Stay> open = stays.open(municipalities).stream().filter(stay -> mayRead(actor, stay)).toList();
    List<StayStore.Stay> closed = stays.closedRecently(municipalities, clock.instant().minus(30, ChronoUnit.DAYS)).stream()
        .filter(stay -> mayRead(actor, stay)).toList();
    accessLog.recordListRead(java.util.stream.Stream.concat(open.stream(), closed.stream()).map(StayStore.Stay::patientId)
        .toList(), "stay-list");
    model.addAttribute("open", open.stream().map(this::row).toList());
    model.addAttribute("closed", closed.stream().map(this::row).toList());
    model.addAttribute("timelinessHref", navigation.offers(actor, TIMELINESS_PATH) ? TIMELINESS_PATH : null);
    return "transitions/stays";
  }

  /** The managers' view of whether the hospital's messages came in time (counts, no patients). */
  @GetMapping(path = "/timeliness", produces = MediaType.TEXT_HTML_VALUE)
  String timeliness(Model model) {
    Collection<String> municipalities = Actor.current().municipalities();
    MessageTimeliness t = MessageTimeliness.of(stays.times(municipalities, clock.instant().minus(TIMELINESS_DAYS,
        ChronoUnit.DAYS)), properties.healthInformationWithin(), clock.instant(), clock.getZone());
    long healthHours = properties.healthInformationWithin().toHours();
    String within = healthHours % 24 == 0 ? (healthHours / 24) + " døgn" : healthHours + " timer";
    model.addAttribute("days", TIMELINESS_DAYS);
    model.addAttribute("measures", List.of(
        measure("Melding om innlagt pasient innen 24 timer", t.admissionNotice()),
        measure("Helseopplysninger innen " + within + " etter innleggelsen", t.healthInformation()),
        measure("Epikrise samme dag som utskrivningen", t.dischargeSummary())));
    model.addAttribute("admissionsNotNotified", t.admissionsNotNotified());
    model.addAttribute("dischargesNotNotified", t.dischargesNotNotified());
    model.addAttribute("summariesMissing", t.summariesMissing());
    model.addAttribute("averageSummaryDelay", t.averageSummaryDelayHours() == null ? "–"
        : String.format(Locale.forLanguageTag("nb"), "%.1f timer", t.averageSummaryDelayHours()));
    return "transitions/timeliness";
  }

  /**
   * The allocation office and team leaders see every stay of their municipalities; a nurse only
   * those of patients in digital home follow-up (the stay names the episode).
   */
  static boolean mayRead(Actor actor, StayStore.Stay stay) {
    return actor.isMemberOfAny(List.of(CarepathGroups.ALLOCATION_OFFICE, CarepathGroups.TEAM_LEADERS,
        CarepathGroups.ADMINISTRATORS)) || stay.episodeId() != null;
  }

  private static MeasureRow measure(String requirement, MessageTimeliness.Measure measure) {
    return new MeasureRow(requirement, measure.onTime(), measure.expected(),
        measure.percent() == null ? "–" : measure.percent() + " %");
  }

  private StayRow row(StayStore.Stay stay) {
    String ready;
    if (stay.readyAt() == null) {
      ready = "–";
    } else if (stay.dischargedAt() == null) {
      long days = ChronoUnit.DAYS.between(stay.readyAt().atZone(clock.getZone()).toLocalDate(), LocalDate.now(clock));
      ready = "siden " + DATE.format(stay.readyAt().atZone(clock.getZone())) + " (" + days + " dager)";
    } else {
      ready = stay.daysWaiting() == null ? "–" : stay.daysWaiting() + " dager";
    }
    boolean summaryMissing = stay.summaryAt() == null && stay.dischargedAt() != null;
    String summary = stay.summaryAt() == null ? (summaryMissing ? "mangler" : "–")
        : "mottatt " + DATE.format(stay.summaryAt().atZone(clock.getZone()));
    return new StayRow(stay.stayId(), patients.label(stay.patientId()), stay.patientKnown(), stay.hospitalName(),
        STATUSES.get(stay.status().name()), "READY_FOR_DISCHARGE".equals(stay.status().name()), ready, summary,
        summaryMissing);
  }

  @GetMapping(path = "/{stayId}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView stay(@PathVariable String stayId) {
    StayStore.Stay stay = stays.find(stayId)
        .filter(found -> Actor.current().municipalities().contains(found.municipalityNumber()))
        .filter(found -> mayRead(Actor.current(), found)).orElse(null);
    if (stay == null) {
      return PageResponses.notFound("Fant ikke oppholdet", "Fant ikke oppholdet",
          "Finner ikke oppholdet " + stayId + " i kommunene du har tilgang til.", "/app/stays", "Til listen");
    }
    Patient patient = patients.read(stay.patientId(), null, "hospital-stay-view");
    ZoneId zone = clock.getZone();
    StayPage page = new StayPage(patient.label(), STATUSES.get(stay.status().name()),
        stay.stayId() + " (sykehusets id " + stay.hospitalStayRef() + ")",
        stay.hospitalName() + (stay.department() == null ? "" : ", " + stay.department()),
        patient.nationalId().masked(), stay.patientKnown() ? "ja" : "nei: tildelingskontoret avklarer",
        stay.episodeId() == null ? null : new Episode(stay.episodeId(), Actor.current().isMemberOfAny(
            List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.TEAM_LEADERS))),
        stay.admittedAt() == null ? null : DATE_TIME.format(stay.admittedAt().atZone(zone)),
        stay.plannedDischargeDate() == null ? null : DATE.format(stay.plannedDischargeDate()),
        stay.readyAt() == null ? null : DATE_TIME.format(stay.readyAt().atZone(zone))
            + (stay.readyAnsweredAt() == null ? " (ikke besvart)" : ", besvart " + DATE_TIME.format(stay.readyAnsweredAt().atZone(zone))),
        stay.dischargedAt() == null ? null : DATE_TIME.format(stay.dischargedAt().atZone(zone)),
        stay.daysWaiting() == null ? null : Integer.toString(stay.daysWaiting()),
        stay.summaryText() == null ? null : new Summary(DATE_TIME.format(stay.summaryAt().atZone(zone))
            + (stay.summaryAuthor() == null ? "" : ", fra " + stay.summaryAuthor()), stay.summaryText()),
        stay.healthInformation(),
        stays.messages(stayId).stream().map(message -> new ReceivedRow(DATE_TIME.format(message.receivedAt().atZone(zone)),
            TYPES.get(message.type()), message.outOfOrder(), message.messageId())).toList(),
        outbox.summaries(List.of(stayId)).stream().map(message -> new SentRow(
            DATE_TIME.format(message.createdAt().atZone(zone)), message.subject(), message.statusText())).toList());
    return new ModelAndView("transitions/stay", Map.of("page", page, "stayId", stayId), HttpStatus.OK);
  }
}
