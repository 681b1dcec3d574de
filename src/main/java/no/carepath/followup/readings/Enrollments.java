package no.carepath.followup.readings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.followup.FollowupProperties;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.Thresholds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is enrolled for measuring, and the thresholds that apply to them. Thresholds are cached by
 * the episode's {@code thresholds_version}, which every lookup reads from the database, so a newly
 * approved plan applies to the next reading on every node.
 */
@Component
public class Enrollments {

  private record CachedThresholds(int version, ThresholdSet thresholds) {
  }

  private static final TypeReference<List<Thresholds>> THRESHOLD_LIST = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final List<Thresholds> defaults;
  private final Map<Integer, CachedThresholds> cache = new ConcurrentHashMap<>();

  Enrollments(JdbcClient jdbc, ObjectMapper json, FollowupProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.defaults = properties.defaults();
  }

  /** The open episodes of these patients, by national ID number. */
  public Map<String, Enrollment> byNationalIds(Collection<String> nationalIds) {
    if (nationalIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("""
            select p.national_id, e.episode_id, e.monitoring_key, e.status, e.municipality_number, e.thresholds_version
            from patient p join followup_episode e on e.patient_id = p.id
            where p.national_id in (:ids) and e.status in ('PLANNED', 'ACTIVE', 'ON_HOLD')
            """)
        .param("ids", List.copyOf(nationalIds))
        .query((row, number) -> new Enrollment(row.getString("national_id"), row.getString("episode_id"),
            (Integer) row.getObject("monitoring_key"), row.getString("status"), row.getString("municipality_number"),
            row.getInt("thresholds_version")))
        .list().stream().collect(Collectors.toMap(Enrollment::nationalId, Function.identity(), (a, b) -> a));
  }

  /** The thresholds that apply now: the active plan's over the municipality's defaults. */
  public ThresholdSet thresholds(Enrollment enrollment) {
    CachedThresholds cached = cache.get(enrollment.monitoringKey());
    if (cached != null && cached.version() == enrollment.thresholdsVersion()) {
      return cached.thresholds();
    }
    ThresholdSet loaded = ThresholdSet.of(defaults, activePlanThresholds(enrollment.episodeId()));
    cache.put(enrollment.monitoringKey(), new CachedThresholds(enrollment.thresholdsVersion(), loaded));
    return loaded;
  }

  /** The thresholds of the episode's active plan, empty before a plan is approved. */
  public List<Thresholds> activePlanThresholds(String episodeId) {
    return jdbc.sql("select thresholds::text from followup_plan where episode_id = :episodeId and status = 'ACTIVE'")
        .param("episodeId", episodeId).query(String.class).optional()
        .map(this::parse).orElse(List.of());
  }

  public List<Thresholds> defaults() {
    return defaults;
  }

  List<Thresholds> parse(String thresholdsJson) {
    try {
      return json.readValue(thresholdsJson, THRESHOLD_LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored thresholds are not readable", e);
    }
  }
}
