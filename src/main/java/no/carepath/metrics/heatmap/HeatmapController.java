package no.carepath.metrics.heatmap;

import no.carepath.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/metrics/heatmap?process=<key>&days=<30|90|365>[&version=<definition id>]}: per activity of
 * the process, how many instances passed and wait now, the median and 90th-percentile duration and the share
 * overdue, over the caller's municipalities (bearer token; process owners, managers, administrators). The
 * parameters are read as text so that every bad one is answered in Norwegian ({@link Heatmaps}).
 */
@RestController
@RequestMapping(path = "/api/metrics/heatmap", produces = MediaType.APPLICATION_JSON_VALUE)
class HeatmapController {

  private final Heatmaps heatmaps;

  HeatmapController(Heatmaps heatmaps) {
    this.heatmaps = heatmaps;
  }

  @GetMapping
  Heatmaps.Heatmap heatmap(@RequestParam(required = false) String process, @RequestParam(required = false) String days,
      @RequestParam(required = false) String version) {
    return heatmaps.heatmap(process, days, version, Actor.current());
  }
}
