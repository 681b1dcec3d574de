package no.carepath.followup;

import static no.carepath.platform.HtmlPages.e;
import static no.carepath.platform.HtmlPages.html;
import static no.carepath.platform.HtmlPages.row;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import no.carepath.followup.readings.Deviations;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import no.carepath.security.Municipalities;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
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
 * {@code /app/episodes}: the DHO nurses' view of their patients in the browser (Keycloak login, the
 * same session as the Tasklist): the list with open deviations first, and one episode with the plan,
 * 14 days of readings (table and chart, which the deviation task form shows too), NEWS2, deviations,
 * notes and messages with the GP; pause, resume and end. Opening an episode is access-logged; the
 * URLs carry the episode id, never a national ID number.
 */
@Controller
@RequestMapping("/app/episodes")
class EpisodePages {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
  private static final Map<String, String> PHASES = Map.of("STARTUP", "Oppstart", "TRIAL", "Prøveperiode",
      "FOLLOW_UP", "Aktiv oppfølging", "ENDING", "Avsluttes", "ENDED", "Avsluttet");
  private static final Map<String, String> STATUSES = Map.of("PLANNED", "Planlagt", "ACTIVE", "Aktiv",
      "ON_HOLD", "På pause", "FINISHED", "Avsluttet", "CANCELLED", "Avbrutt");
  private static final Map<String, String> PLAN_STATUSES = Map.of("AWAITING_GP", "Venter på fastlegen", "ACTIVE", "Gjelder",
      "SUPERSEDED", "Erstattet", "REJECTED", "Ikke godkjent", "WITHDRAWN", "Trukket");

  private final EpisodeViews views;
  private final FollowupService episodes;
  private final ReadingsChart chart;
  private final Municipalities municipalities;
  private final ZoneId zone;

