package no.carepath.followup;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Counts in the readings tables of one episode, for tests that assert what was stored and what was not. */
final class StoredReadings {

  private StoredReadings() {
  }

  static long readings(JdbcClient jdbc, String episodeId) {
    return jdbc.sql("""
            select count(*) from followup_reading r join followup_episode e on e.monitoring_key = r.monitoring_key
            where e.episode_id = :episodeId
            """)
        .param("episodeId", episodeId).query(Long.class).single();
  }

  static long deviationReadings(JdbcClient jdbc, String episodeId) {
    return jdbc.sql("""
            select count(*) from followup_deviation_reading dr join followup_deviation d on d.deviation_id = dr.deviation_id
            where d.episode_id = :episodeId
            """)
        .param("episodeId", episodeId).query(Long.class).single();
  }

  /** Deviation readings with no stored reading behind them, in the whole database: always 0. */
  static long deviationReadingsNotStored(JdbcClient jdbc) {
    return jdbc.sql("""
            select count(*) from followup_deviation_reading dr
            where not exists (select 1 from followup_reading r where r.id = dr.reading_id)
            """).query(Long.class).single();
  }
}
