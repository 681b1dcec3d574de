package no.carepath.quality;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.metrics.IndicatorReport;
import no.carepath.platform.CarepathPage;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import no.carepath.security.Municipalities;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The annual management review for managers: {@code /app/reviews}, the municipality's reviews and
 * starting one; {@code /app/reviews/{id}}, one review: the statistics pack area by area, the
 * judgement of each area, the action plan, and signing the decision; {@code .../pack}, the
 * statistics pack as a page; {@code .../documents/{version}.pdf}, a kept PDF. Counts and judgements
 * only: no patient. A review of a municipality that is not the manager's is a 404.
 */
@Controller
@CarepathPage
@RequestMapping("/app/reviews")
class AnnualReviewPages {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm");

  record Option(String value, String label) {
  }

  record AreaView(String area, String anchor, List<IndicatorReport.Entry> indicators, AnnualReviews.Area judgement,
      List<AnnualReviews.Measure> measures) {

    public String assessment() {
      return judgement == null ? "" : judgement.assessment();
    }

    public String label() {
      return judgement == null ? "Ikke vurdert" : AnnualReviews.ASSESSMENTS.get(judgement.assessment());
    }

    public String note() {
      return judgement == null || judgement.note() == null ? "" : judgement.note();
    }
  }

  record ReviewRow(AnnualReviews.Review review, String municipality, String status) {
  }

  record DocumentRow(int version, String label, String created, String by, String sha256) {
  }

  private final AnnualReviews reviews;
  private final StatisticsPack packs;
  private final IndicatorReport indicators;
  private final Municipalities municipalities;
  private final Clock clock;

