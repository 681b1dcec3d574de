package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import no.carepath.IntegrationTest;
import no.carepath.followup.readings.Deviations;
import no.carepath.followup.triage.Colour;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many deviations at once, as when a monitoring platform's backlog arrives: {@link DeviationSignals}
 * takes them several to a transaction, and still every deviation gets exactly one
 * {@code followup-deviation} process and one nurse task with its candidate group, priority, due
 * date and required competence, and is marked signalled.
 */
class DeviationSignalsIT extends IntegrationTest {

  private static final int DEVIATIONS = 45;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  Deviations deviations;

  @Autowired
  TransactionTemplate transaction;

  @Test
  void aBurstOfNewDeviationsGivesEachExactlyOneTaskWithGroupPriorityDueDateAndCompetence() {
    List<String> episodes = enrolledEpisodes(DEVIATIONS);
    List<String> opened = transaction.execute(status -> {
      List<String> ids = new ArrayList<>();
      for (String episode : episodes) {
        // a NEWS2 deviation: a READING deviation must have a stored reading behind it (ReadingsPropertyIT's promise)
        ids.add(deviations.recordOther(episode, "NEWS2", Colour.RED, "NEWS2 7 (rød)", null).deviationId());
      }
      return ids;
    });
    assertThat(opened).hasSize(DEVIATIONS).doesNotHaveDuplicates();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
        select count(*) from followup_deviation where deviation_id = any(:ids) and signalled_colour = 'RED'
        """).param("ids", opened.toArray(String[]::new)).query(Long.class).single() == DEVIATIONS);

    List<Map<String, Object>> tasks = jdbc.sql("""
            select p.business_key_ as deviation, t.task_def_key_ as task, t.priority_ as priority, t.due_date_ as due,
              (select string_agg(l.group_id_, ',' order by l.group_id_) from act_ru_identitylink l
                where l.task_id_ = t.id_ and l.type_ = 'candidate') as groups,
              (select v.text_ from act_ru_variable v where v.task_id_ = t.id_ and v.name_ = 'requiredCompetences')
                as competence
            from act_ru_execution p join act_ru_task t on t.proc_inst_id_ = p.id_
            where p.parent_id_ is null and p.business_key_ = any(:ids)
            """).param("ids", opened.toArray(String[]::new)).query().listOfRows();
    assertThat(tasks).hasSize(DEVIATIONS);
    assertThat(tasks).extracting(row -> row.get("deviation")).containsExactlyInAnyOrderElementsOf(opened);
    assertThat(tasks).allSatisfy(row -> {
      assertThat(row.get("task")).isEqualTo("Task_HandleRedDeviation");
      assertThat(((Number) row.get("priority")).intValue()).isEqualTo(100);
      assertThat(row.get("due")).isNotNull();
      // the nurses, and (competence module) those of the municipality who hold red triage
      assertThat(row.get("groups")).isEqualTo("home-follow-up-nurses,kompetanse-1804-dho-red-triage");
      assertThat(row.get("competence")).isEqualTo("dho-red-triage");
    });
    assertThat(jdbc.sql("""
        select count(*) from act_ru_execution where parent_id_ is null and business_key_ = any(:ids)
        """).param("ids", opened.toArray(String[]::new)).query(Long.class).single()).isEqualTo(DEVIATIONS);
  }

  /** Episodes in follow-up written directly, as the pathway benchmark does: the processes are not what is tested. */
  private List<String> enrolledEpisodes(int count) {
    return no.carepath.cluster.Cluster.enrol(jdbc, count, java.time.Duration.ofDays(1), 4, 3).stream()
        .map(no.carepath.cluster.Cluster.Patient::episodeId).toList();
  }
}
