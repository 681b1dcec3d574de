package no.carepath.quality;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

import no.carepath.security.Municipalities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The yearly start of the annual management review: on the configured day (15 January) and in the
 * {@value #WINDOW_DAYS} days after it, every municipality Carepath serves gets its review of the year
 * before; a municipality that reviewed the year before that gets it whenever in the year Carepath
 * looks (it was down, or started later in the year). A platform first started in, say, December
 * does not start reviews of a year it did not run; a manager starts one on demand. Checked every hour,
 * so a platform that was down on the day starts it when it is back. A BPMN timer start event cannot
 * do this: every process instance belongs to a municipality, and a timer start has none. Safe on
 * several nodes: the review's unique key (municipality, year) lets one start win.
 */
@Component
class AnnualReviewSchedule {

  /** Days after the start day in which every municipality's review is started. */
  static final int WINDOW_DAYS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(AnnualReviewSchedule.class);

  private final AnnualReviews reviews;
  private final Municipalities municipalities;
  private final Clock clock;
  private final MonthDay startOn;

  AnnualReviewSchedule(AnnualReviews reviews, Municipalities municipalities, Clock clock,
      @Value("${carepath.quality.annual-review-start:--01-15}") String startOn) {
    this.reviews = reviews;
    this.municipalities = municipalities;
    this.clock = clock;
    this.startOn = MonthDay.parse(startOn);
  }

  /** Starts the reviews that are due; returns the references started. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
  List<String> startDue() {
    LocalDate today = LocalDate.now(clock.withZone(Incidents.OSLO));
    List<String> started = new ArrayList<>();
    if (MonthDay.from(today).isBefore(startOn)) {
      return started;
    }
    int year = today.getYear() - 1;
    boolean inWindow = !today.isAfter(startOn.atYear(today.getYear()).plusDays(WINDOW_DAYS));
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      if (!inWindow && !reviews.exists(municipality, year - 1)) {
        continue;
      }
      reviews.start(municipality, year, "timer").ifPresent(review -> started.add(review.reference()));
    }
    if (!started.isEmpty()) {
      LOG.info("Started the annual management review of {} for {} municipalities", year, started.size());
    }
    return started;
  }
}
