package no.carepath.metrics.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Municipalities;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The heatmap's parameters, its municipalities and its shares, without a database. */
class HeatmapsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final Actor BODO_MANAGER = new Actor("sigrid.holm", "Sigrid Holm",
      Set.of(CarepathGroups.MANAGERS, "municipality-1804"));

  private final HeatmapQuery query = mock(HeatmapQuery.class);
  private final RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
  private final Municipalities municipalities = new Municipalities();
  private Heatmaps heatmaps;

  @BeforeEach
  void setUp() {
    municipalities.getMunicipalities().put("1804", "Bodø");
    municipalities.getMunicipalities().put("1806", "Narvik");
    ProcessDefinitionQuery unknown = mock(ProcessDefinitionQuery.class);
    ProcessDefinitionQuery known = mock(ProcessDefinitionQuery.class);
    when(known.count()).thenReturn(2L);
    when(repository.createProcessDefinitionQuery().processDefinitionKey(anyString())).thenReturn(unknown);
    when(repository.createProcessDefinitionQuery().processDefinitionKey("followup-deviation")).thenReturn(known);
    heatmaps = new Heatmaps(query, repository, municipalities, Clock.fixed(NOW, ZoneId.of("Europe/Oslo")));
  }

  @Test
  void aManagerGetsHerOwnMunicipalityOverThePeriodSheChose() {
    when(query.rows(any(), any(), any(), any(), any())).thenReturn(List.of(
        new HeatmapQuery.Row("Task_HandleRedDeviation", "userTask", 8, 2, 600.0, 1500.0, 10, 4)));

    Heatmaps.Heatmap heatmap = heatmaps.heatmap("followup-deviation", "90", null, BODO_MANAGER);

    @SuppressWarnings("unchecked")
    ArgumentCaptor<Collection<String>> tenants = ArgumentCaptor.forClass(Collection.class);
    verify(query).rows(eq("followup-deviation"), eq(null), eq(NOW.minus(Duration.ofDays(90))), eq(NOW), tenants.capture());
    assertThat(tenants.getValue()).containsExactly("1804");
    assertThat(heatmap.municipalities()).containsExactly(new Heatmaps.Municipality("1804", "Bodø"));
    assertThat(heatmap.activities().get(0).overdueShare()).isEqualTo(0.4);
  }

  @Test
  void anAdministratorSeesEveryMunicipalityServed() {
    Actor admin = new Actor("lars.vik", "Lars Vik", Set.of(CarepathGroups.ADMINISTRATORS, "municipality-1804"));

    Heatmaps.Heatmap heatmap = heatmaps.heatmap("followup-deviation", "30", "", admin);

    assertThat(heatmap.municipalities()).extracting(Heatmaps.Municipality::number).containsExactly("1804", "1806");
    assertThat(heatmap.version()).isNull();
  }

  @Test
  void noDueDateMeansNoShareRatherThanZero() {
    when(query.rows(any(), any(), any(), any(), any())).thenReturn(List.of(
        new HeatmapQuery.Row("Gateway_DeviationColour", "exclusiveGateway", 5, 0, 0.0, 0.0, 0, 0)));

    assertThat(heatmaps.heatmap("followup-deviation", "365", null, BODO_MANAGER).activities().get(0).overdueShare())
        .isNull();
  }

  @Test
  void aPeriodOtherThan30Or90Or365IsRefusedInNorwegian() {
    for (String days : List.of("7", "abc", "-30", "030000", " ")) {
      RequestRejectedException refused = catchThrowableOfType(RequestRejectedException.class,
          () -> heatmaps.heatmap("followup-deviation", days, null, BODO_MANAGER));
      assertThat(refused.problems()).extracting(RequestRejectedException.FieldProblem::field).containsExactly("days");
      assertThat(refused.getMessage()).contains("30, 90 eller 365");
    }
    verify(query, never()).rows(any(), any(), any(), any(), any());
  }

  @Test
  void everyBadParameterIsNamedAtOnce() {
    RequestRejectedException refused = catchThrowableOfType(RequestRejectedException.class,
        () -> heatmaps.heatmap(null, null, null, BODO_MANAGER));

    assertThat(refused.problems()).extracting(RequestRejectedException.FieldProblem::field)
        .containsExactly("days", "process");
    assertThat(refused.getMessage()).isEqualTo("Forespørselen har 2 feil; se listen under.");
  }

  @Test
  void anUnknownProcessOrAVersionOfAnotherProcessIsRefused() {
    RequestRejectedException unknown = catchThrowableOfType(RequestRejectedException.class,
        () -> heatmaps.heatmap("no-such-process", "30", null, BODO_MANAGER));
    assertThat(unknown.getMessage()).isEqualTo("Det finnes ingen prosess med nøkkelen «no-such-process».");

    ProcessDefinition other = mock(ProcessDefinition.class);
    when(other.getKey()).thenReturn("allocation-case");
    when(repository.createProcessDefinitionQuery().processDefinitionId("allocation-case:3:abc").singleResult())
        .thenReturn(other);
    RequestRejectedException version = catchThrowableOfType(RequestRejectedException.class,
        () -> heatmaps.heatmap("followup-deviation", "30", "allocation-case:3:abc", BODO_MANAGER));
    assertThat(version.problems()).extracting(RequestRejectedException.FieldProblem::field).containsExactly("version");
    assertThat(version.getMessage()).contains("er ikke en versjon av prosessen «followup-deviation»");
  }
}
