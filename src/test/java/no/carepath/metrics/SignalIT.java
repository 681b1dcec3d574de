package no.carepath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import no.carepath.IntegrationTest;
import no.carepath.Today;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signals that find the leader, on PostgreSQL and the engine: a seeded worsening signal (the latest
 * week's red response time far above the control limit) gives exactly one «Vurder signal» task for
 * the municipality's team leaders; looking again while it is open gives no second; once assessed,
 * the same week never gives another, and the assessment closes the signal.
 */
class SignalIT extends IntegrationTest {

  static final String TOWN = "5003";

  @Autowired
  JdbcClient jdbc;
  @Autowired
  SignalWatch watch;
  @Autowired
  TaskService tasks;

  @Test
  void aWorseningSignalGivesExactlyOneTaskAndNoFlood() {
    LocalDate thisWeek = IndicatorSeries.Period.WEEK.start(Today.date());
    for (int week = 20; week >= 1; week--) {
      double hours = week == 1 ? 3.0 : 0.30 + (week % 3) * 0.02;
      jdbc.sql("""
          insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value, flag)
          values ('deviation_handled', :id, :town, :day, 'RED', 'CONTACTED', :hours, true)""")
          .param("id", "it/" + UUID.randomUUID()).param("town", TOWN)
          .param("day", Date.valueOf(thisWeek.minusWeeks(week).plusDays(2))).param("hours", hours).update();
    }

    List<UUID> opened = watch.check(Set.of(TOWN));

    List<Map<String, Object>> signals = jdbc.sql("select * from metrics_signal where municipality_number = :town")
        .param("town", TOWN).query().listOfRows();
    // the median's signal, once; the 90th percentile of the same one fact a week signals on its own chart
    assertThat(signals).extracting(row -> row.get("indicator")).containsOnlyOnce(Indicators.RED_RESPONSE_TIME)
        .doesNotHaveDuplicates();
    assertThat(opened).hasSameSizeAs(signals);
    Map<String, Object> signal = signals.stream()
        .filter(row -> row.get("indicator").equals(Indicators.RED_RESPONSE_TIME)).findFirst().orElseThrow();
    assertThat(signal.get("status")).isEqualTo("OPEN");
    assertThat((String) signal.get("rule")).contains("over øvre kontrollgrense").contains("3 timer");
    assertThat(((Date) signal.get("latest_period")).toLocalDate()).isEqualTo(thisWeek.minusWeeks(1));
    UUID id = (UUID) signal.get("id");
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(id.toString()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_AssessSignal");
    assertThat(task.getTenantId()).isEqualTo(TOWN);
    assertThat(task.getDueDate()).isNotNull();
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("team-leaders"));
    assertThat(tasks.getVariables(task.getId())).containsEntry("signalIndicator", "Svartid på røde avvik, median")
        .containsEntry("signalChartUrl", "/app/metrics/red-response-time?municipality=" + TOWN);

    // the same signal again while the task is open: no second task
    assertThat(watch.check(Set.of(TOWN))).isEmpty();
    assertThat(tasks.createTaskQuery().processDefinitionKey("metrics-signal").tenantIdIn(TOWN).count())
        .isEqualTo(signals.size());

    tasks.complete(task.getId(), Map.of("signalAssessment", "KNOWN_CAUSE",
        "signalReason", "To sykepleiere var syke samme uke; vikar er på plass."));
    Map<String, Object> closed = jdbc.sql("select * from metrics_signal where id = :id").param("id", id)
        .query().singleRow();
    assertThat(closed.get("status")).isEqualTo("CLOSED");
    assertThat(closed.get("assessment")).isEqualTo("KNOWN_CAUSE");
    // assessed: the same week never gives another task
    assertThat(watch.check(Set.of(TOWN))).isEmpty();
    assertThat(tasks.createTaskQuery().processDefinitionKey("metrics-signal").tenantIdIn(TOWN).count())
        .isEqualTo(signals.size() - 1);
  }
}
