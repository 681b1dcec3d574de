package no.carepath.followup.readings;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.followup.readings.*}: how long readings are kept, and how far ahead their monthly
 * partitions are made (see {@link ReadingPartitions}).
 *
 * @param retention readings measured longer ago than this go, a whole month at a time; ten years by
 *     default, the journal's minimum keeping period: the readings behind a nurse's decision can be
 *     shown for as long as the journal note about it must be kept
 * @param monthsAhead the partitions of this month and of this many months after it are made ahead
 */
@ConfigurationProperties("carepath.followup.readings")
record ReadingRetentionProperties(
    @DefaultValue("P10Y") Period retention,
    @DefaultValue("3") int monthsAhead) {

  ReadingRetentionProperties {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("carepath.followup.readings.retention must be positive");
    }
    if (monthsAhead < 1) {
      throw new IllegalArgumentException("carepath.followup.readings.months-ahead must be at least 1");
    }
  }
}
