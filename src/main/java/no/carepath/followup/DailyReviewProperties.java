package no.carepath.followup;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.followup.daily-review.*}: the daily review list of green patients. Its own record
 * beside {@link FollowupProperties} so that it has defaults and needs no line in every configuration.
 *
 * @param scheduled whether the schedule starts the day's lists (the integration tests start them themselves)
 * @param startTime the day's lists are started from this time of day (Oslo)
 * @param dueTime the task is due at this time of day, or at the end of the day when started later
 * @param interval the review interval: a green patient nobody has looked at for this long is listed
 */
@ConfigurationProperties("carepath.followup.daily-review")
record DailyReviewProperties(
    @DefaultValue("true") boolean scheduled,
    @DefaultValue("07:00") LocalTime startTime,
    @DefaultValue("15:00") LocalTime dueTime,
    @DefaultValue("P7D") Duration interval) {
}
