package no.carepath.followup.readings;

import org.springframework.jdbc.core.JdbcTemplate;

/** A {@link ReadingStore} on a data source of the caller's choosing (benchmarks). */
public final class ReadingStores {

  private ReadingStores() {
  }

  public static ReadingStore on(JdbcTemplate jdbc) {
    return new ReadingStore(jdbc);
  }
}