  EpisodePages(EpisodeViews views, FollowupService episodes, ReadingsChart chart, Municipalities municipalities,
      Clock clock) {
    this.views = views;
    this.episodes = episodes;
    this.chart = chart;
    this.municipalities = municipalities;
    this.zone = clock.getZone();
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> list() {
    StringBuilder rows = new StringBuilder();
    for (EpisodeViews.EpisodeSummary summary : views.list(Actor.current().municipalities())) {
      String colour = summary.openDeviationColour();
      rows.append("<tr><td><a href=\"/app/episodes/").append(e(summary.episodeId())).append("\">")
          .append(e(summary.episodeId())).append("</a></td><td>").append(e(summary.patientLabel())).append("</td><td>")
          .append(e(PHASES.get(summary.phase()))).append(" <span class=\"status\">").append(e(STATUSES.get(summary.status())))
          .append("</span></td><td>").append(summary.planVersion() == null ? "–" : "versjon " + summary.planVersion())
          .append("</td><td").append(colour == null ? ">–" : " class=\"" + colour.toLowerCase(Locale.ROOT) + "\">"
              + ("RED".equals(colour) ? "Rødt avvik" : "Gult avvik"))
          .append("</td><td>").append(e(municipalities.nameOrNumber(summary.municipalityNumber()))).append("</td></tr>");
    }
    String body = "<h1>Digital hjemmeoppfølging</h1><p class=\"muted\">Pasienter med åpent forløp; åpne avvik først."
        + " Avvikene behandles i <a href=\"/camunda/app/tasklist/\">Tasklist</a> (filteret «Avvik i målinger»).</p>"
        + (rows.isEmpty() ? "<p>Ingen pasienter i oppfølging ennå.</p>"
        : "<table><thead><tr><th>Forløp</th><th>Pasient</th><th>Fase</th><th>Plan</th><th>Avvik</th><th>Kommune</th></tr>"
            + "</thead><tbody>" + rows + "</tbody></table>");
    return html(HttpStatus.OK, "Oppfølging", body);
  }

  @GetMapping(path = "/{episodeId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> view(@PathVariable String episodeId, HttpServletRequest request,
      @RequestParam(required = false) String done) {
    return page(episodeId, request, done == null ? null : "Endringen er registrert.", null, HttpStatus.OK);
  }

  /** The chart of the last 14 days, which the deviation task form shows as an image. */
  @GetMapping(path = "/{episodeId}/readings.svg", produces = "image/svg+xml")
  ResponseEntity<String> readings(@PathVariable String episodeId) {
    return views.view(episodeId, Actor.current().municipalities(), "readings-chart")
        .map(view -> ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
            .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
            .body(chart.svg(view.readings(), view.thresholds(), view.episode().measuredSigns())))
        .orElse(ResponseEntity.notFound().build());
  }

  @PostMapping(path = "/{episodeId}/pause", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> pause(@PathVariable String episodeId, @RequestParam(required = false) String until,
      @RequestParam(required = false) String reason, HttpServletRequest request) {
    return act(episodeId, request, () -> {
      LocalDate date;
      try {
        date = LocalDate.parse(until == null ? "" : until);
      } catch (java.time.format.DateTimeParseException e) {
        throw RequestRejectedException.invalid("until", "Oppgi datoen pausen skal vare til.");
      }
      episodes.pause(episodeId, date, required(reason, "reason", "Skriv hvorfor oppfølgingen settes på pause."));
    });
  }

  @PostMapping(path = "/{episodeId}/resume", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> resume(@PathVariable String episodeId, HttpServletRequest request) {
    return act(episodeId, request, () -> episodes.resume(episodeId));
  }

  @PostMapping(path = "/{episodeId}/end", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> end(@PathVariable String episodeId, @RequestParam(required = false) String reason,
      HttpServletRequest request) {
    return act(episodeId, request, () -> episodes.requestEnd(episodeId,
        required(reason, "reason", "Skriv hvorfor oppfølgingen skal avsluttes.")));
  }

  private ResponseEntity<String> act(String episodeId, HttpServletRequest request, Runnable action) {
    try {
      action.run();
      return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/app/episodes/" + episodeId + "?done")
          .build();
    } catch (RequestRejectedException e) {
      return page(episodeId, request, null, e.getMessage(), e.status());
    }
  }

  static String required(String value, String field, String message) {
    if (value == null || value.isBlank() || value.length() > 500) {
      throw RequestRejectedException.invalid(field, message + " (høyst 500 tegn)");
    }
    return value.strip();
  }

  private ResponseEntity<String> page(String episodeId, HttpServletRequest request, String notice, String error,
      HttpStatus status) {
    Optional<EpisodeViews.EpisodeView> found = views.view(episodeId, Actor.current().municipalities(), "episode-view");
    if (found.isEmpty()) {
      return html(HttpStatus.NOT_FOUND, "Finnes ikke", "<h1>Finner ikke forløpet</h1><p>Finner ingen episode "
          + e(episodeId) + " i kommunene du har tilgang til.</p><p><a href=\"/app/episodes\">Til listen</a></p>");
    }
    EpisodeViews.EpisodeView view = found.get();
    EpisodeStore.EpisodeRow episode = view.episode();
    StringBuilder body = new StringBuilder("<p><a href=\"/app/episodes\">← Oppfølging</a></p><h1>")
        .append(e(view.patient().fullName())).append(" <span class=\"status\">").append(e(PHASES.get(episode.phase())))
        .append(" · ").append(e(STATUSES.get(episode.status()))).append("</span></h1>");
    if (notice != null) {
      body.append("<p class=\"notice\">").append(e(notice)).append("</p>");
    }
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\">").append(e(error)).append("</p>");
    }
    body.append("<dl>").append(row("Forløp", episode.episodeId() + " (sak " + episode.caseId() + ")"))
        .append(row("Fødselsnummer", view.patient().nationalId().masked()))
        .append(row("Født", DATE.format(view.patient().birthDate())))
        .append(row("Kommune", municipalities.nameOrNumber(episode.municipalityNumber())))
        .append(row("Fastlege", episode.gpName() == null ? "Ikke registrert"
            : episode.gpName() + (episode.gpPractice() == null ? "" : ", " + episode.gpPractice())))
        .append(row("Innskrevet", episode.enrolledAt() == null ? "Ikke ennå" : dateTime(episode.enrolledAt())))
        .append(episode.trialEndsAt() == null || !"TRIAL".equals(episode.phase()) ? ""
            : row("Prøveperioden slutter", dateTime(episode.trialEndsAt())))
        .append(row("Måler", String.join(", ", episode.measuredSigns().stream().map(VitalSign::label).toList())
            + (episode.measuredSigns().isEmpty() ? "–" : ", " + Math.max(1, 24 / Math.max(1, episode.readingInterval().toHours()))
            + " gang(er) per døgn")))
        .append(episode.pausedUntil() == null ? "" : row("På pause til", DATE.format(episode.pausedUntil()) + " – "
            + episode.pauseReason()))
        .append(row("Utstyr", String.join(", ", view.devices().stream().map(d -> d.kind()
            + (d.serialNumber() == null ? "" : " (" + d.serialNumber() + ")") + (d.returnedAt() == null ? "" : " – levert tilbake"))
            .toList())))
        .append("</dl>");
    body.append("<h2>Målinger siste 14 dager</h2>");
    view.news2().ifPresent(score -> body.append("<p class=\"").append(score.response().colour().name().toLowerCase(Locale.ROOT))
        .append("\">NEWS2 ").append(score.total()).append(" – ").append(e(score.response().label()))
        .append(score.scale2() ? " (SpO2-skala 2)" : "").append(". NEWS2 erstatter ikke pasientens egne grenser.</p>"));
    if (view.readings().isEmpty()) {
      body.append("<p class=\"muted\">Ingen målinger de siste 14 dagene.</p>");
    } else {
      body.append("<p><img alt=\"Målinger siste 14 dager med terskelverdier\" src=\"/app/episodes/").append(e(episodeId))
          .append("/readings.svg\" style=\"max-width:100%;background:#fff\"></p>");
      body.append("<table><thead><tr><th>Målt</th><th>Måling</th><th>Vurdering</th></tr></thead><tbody>");
      List<StoredReading> newestFirst = new java.util.ArrayList<>(view.readings());
      java.util.Collections.reverse(newestFirst);
      for (StoredReading reading : newestFirst.subList(0, Math.min(200, newestFirst.size()))) {
        Colour colour = reading.interpretation().colour();
        body.append("<tr><td>").append(e(dateTime(reading.measuredAt()))).append("</td><td>")
            .append(e(Deviations.describe(reading.sign(), reading.value()))).append("</td><td class=\"")
            .append(colour.name().toLowerCase(Locale.ROOT)).append("\">").append(e(reading.interpretation().label()))
            .append(" (").append(e(colour.label())).append(")</td></tr>");
      }
      body.append("</tbody></table>");
    }
    plan(body, view);
    deviations(body, view);
    if (!view.dialogues().isEmpty()) {
      body.append("<h2>Meldinger med fastlegen</h2><table><thead><tr><th>Sendt</th><th>Emne</th><th>Status</th><th>Svar</th>"
          + "</tr></thead><tbody>");
      view.dialogues().forEach(message -> body.append("<tr><td>").append(e(dateTime(message.createdAt()))).append("</td><td>")
          .append(e(message.subject())).append("</td><td>").append(e(switch (message.status()) {
            case "PENDING" -> "Sendes";
            case "SENT" -> "Sendt" + (message.answerMessage() == null ? "" : ", venter på svar");
            default -> "Besvart " + dateTime(message.answeredAt());
          })).append("</td><td>").append(e(message.answerText())).append("</td></tr>"));
      body.append("</tbody></table>");
    }
    if (!view.notes().isEmpty()) {
      body.append("<h2>Notater</h2><ul>");
      view.notes().forEach(note -> body.append("<li>").append(e(dateTime(note.occurredAt()))).append(" – ")
          .append(e(note.text())).append(" <span class=\"muted\">(").append(e(note.authorName())).append(")</span></li>"));
      body.append("</ul>");
    }
    actions(body, episode, request);
    return html(status, view.patient().fullName(), body.toString());
  }

  private void plan(StringBuilder body, EpisodeViews.EpisodeView view) {
    body.append("<h2>Egenbehandlingsplan</h2>");
    Optional<PlanStore.Plan> active = view.activePlan();
    if (active.isEmpty()) {
      body.append("<p class=\"muted\">Ingen godkjent plan ennå; kommunens standardgrenser gjelder.</p>");
    }
    active.ifPresent(plan -> body.append("<dl>").append(row("Versjon", plan.version() + ", godkjent "
            + (plan.activatedAt() == null ? "" : dateTime(plan.activatedAt()))
            + (plan.gpComment() == null ? "" : " – fastlegen: " + plan.gpComment())))
        .append(row("Hva er viktig for deg?", plan.whatMatters())).append(row("Målsetting", plan.goal()))
        .append(row("Delmål", plan.subGoals())).append(row("Tiltak", plan.interventions()))
        .append(row("Evaluering", plan.evaluation() == null ? "–" : plan.evaluation()))
        .append(row("Endrede behov", plan.changedNeeds() == null ? "–" : plan.changedNeeds()))
        .append(row("Evalueres hver", plan.evaluationInterval().toDays() + ". dag")).append("</dl>"));
    body.append("<h3>Terskelverdier som gjelder nå</h3><table><thead><tr><th>Måling</th><th>Rød under</th><th>Gul under</th>"
        + "<th>Gul over</th><th>Rød over</th></tr></thead><tbody>");
    for (Thresholds limits : view.thresholds().all().stream().sorted(java.util.Comparator.comparing(Thresholds::sign)).toList()) {
      body.append("<tr><td>").append(e(limits.sign().label())).append(" (").append(e(limits.sign().unitLabel())).append(")</td>")
          .append(cell(limits.redBelow())).append(cell(limits.yellowBelow())).append(cell(limits.yellowAbove()))
          .append(cell(limits.redAbove())).append("</tr>");
    }
    body.append("</tbody></table>");
    if (view.plans().size() > 1 || active.isEmpty() && !view.plans().isEmpty()) {
      body.append("<h3>Alle versjoner</h3><ul>");
      view.plans().forEach(plan -> body.append("<li>Versjon ").append(plan.version()).append(": ")
          .append(e(PLAN_STATUSES.get(plan.status()))).append(" – ").append(e(plan.reason())).append(" <span class=\"muted\">(")
          .append(e(dateTime(plan.createdAt()))).append(")</span></li>"));
      body.append("</ul>");
    }
  }

  private void deviations(StringBuilder body, EpisodeViews.EpisodeView view) {
    if (view.deviations().isEmpty()) {
      return;
    }
    body.append("<h2>Avvik</h2><table><thead><tr><th>Åpnet</th><th>Avvik</th><th>Målinger</th><th>Status</th></tr></thead><tbody>");
    view.deviations().forEach(deviation -> body.append("<tr><td>").append(e(dateTime(deviation.openedAt())))
        .append("</td><td class=\"").append(deviation.colour().name().toLowerCase(Locale.ROOT)).append("\">")
        .append(e(deviation.deviationId())).append(" ").append(e(deviation.colour().label())).append("</td><td>")
        .append(e(deviation.summary())).append("</td><td>").append("OPEN".equals(deviation.status()) ? "Åpent"
            : e("Lukket " + dateTime(deviation.closedAt()) + (deviation.outcomeNote() == null ? "" : ": " + deviation.outcomeNote())))
        .append("</td></tr>"));
    body.append("</tbody></table>");
  }

  private void actions(StringBuilder body, EpisodeStore.EpisodeRow episode, HttpServletRequest request) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String token = "<input type=\"hidden\" name=\"" + e(csrf.getParameterName()) + "\" value=\"" + e(csrf.getToken()) + "\">";
    String base = "/app/episodes/" + e(episode.episodeId());
    body.append("<h2>Endre oppfølgingen</h2><div class=\"actions\">");
    if ("ACTIVE".equals(episode.status()) && "FOLLOW_UP".equals(episode.phase())) {
      body.append("<form method=\"post\" action=\"").append(base).append("/pause\">").append(token)
          .append("<strong>Sett på pause</strong><label>Til og med <input type=\"date\" name=\"until\" required></label>")
          .append("<label>Hvorfor <input name=\"reason\" maxlength=\"500\" required placeholder=\"F.eks. reise\"></label>")
          .append("<button type=\"submit\">Sett på pause</button></form>");
    }
    if ("ON_HOLD".equals(episode.status())) {
      body.append("<form method=\"post\" action=\"").append(base).append("/resume\">").append(token)
          .append("<strong>Pasienten er tilbake</strong><button type=\"submit\">Gjenoppta oppfølgingen</button></form>");
    }
    if ("FOLLOW_UP".equals(episode.phase())) {
      body.append("<form method=\"post\" action=\"").append(base).append("/end\">").append(token)
          .append("<strong>Avslutt tjenesten</strong><label>Hvorfor <input name=\"reason\" maxlength=\"500\" required></label>")
          .append("<button type=\"submit\">Avslutt</button></form>");
    }
    body.append("</div>");
  }

  private static String cell(Double value) {
    return "<td>" + (value == null ? "–" : e(no.carepath.followup.readings.ObservationMapper.format(value))) + "</td>";
  }

  private String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
  }
}
