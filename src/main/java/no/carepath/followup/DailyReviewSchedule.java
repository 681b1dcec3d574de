package no.carepath.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import no.carepath.security.Municipalities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily start of the review list of green patients: from the configured time of day (07:00),
 * every municipality Carepath serves gets its list of the day, once. Checked every quarter of an
 * hour, so a platform that was down in the morning starts the day's lists when it is back; a day the
 * platform did not run gets no list (its patients are still unlooked and come on the next one). A
 * BPMN timer start event cannot do this: every instance belongs to a municipality, and a timer start
 * has none. Safe on several nodes: the list's unique key (municipality, day) lets one start win.
 */
@Component
class DailyReviewSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(DailyReviewSchedule.class);

  private final DailyReviews reviews;
  private final Municipalities municipalities;
  private final DailyReviewProperties properties;
  private final Clock clock;

  DailyReviewSchedule(DailyReviews reviews, Municipalities municipalities, DailyReviewProperties properties,
      Clock clock) {
    this.reviews = reviews;
    this.municipalities = municipalities;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT3M")
  void onSchedule() {
    if (properties.scheduled()) {
      startDue();
    }
  }

  /** Starts the day's lists not yet started; returns their references. */
  List<String> startDue() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    List<String> started = new ArrayList<>();
    if (now.toLocalTime().isBefore(properties.startTime())) {
      return started;
    }
    LocalDate today = now.toLocalDate();
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      reviews.start(municipality, today).ifPresent(started::add);
    }
    if (!started.isEmpty()) {
      LOG.info("Started the daily review of green patients for {} municipalities", started.size());
    }
    return started;
  }
}
