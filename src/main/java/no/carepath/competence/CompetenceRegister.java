package no.carepath.competence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import no.carepath.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register (tables {@code competence}, {@code competence_holding}, {@code competence_log}): what
 * each person holds, per municipality, at which level, from and until when, verified by whom. Every
 * change is logged with who made it. The catalogue is copied into {@code competence} at start; a code
 * that left the catalogue stays, inactive, for the history.
 */
@Component
public class CompetenceRegister {

  /** One person's holding of one competence in one municipality. */
  public record Holding(String userId, String municipality, String code, Level level, LocalDate validFrom,
      LocalDate validUntil, String verifiedBy, Instant verifiedAt) {

    public boolean validOn(LocalDate day) {
      return !validFrom.isAfter(day) && (validUntil == null || !validUntil.isBefore(day));
    }

    public String name() {
      return CompetenceCatalogue.name(code);
    }
  }

  /** One change of the register. */
  public record Change(Instant at, String changedBy, String userId, String municipality, String code, String change,
      String oldLevel, String newLevel, LocalDate oldValidUntil, LocalDate newValidUntil, String note) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  CompetenceRegister(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    syncCatalogue();
  }

  private void syncCatalogue() {
    for (Competence competence : CompetenceCatalogue.all()) {
      jdbc.sql("""
              insert into competence (code, name, description, expires, validity_months, active)
              values (:code, :name, :description, :expires, :months, true)
              on conflict (code) do update set name = excluded.name, description = excluded.description,
                expires = excluded.expires, validity_months = excluded.validity_months, active = true
              """)
          .param("code", competence.code()).param("name", competence.name()).param("description", competence.description())
          .param("expires", competence.expires()).param("months", competence.validityMonths()).update();
    }
    jdbc.sql("update competence set active = false where not (code = any(cast(:codes as varchar[])))")
        .param("codes", "{" + String.join(",", CompetenceCatalogue.all().stream().map(Competence::code).toList()) + "}")
        .update();
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** The holdings of one person in one municipality (every municipality when it is null). */
  public List<Holding> holdings(String userId, String municipality) {
    return jdbc.sql("select * from competence_holding where user_id = :user"
            + (municipality == null ? "" : " and municipality_number = :municipality") + " order by competence_code")
        .param("user", userId).param("municipality", municipality).query(CompetenceRegister::holding).list();
  }

  /** Every holding in a municipality. */
  public List<Holding> municipality(String municipality) {
    return jdbc.sql("select * from competence_holding where municipality_number = :municipality"
            + " order by user_id, competence_code")
        .param("municipality", municipality).query(CompetenceRegister::holding).list();
  }

  public Optional<Holding> holding(String userId, String municipality, String code) {
    return jdbc.sql("select * from competence_holding where user_id = :user and municipality_number = :municipality"
            + " and competence_code = :code")
        .param("user", userId).param("municipality", municipality).param("code", code)
        .query(CompetenceRegister::holding).optional();
  }

  /** The holdings that end between today and {@code until}, both included. */
  public List<Holding> expiring(LocalDate until) {
    return jdbc.sql("select * from competence_holding where valid_until between :today and :until order by valid_until")
        .param("today", Date.valueOf(today())).param("until", Date.valueOf(until))
        .query(CompetenceRegister::holding).list();
  }

  /** Adds or changes a holding; logged. */
  @Transactional
  public void put(Actor by, Holding holding, String note) {
    Optional<Holding> before = holding(holding.userId(), holding.municipality(), holding.code());
    jdbc.sql("""
            insert into competence_holding (user_id, municipality_number, competence_code, level, valid_from, valid_until,
              verified_by, verified_at)
            values (:user, :municipality, :code, :level, :from, :until, :by, :at)
            on conflict (user_id, municipality_number, competence_code) do update set level = excluded.level,
              valid_from = excluded.valid_from, valid_until = excluded.valid_until, verified_by = excluded.verified_by,
              verified_at = excluded.verified_at
            """)
        .param("user", holding.userId()).param("municipality", holding.municipality()).param("code", holding.code())
        .param("level", holding.level().name()).param("from", Date.valueOf(holding.validFrom()))
        .param("until", holding.validUntil() == null ? null : Date.valueOf(holding.validUntil()))
        .param("by", by.id()).param("at", Timestamp.from(clock.instant())).update();
    log(by, holding.userId(), holding.municipality(), holding.code(), before.isPresent() ? "CHANGED" : "ADDED",
        before.map(Holding::level).orElse(null), holding.level(), before.map(Holding::validUntil).orElse(null),
        holding.validUntil(), note);
  }

  /** Removes a holding; logged. Whether there was one. */
  @Transactional
  public boolean remove(Actor by, String userId, String municipality, String code, String note) {
    Optional<Holding> before = holding(userId, municipality, code);
    if (before.isEmpty()) {
      return false;
    }
    jdbc.sql("delete from competence_holding where user_id = :user and municipality_number = :municipality"
            + " and competence_code = :code")
        .param("user", userId).param("municipality", municipality).param("code", code).update();
    log(by, userId, municipality, code, "REMOVED", before.get().level(), null, before.get().validUntil(), null, note);
    return true;
  }

  /** The latest changes in a municipality, newest first. */
  public List<Change> log(String municipality, int limit) {
    return jdbc.sql("select * from competence_log where municipality_number = :municipality order by at desc, id desc"
            + " limit :limit")
        .param("municipality", municipality).param("limit", limit)
        .query((row, n) -> new Change(row.getTimestamp("at").toInstant(), row.getString("changed_by"),
            row.getString("user_id"), row.getString("municipality_number"), row.getString("competence_code"),
            row.getString("change"), row.getString("old_level"), row.getString("new_level"),
            localDate(row, "old_valid_until"), localDate(row, "new_valid_until"), row.getString("note")))
        .list();
  }

  private void log(Actor by, String userId, String municipality, String code, String change, Level oldLevel,
      Level newLevel, LocalDate oldUntil, LocalDate newUntil, String note) {
    jdbc.sql("""
            insert into competence_log (at, changed_by, user_id, municipality_number, competence_code, change, old_level,
              new_level, old_valid_until, new_valid_until, note)
            values (:at, :by, :user, :municipality, :code, :change, :oldLevel, :newLevel, :oldUntil, :newUntil, :note)
            """)
        .param("at", Timestamp.from(clock.instant())).param("by", by.id()).param("user", userId)
        .param("municipality", municipality).param("code", code).param("change", change)
        .param("oldLevel", oldLevel == null ? null : oldLevel.name()).param("newLevel", newLevel == null ? null : newLevel.name())
        .param("oldUntil", oldUntil == null ? null : Date.valueOf(oldUntil))
        .param("newUntil", newUntil == null ? null : Date.valueOf(newUntil)).param("note", note).update();
  }

  static Holding holding(ResultSet row, int n) throws SQLException {
    return new Holding(row.getString("user_id"), row.getString("municipality_number"), row.getString("competence_code"),
        Level.valueOf(row.getString("level")), row.getDate("valid_from").toLocalDate(), localDate(row, "valid_until"),
        row.getString("verified_by"), row.getTimestamp("verified_at").toInstant());
  }

  private static LocalDate localDate(ResultSet row, String column) throws SQLException {
    Date date = row.getDate(column);
    return date == null ? null : date.toLocalDate();
  }
}
