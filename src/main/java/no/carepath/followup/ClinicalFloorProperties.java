package no.carepath.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import no.carepath.followup.triage.ClinicalFloor;
import no.carepath.followup.triage.ClinicalFloors;
import no.carepath.followup.triage.VitalSign;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code carepath.followup.clinical-floors.<SIGN>} and
 * {@code carepath.followup.clinical-floors-by-municipality.<number>.<SIGN>}: the tightest threshold
 * limits a proposal may have, per vital sign (see {@link ClinicalFloor}; the reasoning of the defaults is
 * in {@code docs/thresholds.md}). A municipality's entry for a sign replaces the default of that sign as a
 * whole, reason included, so a number never travels with another number's reason; signs it does not name
 * keep the defaults. Invalid floors stop the application at start-up.
 *
 * @param clinicalFloors the defaults, one per sign that gets proposals
 * @param clinicalFloorsByMunicipality municipality number to the signs it sets otherwise
 */
@Validated
@ConfigurationProperties("carepath.followup")
public record ClinicalFloorProperties(
    @NotEmpty Map<VitalSign, Floor> clinicalFloors,
    Map<String, Map<VitalSign, Floor>> clinicalFloorsByMunicipality) {

  /** One sign's floor in configuration (see {@link ClinicalFloor} for the meaning). */
  public record Floor(Double redBelow, Double yellowBelow, Double yellowAbove, Double redAbove,
      @NotNull Double yellowMargin, @NotNull Double redMargin, @NotBlank String reason) {
  }

  public ClinicalFloorProperties {
    if (clinicalFloors == null || clinicalFloors.isEmpty()) {
      throw new IllegalArgumentException("carepath.followup.clinical-floors is required: one floor per vital sign");
    }
    clinicalFloorsByMunicipality = clinicalFloorsByMunicipality == null ? Map.of() : clinicalFloorsByMunicipality;
    // fail at start-up, naming the sign, rather than at the first proposal
    merge(clinicalFloors, Map.of());
    for (Map<VitalSign, Floor> overrides : clinicalFloorsByMunicipality.values()) {
      merge(clinicalFloors, overrides);
    }
  }

  /** The floors of one municipality: its own signs over the defaults. */
  public ClinicalFloors forMunicipality(String municipalityNumber) {
    return merge(clinicalFloors, municipalityNumber == null ? Map.of()
        : clinicalFloorsByMunicipality.getOrDefault(municipalityNumber, Map.of()));
  }

  private static ClinicalFloors merge(Map<VitalSign, Floor> defaults, Map<VitalSign, Floor> overrides) {
    Map<VitalSign, Floor> merged = new java.util.EnumMap<>(VitalSign.class);
    merged.putAll(defaults);
    merged.putAll(overrides);
    List<ClinicalFloor> floors = new ArrayList<>();
    merged.forEach((sign, floor) -> floors.add(new ClinicalFloor(sign, floor.redBelow(), floor.yellowBelow(),
        floor.yellowAbove(), floor.redAbove(), floor.yellowMargin() == null ? 0 : floor.yellowMargin(),
        floor.redMargin() == null ? 0 : floor.redMargin(), floor.reason())));
    return ClinicalFloors.of(floors);
  }
}
