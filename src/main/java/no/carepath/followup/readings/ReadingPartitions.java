package no.carepath.followup.readings;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code followup_reading} (V19): made ahead, and dropped whole when every
 * reading in them is older than {@code carepath.followup.readings.retention}. Runs every night and
 * once shortly after start-up. Safe on several nodes at once: every change runs under one
 * transaction-scoped advisory lock (a node that does not get it leaves the round to the one that
 * has it), and making a month is idempotent ({@code followup_reading_add_month}).
 *
 * <p>Months are UTC months. A reading whose month has no partition lands in the default partition,
 * so none is ever refused; when its month's partition is made, it moves there. The log names
 * partitions and counts, never a patient.
 */
@Component
public class ReadingPartitions {

  private static final Logger LOG = LoggerFactory.getLogger(ReadingPartitions.class);
  private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext('followup_reading_partitions'))";
  private static final Pattern MONTH = Pattern.compile("followup_reading_(\\d{4})_(\\d{2})");

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ReadingRetentionProperties properties;
  private final Counter partitionsDropped;
  private final Counter readingsExpired;

  ReadingPartitions(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
      ReadingRetentionProperties properties, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.properties = properties;
    this.partitionsDropped = Counter.builder("carepath.readings.partitions.dropped")
        .description("Monthly partitions of readings dropped because they were older than the retention period")
        .register(meters);
    this.readingsExpired = Counter.builder("carepath.readings.expired")
        .description("Readings removed because they were older than the retention period").register(meters);
  }

  /** What one round of retention removed. */
  public record Expired(List<String> partitions, long readings) {
  }

  @Scheduled(cron = "${carepath.followup.readings.maintenance-schedule:0 40 2 * * *}", zone = "Europe/Oslo")
  @Scheduled(initialDelayString = "${carepath.followup.readings.maintenance-first-run:PT15S}")
  void scheduled() {
    try {
      makeAhead();
      expire();
    } catch (RuntimeException e) {
      // nothing is half done (each step is one transaction); the next round tries again
      LOG.warn("Maintenance of the readings partitions failed; the next round tries again: {}", e.toString());
    }
  }

  /** Makes the partitions of this month and the months ahead that are missing; returns their names. */
  public List<String> makeAhead() {
    YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    List<String> made = new ArrayList<>();
    for (int i = 0; i <= properties.monthsAhead(); i++) {
      YearMonth month = now.plusMonths(i);
      if (makeMonth(month)) {
        made.add(name(month));
      }
    }
    if (!made.isEmpty()) {
      LOG.info("Made the readings partitions {}", made);
    }
    return made;
  }

  /**
   * Makes one month's partition (moving its readings out of the default partition); {@code false}
   * when it exists, or another node is at work on the partitions now.
   */
  public boolean makeMonth(YearMonth month) {
    return Boolean.TRUE.equals(transactions.execute(status -> {
      if (!locked()) {
        return false;
      }
      return jdbc.sql("select followup_reading_add_month(:month)").param("month", month.atDay(1))
          .query(Boolean.class).single();
    }));
  }

  /** Removes the readings older than the retention period, as of now. */
  public Expired expire() {
    Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(properties.retention()).toInstant();
    return expireBefore(cutoff);
  }

  /**
   * Detaches and drops every monthly partition that ends at or before {@code cutoff} (each in a
   * transaction of its own), and deletes the readings measured before it from the default partition;
   * a reading measured at or after the cutoff is never touched.
   */
  public Expired expireBefore(Instant cutoff) {
    List<String> dropped = new ArrayList<>();
    long readings = 0;
    for (String partition : monthPartitions()) {
      YearMonth month = month(partition);
      if (month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
        continue;
      }
      Long count = transactions.execute(status -> drop(partition));
      if (count != null) {
        dropped.add(partition);
        readings += count;
        partitionsDropped.increment();
        readingsExpired.increment(count);
        LOG.info("Dropped the readings partition {} ({} readings), older than the retention period of {}",
            partition, count, properties.retention());
      }
    }
    Long fromDefault = transactions.execute(status -> locked() ? jdbc.sql("""
        with gone as (delete from followup_reading_default where measured_at < :cutoff returning id),
        ids as (delete from followup_reading_id k using gone where k.id = gone.id)
        select count(*) from gone""")
        .param("cutoff", Timestamp.from(cutoff)).query(Long.class).single() : 0L);
    if (fromDefault != null && fromDefault > 0) {
      readings += fromDefault;
      readingsExpired.increment(fromDefault);
      LOG.info("Deleted {} readings measured before {} from the default readings partition", fromDefault, cutoff);
    }
    return new Expired(dropped, readings);
  }

  /** Detaches, empties of ids and drops one partition; its reading count, or null when locked out. */
  private Long drop(String partition) {
    if (!locked()) {
      return null;
    }
    // detaching locks the parent against every reader and writer: wait briefly, else try again tomorrow
    jdbc.sql("set local lock_timeout = '5s'").update();
    jdbc.sql("alter table followup_reading detach partition " + partition).update();
    long count = jdbc.sql("select count(*) from " + partition).query(Long.class).single();
    // the values as sent go with their ids (on delete cascade)
    jdbc.sql("delete from followup_reading_id k using " + partition + " p where k.id = p.id").update();
    jdbc.sql("drop table " + partition).update();
    return count;
  }

  /** The monthly partitions attached now, oldest first. */
  public List<String> monthPartitions() {
    return jdbc.sql("""
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'followup_reading'::regclass order by c.relname""")
        .query(String.class).list().stream().filter(name -> MONTH.matcher(name).matches()).toList();
  }

  private boolean locked() {
    return Boolean.TRUE.equals(jdbc.sql(LOCK).query(Boolean.class).single());
  }

  static String name(YearMonth month) {
    return "followup_reading_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
  }

  static YearMonth month(String partition) {
    Matcher matcher = MONTH.matcher(partition);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a monthly readings partition");
    }
    return YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }
}
