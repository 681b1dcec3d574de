package no.carepath.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.CarepathPage;
import no.carepath.platform.Documents;
import no.carepath.security.AccessLog;
import no.carepath.security.AccessReports;
import no.carepath.security.Actor;
import no.carepath.security.Municipalities;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /app/access-report}: the patient's right of access to the access log. A case worker at
 * the allocation office enters the national ID number the patient gave (in the form's body, never in
 * an address) and gets every read of that patient's data: when, who, in which role, what, through
 * which channel and why; on the page and as a PDF to hand over. Only patients of the case worker's
 * municipalities; making the report is itself logged.
 */
@Controller
@CarepathPage
@RequestMapping("/app/access-report")
class AccessReportPages {

  static final String LAST_PATIENT = "carepath.accessReport.lastPatient";
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm");

  record Line(String when, String who, String role, String what, String channel, String why, boolean ownWork) {
  }

  record Report(String patient, String nationalId, String municipality, String generatedAt, String generatedBy,
      List<Line> lines) {
  }

  private final PatientService patients;
  private final AccessReports reports;
  private final AccessLog accessLog;
  private final Documents documents;
  private final Municipalities municipalities;
  private final Clock clock;

  AccessReportPages(PatientService patients, AccessReports reports, AccessLog accessLog, Documents documents,
      Municipalities municipalities, Clock clock) {
    this.patients = patients;
    this.reports = reports;
    this.accessLog = accessLog;
    this.documents = documents;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String form() {
    return "audit/access-report";
  }

  @PostMapping(produces = MediaType.TEXT_HTML_VALUE)
  String show(@RequestParam(required = false) String nationalId, Model model, HttpSession session) {
    Optional<Report> report = report(nationalId, model, session);
    report.ifPresent(found -> model.addAttribute("report", found));
    return "audit/access-report";
  }

  /**
   * The report just shown, as a PDF. The national ID number is not sent again (the page does not
   * carry it): the session remembers which patient the case worker looked up last.
   */
  @PostMapping(path = "/pdf")
  ModelAndView pdf(Model model, HttpSession session, HttpServletResponse response) throws IOException {
    Optional<Report> report = session.getAttribute(LAST_PATIENT) instanceof String remembered
        ? report(remembered, model, session) : Optional.empty();
    if (report.isEmpty() && !model.containsAttribute("error")) {
      model.addAttribute("error", "Finn pasienten først; så kan rapporten lastes ned.");
    }
    if (report.isEmpty()) {
      return new ModelAndView("audit/access-report", model.asMap());
    }
    byte[] pdf = documents.pdf("documents/access-report", Map.of("report", report.get()));
    response.setContentType(MediaType.APPLICATION_PDF_VALUE);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("innsyn-i-logg-" + clock.instant().atZone(clock.getZone()).toLocalDate() + ".pdf").build().toString());
    response.setContentLength(pdf.length);
    response.getOutputStream().write(pdf);
    return null;
  }

  private Optional<Report> report(String rawNationalId, Model model, HttpSession session) {
    NationalIdentityNumber nationalId;
    try {
      nationalId = NationalIdentityNumber.parse(rawNationalId == null ? "" : rawNationalId.strip());
    } catch (IllegalArgumentException e) {
      model.addAttribute("error", "Fødselsnummeret eller D-nummeret er ikke gyldig: " + e.getMessage());
      model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
      return Optional.empty();
    }
    Actor actor = Actor.current();
    Optional<Patient> patient = patients.find(nationalId, actor.municipalities());
    if (patient.isEmpty()) {
      model.addAttribute("error", "Ingen pasient med dette nummeret er registrert i kommunen din.");
      return Optional.empty();
    }
    Patient found = patient.get();
    // a String: the session is kept in PostgreSQL (Spring Session), so what it holds must serialize
    session.setAttribute(LAST_PATIENT, found.nationalId().value());
    // the report itself is a read of the patient's data (logged before it is read, so it lists itself)
    accessLog.recordRead(found.id(), null, "access-report");
    List<Line> lines = reports.forPatient(found.id()).stream().map(line -> new Line(
        TIME.format(line.occurredAt().atZone(clock.getZone())),
        line.actorName() == null || line.actorName().equals(line.actorId()) ? line.actorId()
            : line.actorName() + " (" + line.actorId() + ")",
        AccessWords.roles(line.actorRoles()), AccessWords.what(line.what())
            + (line.reference() == null ? "" : " " + line.reference()),
        AccessWords.channel(line.channel()), AccessWords.basis(line.basis()), line.ownWork())).toList();
    return Optional.of(new Report(found.label(), found.nationalId().masked(),
        municipalities.nameOrNumber(found.municipalityNumber()), TIME.format(clock.instant().atZone(clock.getZone())),
        actor.displayName(), lines));
  }
}
