package no.carepath.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/episodes}: an episode for a nurse's or an integration's client (bearer token of a
 * DHO nurse or team leader): its state, and pause, resume and end. Reads are access-logged.
 */
@RestController
@RequestMapping("/api/episodes")
class EpisodeController {

  record PauseRequest(@NotNull(message = "until (dato pausen varer til) mangler.") LocalDate until,
      @NotBlank(message = "reason (hvorfor) mangler.") @Size(max = 500, message = "reason kan ha høyst 500 tegn.") String reason) {
  }

  record EndRequest(
      @NotBlank(message = "reason (hvorfor) mangler.") @Size(max = 500, message = "reason kan ha høyst 500 tegn.") String reason) {
  }

  /**
   * @param value in {@code unit}, the sign's canonical unit, with the precision it was sent with
   * @param sentValue and {@code sentUnit}: as sent, when that was another unit; else {@code null}
   */
  record ReadingView(String sign, java.math.BigDecimal value, String unit, java.math.BigDecimal sentValue, String sentUnit,
      String interpretation, String colour, Instant measuredAt) {
  }

  record DeviationView(String deviationId, String colour, String status, String summary, Instant openedAt, String outcome) {
  }

  record EpisodeState(String episodeId, String status, String phase, Integer activePlanVersion, String gpName,
      List<String> measuredSigns, List<ReadingView> readings, List<DeviationView> deviations, Integer news2) {
  }

  private final EpisodeViews views;
  private final FollowupService episodes;

  EpisodeController(EpisodeViews views, FollowupService episodes) {
    this.views = views;
    this.episodes = episodes;
  }

  @GetMapping("/{episodeId}")
  EpisodeState episode(@PathVariable String episodeId) {
    EpisodeViews.EpisodeView view = views.view(episodeId, Actor.current().municipalities(), "episode-api")
        .orElseThrow(() -> RequestRejectedException.notFound("Finner ingen episode " + episodeId
            + " i kommunene du har tilgang til."));
    EpisodeStore.EpisodeRow episode = view.episode();
    return new EpisodeState(episode.episodeId(), episode.status(), episode.phase(),
        view.activePlan().map(PlanStore.Plan::version).orElse(null), episode.gpName(),
        episode.measuredSigns().stream().map(Enum::name).toList(),
        view.readings().stream().map(reading -> new ReadingView(reading.sign().name(), reading.exact(),
            reading.sign().ucum(), reading.sentValue(), reading.sentUnit(), reading.interpretation().code(), reading.interpretation().colour().name(),
            reading.measuredAt())).toList(),
        view.deviations().stream().map(deviation -> new DeviationView(deviation.deviationId(), deviation.colour().name(),
            deviation.status(), deviation.summary(), deviation.openedAt(), deviation.outcome())).toList(),
        view.news2().map(score -> score.total()).orElse(null));
  }

  @PostMapping("/{episodeId}/pause")
  ResponseEntity<Void> pause(@PathVariable String episodeId, @Valid @RequestBody PauseRequest request) {
    episodes.pause(episodeId, request.until(), request.reason().strip());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{episodeId}/resume")
  ResponseEntity<Void> resume(@PathVariable String episodeId) {
    episodes.resume(episodeId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{episodeId}/end")
  ResponseEntity<Void> end(@PathVariable String episodeId, @Valid @RequestBody EndRequest request) {
    episodes.requestEnd(episodeId, request.reason().strip());
    return ResponseEntity.noContent().build();
  }
}