  AnnualReviewPages(AnnualReviews reviews, StatisticsPack packs, IndicatorReport indicators,
      Municipalities municipalities, Clock clock) {
    this.reviews = reviews;
    this.packs = packs;
    this.indicators = indicators;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView list() {
    return listPage(Actor.current(), List.of(), HttpStatus.OK);
  }

  @PostMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView start(@RequestParam(required = false) String municipality, @RequestParam(required = false) Integer year) {
    Actor actor = Actor.current();
    String chosen = municipality == null && actor.municipalities().size() == 1
        ? actor.municipalities().iterator().next() : municipality;
    int thisYear = LocalDate.now(clock.withZone(Incidents.OSLO)).getYear();
    List<String> problems = new ArrayList<>();
    if (chosen == null || !actor.municipalities().contains(chosen)) {
      problems.add("Velg en av kommunene dine.");
    }
    if (year == null || year < thisYear - 1 || year > thisYear) {
      problems.add("Velg i år eller i fjor.");
    }
    if (!problems.isEmpty()) {
      return listPage(actor, problems, HttpStatus.BAD_REQUEST);
    }
    Optional<AnnualReviews.Review> started = reviews.start(chosen, year, actor.id());
    UUID id = started.map(AnnualReviews.Review::id).orElseGet(() -> reviews.list(java.util.Set.of(chosen)).stream()
        .filter(review -> review.year() == year).findFirst().orElseThrow().id());
    return new ModelAndView("redirect:/app/reviews/" + id);
  }

  @GetMapping(path = "/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView review(@PathVariable String id) {
    return reviewPage(mine(id), List.of(), HttpStatus.OK, null);
  }

  @PostMapping(path = "/{id}/areas", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView assess(@PathVariable String id, @RequestParam(required = false) String area,
      @RequestParam(required = false) String assessment, @RequestParam(required = false) String note) {
    AnnualReviews.Review review = mine(id);
    try {
      reviews.assess(review.id(), area, assessment, note, Actor.current());
      return redirect(review, area);
    } catch (Refused refused) {
      return reviewPage(review, refused.problems(), HttpStatus.BAD_REQUEST, area);
    }
  }

  @PostMapping(path = "/{id}/measures", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView addMeasure(@PathVariable String id, @RequestParam(required = false) String area,
      @RequestParam(required = false) String description, @RequestParam(required = false) String owner,
      @RequestParam(required = false) String dueDate, @RequestParam(required = false) String indicator) {
    AnnualReviews.Review review = mine(id);
    try {
      reviews.addMeasure(review.id(), area, description, owner, dueDate, indicator, Actor.current());
      return redirect(review, area);
    } catch (Refused refused) {
      return reviewPage(review, refused.problems(), HttpStatus.BAD_REQUEST, area);
    }
  }

  @PostMapping(path = "/{id}/measures/{measure}/delete", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView removeMeasure(@PathVariable String id, @PathVariable String measure) {
    AnnualReviews.Review review = mine(id);
    UUID measureId = uuid(measure);
    Optional<AnnualReviews.Measure> found = reviews.measure(measureId);
    try {
      reviews.removeMeasure(review.id(), measureId);
      return redirect(review, found.map(AnnualReviews.Measure::area).orElse(null));
    } catch (Refused refused) {
      return reviewPage(review, refused.problems(), HttpStatus.BAD_REQUEST, null);
    }
  }

  @PostMapping(path = "/{id}/sign", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView sign(@PathVariable String id, @RequestParam(required = false) String decision) {
    AnnualReviews.Review review = mine(id);
    try {
      reviews.sign(review.id(), decision, Actor.current());
      return new ModelAndView("redirect:/app/reviews/" + review.id() + "#beslutning");
    } catch (Refused refused) {
      return reviewPage(review, refused.problems(), HttpStatus.BAD_REQUEST, null);
    }
  }

  @GetMapping(path = "/{id}/pack", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView pack(@PathVariable String id) {
    AnnualReviews.Review review = mine(id);
    return new ModelAndView("documents/statistics-pack", packs.model(review, reviews, review.signed()));
  }

  @GetMapping(path = "/{id}/documents/{version}.pdf")
  ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String version) {
    AnnualReviews.Review review = mine(id);
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RequestRejectedException.notFound("Dokumentet finnes ikke.");
    }
    byte[] pdf = reviews.pdf(review.id(), number).orElseThrow(() -> RequestRejectedException.notFound(
        "Dokumentet finnes ikke."));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(review.reference() + "-v" + number + ".pdf").build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(pdf);
  }

  private AnnualReviews.Review mine(String id) {
    Actor actor = Actor.current();
    return reviews.find(uuid(id)).filter(review -> actor.municipalities().contains(review.municipality()))
        .orElseThrow(() -> RequestRejectedException.notFound("Gjennomgangen finnes ikke, eller den er ikke i"
            + " kommunen din."));
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw RequestRejectedException.notFound("Gjennomgangen finnes ikke.");
    }
  }

  private static ModelAndView redirect(AnnualReviews.Review review, String area) {
    return new ModelAndView("redirect:/app/reviews/" + review.id()
        + (area == null ? "" : "#" + anchor(area)));
  }

  static String anchor(String area) {
    return "omrade-" + (IndicatorReport.areas().indexOf(area) + 1);
  }

  private ModelAndView listPage(Actor actor, List<String> problems, HttpStatus status) {
    ModelAndView page = new ModelAndView("quality/reviews", status);
    page.addObject("reviews", reviews.list(actor.municipalities()).stream().map(review -> new ReviewRow(review,
        municipalities.nameOrNumber(review.municipality()), review.signed() ? "Signert" : "Pågår")).toList());
    page.addObject("municipalities", actor.municipalities().stream().sorted()
        .map(number -> new Option(number, municipalities.nameOrNumber(number))).toList());
    int thisYear = LocalDate.now(clock.withZone(Incidents.OSLO)).getYear();
    page.addObject("years", List.of(thisYear, thisYear - 1));
    page.addObject("problems", problems);
    return page;
  }

  private ModelAndView reviewPage(AnnualReviews.Review review, List<String> problems, HttpStatus status,
      String focusArea) {
    Actor actor = Actor.current();
    ModelAndView page = new ModelAndView("quality/review", status);
    List<IndicatorReport.Entry> entries = indicators.year(review.municipality(), review.year());
    Map<String, AnnualReviews.Area> judged = reviews.areas(review.id());
    List<AnnualReviews.Measure> measures = reviews.measures(review.id());
    List<AreaView> areas = IndicatorReport.areas().stream().map(area -> new AreaView(area, anchor(area),
        entries.stream().filter(entry -> entry.area().equals(area)).toList(), judged.get(area),
        measures.stream().filter(measure -> measure.area().equals(area)).toList())).toList();
    page.addObject("review", review);
    page.addObject("municipality", municipalities.nameOrNumber(review.municipality()));
    page.addObject("areas", areas);
    page.addObject("assessments", List.of(new Option("GOOD", AnnualReviews.ASSESSMENTS.get("GOOD")),
        new Option("WEAK", AnnualReviews.ASSESSMENTS.get("WEAK")),
        new Option("NEUTRAL", AnnualReviews.ASSESSMENTS.get("NEUTRAL"))));
    Map<String, String> ownerNames = new java.util.HashMap<>();
    measures.forEach(measure -> ownerNames.put(measure.owner(), reviews.personName(measure.owner())));
    page.addObject("ownerNames", ownerNames);
    page.addObject("owners", reviews.owners(review.municipality(), actor).entrySet().stream()
        .map(entry -> new Option(entry.getKey(), entry.getValue())).toList());
    page.addObject("indicatorOptions", IndicatorReport.names().entrySet().stream()
        .map(entry -> new Option(entry.getKey(), entry.getValue())).toList());
    page.addObject("statuses", AnnualReviews.MEASURE_STATUSES);
    page.addObject("readiness", review.signed() ? List.of() : reviews.readiness(review.id()));
    page.addObject("documents", reviews.documents(review.id()).stream().map(document -> new DocumentRow(
        document.version(), "PACK".equals(document.kind()) ? "Statistikkpakke" : "Signert gjennomgang",
        DATE_TIME.format(document.createdAt().atZone(Incidents.OSLO)), "timer".equals(document.createdBy())
            ? "Carepath (årlig start)" : reviews.personName(document.createdBy()), document.sha256()))
        .toList());
    Optional<AnnualReviews.Review> previous = reviews.previous(review);
    page.addObject("previous", previous.orElse(null));
    page.addObject("previousMeasures", previous.map(last -> reviews.measures(last.id())).orElse(List.of()));
    page.addObject("signedAt", review.signedAt() == null ? ""
        : DATE_TIME.format(review.signedAt().atZone(Incidents.OSLO)));
    page.addObject("signedBy", review.signedBy() == null ? "" : reviews.personName(review.signedBy()));
    page.addObject("problems", problems);
    page.addObject("focus", focusArea);
    page.addObject("today", LocalDate.now(clock.withZone(Incidents.OSLO)).toString());
    return page;
  }
}
