package no.carepath.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import no.carepath.followup.readings.Deviations;
import no.carepath.followup.readings.ObservationMapper;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import no.carepath.platform.CarepathPage;
import no.carepath.platform.PageResponses;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import no.carepath.security.Municipalities;
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
 * {@code /app/episodes}: the DHO nurses' view of their patients in the browser (Keycloak login, the
 * same session as the Tasklist): the list with open deviations first, and one episode with the plan,
 * 14 days of readings (table and chart, which the deviation task form shows too), NEWS2, deviations,
 * notes and messages with the GP; pause, resume and end. Opening an episode is access-logged; the
 * URLs carry the episode id, never a national ID number. The pages are
 * {@code templates/followup/episodes.html} and {@code episode.html}; the chart is drawn by
 * {@link ReadingsChart}.
 */
@CarepathPage
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

  /**
   * A row of the episode list.
   *
   * @param deviationColour {@code red} or {@code yellow} (the CSS class), or {@code null} with no open deviation
   */
  record EpisodeRow(String episodeId, String patient, String phase, String status, String plan, String deviationColour,
      String deviation, String municipality) {
  }

  /**
   * One episode as {@code episode.html} shows it. Rows that do not apply ({@code trialEnds},
   * {@code pausedUntil}, {@code news2}, {@code plan}) are {@code null}; colours are CSS classes.
   */
  record EpisodePage(String episodeId, String patientName, String phase, String status, String episode,
      String nationalId, String birthDate, String municipality, String gp, String enrolled, String trialEnds,
      String measures, String pausedUntil, String devices, News2Line news2, List<ReadingRow> readings, Plan plan,
      List<ThresholdRow> thresholds, List<PlanVersion> planVersions, List<DeviationRow> deviations,
      List<DialogueRow> dialogues, List<NoteRow> notes, boolean canPause, boolean canResume, boolean canEnd) {
  }

  record News2Line(String colour, String text) {
  }

  record ReadingRow(String measuredAt, String reading, String colour, String assessment) {
  }

  record Plan(String version, String whatMatters, String goal, String subGoals, String interventions, String evaluation,
      String changedNeeds, String evaluatedEvery) {
  }

  record ThresholdRow(String sign, String redBelow, String yellowBelow, String yellowAbove, String redAbove) {
  }

  record PlanVersion(int version, String status, String reason, String createdAt) {
  }

  record DeviationRow(String openedAt, String colour, String deviation, String readings, String status) {
  }

  record DialogueRow(String sentAt, String subject, String status, String answer) {
  }

  record NoteRow(String occurredAt, String text, String author) {
  }

  private final no.carepath.competence.Accountability accountability;
  private final EpisodeViews views;
  private final FollowupService episodes;
  private final ReadingsChart chart;
  private final Municipalities municipalities;
  private final ZoneId zone;

  EpisodePages(EpisodeViews views, FollowupService episodes, ReadingsChart chart, Municipalities municipalities,
      Clock clock, no.carepath.competence.Accountability accountability) {
    this.accountability = accountability;
    this.views = views;
    this.episodes = episodes;
    this.chart = chart;
    this.municipalities = municipalities;
    this.zone = clock.getZone();
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String list(Model model) {
    model.addAttribute("episodes", views.list(Actor.current().municipalities()).stream().map(summary -> {
      String colour = summary.openDeviationColour();
      return new EpisodeRow(summary.episodeId(), summary.patientLabel(), PHASES.get(summary.phase()),
          STATUSES.get(summary.status()), summary.planVersion() == null ? "–" : "versjon " + summary.planVersion(),
          colour == null ? null : colour.toLowerCase(Locale.ROOT),
          colour == null ? "–" : "RED".equals(colour) ? "Rødt avvik" : "Gult avvik",
          municipalities.nameOrNumber(summary.municipalityNumber()));
    }).toList());
    return "followup/episodes";
  }

  @GetMapping(path = "/{episodeId}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView view(@PathVariable String episodeId, @RequestParam(required = false) String done) {
    return page(episodeId, done == null ? null : "Endringen er registrert.", null, HttpStatus.OK);
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
  ModelAndView pause(@PathVariable String episodeId, @RequestParam(required = false) String until,
      @RequestParam(required = false) String reason) {
    return act(episodeId, () -> {
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
  ModelAndView resume(@PathVariable String episodeId) {
    return act(episodeId, () -> episodes.resume(episodeId));
  }

  @PostMapping(path = "/{episodeId}/end", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView end(@PathVariable String episodeId, @RequestParam(required = false) String reason) {
    return act(episodeId, () -> episodes.requestEnd(episodeId,
        required(reason, "reason", "Skriv hvorfor oppfølgingen skal avsluttes.")));
  }

  private ModelAndView act(String episodeId, Runnable action) {
    try {
      action.run();
      return PageResponses.seeOther("/app/episodes/" + episodeId + "?done");
    } catch (RequestRejectedException e) {
      return page(episodeId, null, e.getMessage(), e.status());
    }
  }

  static String required(String value, String field, String message) {
    if (value == null || value.isBlank() || value.length() > 500) {
      throw RequestRejectedException.invalid(field, message + " (høyst 500 tegn)");
    }
    return value.strip();
  }

  private ModelAndView page(String episodeId, String notice, String error, HttpStatus status) {
    Optional<EpisodeViews.EpisodeView> found = views.view(episodeId, Actor.current().municipalities(), "episode-view");
    if (found.isEmpty()) {
      return PageResponses.notFound("Finnes ikke", "Finner ikke forløpet",
          "Finner ingen episode " + episodeId + " i kommunene du har tilgang til.", "/app/episodes", "Til listen");
    }
    ModelAndView page = new ModelAndView("followup/episode", status);
    page.addObject("page", episodePage(found.get()));
    page.addObject("accountability", accountability.of(episodeId));
    page.addObject("zone", zone);
    page.addObject("notice", notice);
    page.addObject("error", error);
    return page;
  }

  private EpisodePage episodePage(EpisodeViews.EpisodeView view) {
    EpisodeStore.EpisodeRow episode = view.episode();
    List<StoredReading> newestFirst = new ArrayList<>(view.readings());
    Collections.reverse(newestFirst);
    return new EpisodePage(episode.episodeId(), view.patient().fullName(), PHASES.get(episode.phase()),
        STATUSES.get(episode.status()), episode.episodeId() + " (sak " + episode.caseId() + ")",
        view.patient().nationalId().masked(), DATE.format(view.patient().birthDate()),
        municipalities.nameOrNumber(episode.municipalityNumber()),
        episode.gpName() == null ? "Ikke registrert"
            : episode.gpName() + (episode.gpPractice() == null ? "" : ", " + episode.gpPractice()),
        episode.enrolledAt() == null ? "Ikke ennå" : dateTime(episode.enrolledAt()),
        episode.trialEndsAt() == null || !"TRIAL".equals(episode.phase()) ? null : dateTime(episode.trialEndsAt()),
        String.join(", ", episode.measuredSigns().stream().map(VitalSign::label).toList())
            + (episode.measuredSigns().isEmpty() ? "–" : ", " + Math.max(1, 24 / Math.max(1, episode.readingInterval().toHours()))
            + " gang(er) per døgn"),
        episode.pausedUntil() == null ? null : DATE.format(episode.pausedUntil()) + " – " + episode.pauseReason(),
        String.join(", ", view.devices().stream().map(d -> d.kind()
            + (d.serialNumber() == null ? "" : " (" + d.serialNumber() + ")") + (d.returnedAt() == null ? "" : " – levert tilbake"))
            .toList()),
        view.news2().map(score -> new News2Line(css(score.response().colour()), "NEWS2 " + score.total() + " – "
            + score.response().label() + (score.scale2() ? " (SpO2-skala 2)" : "")
            + ". NEWS2 erstatter ikke pasientens egne grenser.")).orElse(null),
        newestFirst.subList(0, Math.min(200, newestFirst.size())).stream().map(reading -> {
          Colour colour = reading.interpretation().colour();
          return new ReadingRow(dateTime(reading.measuredAt()), Deviations.describe(reading),
              css(colour), reading.interpretation().label() + " (" + colour.label() + ")");
        }).toList(),
        view.activePlan().map(plan -> new Plan(plan.version() + ", godkjent "
            + (plan.activatedAt() == null ? "" : dateTime(plan.activatedAt()))
            + (plan.gpComment() == null ? "" : " – fastlegen: " + plan.gpComment()),
            plan.whatMatters(), plan.goal(), plan.subGoals(), plan.interventions(),
            plan.evaluation() == null ? "–" : plan.evaluation(), plan.changedNeeds() == null ? "–" : plan.changedNeeds(),
            plan.evaluationInterval().toDays() + ". dag")).orElse(null),
        view.thresholds().all().stream().sorted(Comparator.comparing(Thresholds::sign))
            .map(limits -> new ThresholdRow(limits.sign().label() + " (" + limits.sign().unitLabel() + ")",
                limit(limits.redBelow()), limit(limits.yellowBelow()), limit(limits.yellowAbove()), limit(limits.redAbove())))
            .toList(),
        view.plans().size() > 1 || view.activePlan().isEmpty() && !view.plans().isEmpty()
            ? view.plans().stream().map(plan -> new PlanVersion(plan.version(), PLAN_STATUSES.get(plan.status()),
                plan.reason(), dateTime(plan.createdAt()))).toList()
            : List.of(),
        view.deviations().stream().map(deviation -> new DeviationRow(dateTime(deviation.openedAt()),
            css(deviation.colour()), deviation.deviationId() + " " + deviation.colour().label(), deviation.summary(),
            "OPEN".equals(deviation.status()) ? "Åpent"
                : "Lukket " + dateTime(deviation.closedAt()) + (deviation.outcomeNote() == null ? "" : ": " + deviation.outcomeNote())))
            .toList(),
        view.dialogues().stream().map(message -> new DialogueRow(dateTime(message.createdAt()), message.subject(),
            switch (message.status()) {
              case "PENDING" -> "Sendes";
              case "SENT" -> "Sendt" + (message.answerMessage() == null ? "" : ", venter på svar");
              default -> "Besvart " + dateTime(message.answeredAt());
            }, message.answerText())).toList(),
        view.notes().stream().map(note -> new NoteRow(dateTime(note.occurredAt()), note.text(), note.authorName())).toList(),
        "ACTIVE".equals(episode.status()) && "FOLLOW_UP".equals(episode.phase()),
        "ON_HOLD".equals(episode.status()),
        "FOLLOW_UP".equals(episode.phase()));
  }

  private static String css(Colour colour) {
    return colour.name().toLowerCase(Locale.ROOT);
  }

  /** A threshold as the table shows it: with a decimal comma, "–" when the plan sets none. */
  private static String limit(Double value) {
    return value == null ? "–" : ObservationMapper.format(value).replace('.', ',');
  }

  private String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
  }
}
