package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import no.carepath.followup.triage.ClinicalFloor;
import no.carepath.followup.triage.ConfiguredFloors;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

class ClinicalFloorPropertiesTest {

  @Test
  void theConfiguredDefaultThresholdsAreNotTighterThanAnyFloor() throws Exception {
    List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
        new ClassPathResource("application.yaml"));
    Map<VitalSign, FollowupProperties.Bounds> defaults = new Binder(ConfigurationPropertySources.from(yaml))
        .bind("carepath.followup.default-thresholds", Bindable.mapOf(VitalSign.class, FollowupProperties.Bounds.class))
        .get();
    List<Thresholds> limits = new ArrayList<>();
    defaults.forEach((sign, bounds) -> limits.add(new Thresholds(sign, bounds.redBelow(), bounds.yellowBelow(),
        bounds.yellowAbove(), bounds.redAbove())));

    assertThat(limits).hasSizeGreaterThan(5);
    assertThat(ConfiguredFloors.defaults().defaultsTighterThanFloors(limits)).isEmpty();
  }

  @Test
  void everySignThatGetsProposalsHasAConfiguredFloorWithAReason() {
    for (VitalSign sign : VitalSign.values()) {
      if (no.carepath.followup.triage.ThresholdProposal.minimumWidth(sign).isPresent()) {
        ClinicalFloor floor = ConfiguredFloors.defaults().of(sign).orElseThrow();
        assertThat(floor.reason()).as("%s", sign).hasSizeGreaterThan(40).doesNotContain("\n");
        assertThat(floor.yellowMargin()).as("%s", sign).isPositive();
      }
    }
  }

  @Test
  void aMunicipalitysFloorReplacesThatSignAsAWholeAndOtherSignsKeepTheDefaults() {
    Map<String, Object> properties = new java.util.HashMap<>();
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.PULSE.red-below", "35");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.PULSE.red-above", "140");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.PULSE.yellow-margin", "12");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.PULSE.red-margin", "20");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.PULSE.reason", "Narviks legevakt ønsker det slik");

    ClinicalFloorProperties bound = bind(properties);

    ClinicalFloor narvik = bound.forMunicipality("1806").of(VitalSign.PULSE).orElseThrow();
    assertThat(narvik).isEqualTo(new ClinicalFloor(VitalSign.PULSE, 35.0, null, null, 140.0, 12, 20,
        "Narviks legevakt ønsker det slik"));
    assertThat(bound.forMunicipality("1806").of(VitalSign.SYSTOLIC_BP))
        .isEqualTo(ConfiguredFloors.defaults().of(VitalSign.SYSTOLIC_BP));
    assertThat(bound.forMunicipality("1804").of(VitalSign.PULSE)).isEqualTo(ConfiguredFloors.defaults().of(VitalSign.PULSE));
    assertThat(bound.forMunicipality(null).of(VitalSign.PULSE)).isEqualTo(ConfiguredFloors.defaults().of(VitalSign.PULSE));
  }

  @Test
  void aFloorThatCouldDisorderLimitsStopsTheApplicationNamingTheSign() {
    Map<String, Object> properties = new java.util.HashMap<>();
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.GLUCOSE.yellow-below", "5.0");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.GLUCOSE.yellow-margin", "1.5");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.GLUCOSE.red-margin", "3");
    properties.put("carepath.followup.clinical-floors-by-municipality.1806.GLUCOSE.reason", "uten rødt gulv");

    assertThatThrownBy(() -> bind(properties)).isInstanceOf(BindException.class)
        .rootCause().hasMessageContaining("GLUCOSE").hasMessageContaining("red-below floor");
  }

  @Test
  void defaultThresholdsTighterThanAFloorStopTheApplication() {
    Map<VitalSign, FollowupProperties.Bounds> defaults = new EnumMap<>(VitalSign.class);
    defaults.put(VitalSign.PULSE, new FollowupProperties.Bounds(41.0, 51.0, 85.0, 130.0));
    FollowupProperties tight = FollowupFixtures.properties();
    tight = new FollowupProperties(tight.startupPlanningDeadline(), tight.homeVisitDeadline(), tight.trialPeriod(),
        tight.thresholdProposalDeadline(), tight.evaluationDeadline(), tight.redResponseTime(),
        tight.redResponseTimeByMunicipality(), tight.yellowDueTime(), tight.unhandledFollowUpDeadline(),
        tight.acuteFollowUpDeadline(), tight.missedReadingGrace(), tight.missedReadingCheckInterval(),
        tight.news2Window(), defaults, tight.monitoringPlatform());
    FollowupProperties withTightDefaults = tight;

    assertThatThrownBy(() -> new ThresholdPreviews(ConfiguredFloors.properties(), withTightDefaults,
        Clock.systemUTC(), null))
        .hasMessageContaining("default-thresholds are tighter than the clinical floors")
        .hasMessageContaining("PULSE: gul over 85 (gulvet er 90 slag/min)");
  }

  /** The configured floors with these properties over them, bound as Spring binds them. */
  private static ClinicalFloorProperties bind(Map<String, Object> overrides) {
    try {
      List<PropertySource<?>> sources = new ArrayList<>();
      sources.add(new MapPropertySource("test", overrides));
      sources.addAll(new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml")));
      return new Binder(ConfigurationPropertySources.from(sources))
          .bind("carepath.followup", ClinicalFloorProperties.class).get();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
