package no.carepath.followup.triage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One municipality's clinical floors, one per vital sign that gets a threshold proposal. Every such sign
 * must have one: a proposal cannot be made without its floor, so no path proposes limits that are not
 * bounded by it.
 */
public final class ClinicalFloors {

  private final Map<VitalSign, ClinicalFloor> bySign;

  private ClinicalFloors(Map<VitalSign, ClinicalFloor> bySign) {
    this.bySign = bySign;
  }

  /**
   * @throws IllegalArgumentException when a sign that gets proposals has no floor, or a sign has two
   */
  public static ClinicalFloors of(Collection<ClinicalFloor> floors) {
    Map<VitalSign, ClinicalFloor> bySign = new EnumMap<>(VitalSign.class);
    for (ClinicalFloor floor : floors) {
      if (bySign.put(floor.sign(), floor) != null) {
        throw new IllegalArgumentException("Two clinical floors for " + floor.sign());
      }
    }
    List<VitalSign> missing = new ArrayList<>();
    for (VitalSign sign : VitalSign.values()) {
      if (ThresholdProposal.minimumWidth(sign).isPresent() && !bySign.containsKey(sign)) {
        missing.add(sign);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("No clinical floor for " + missing + ": every sign that gets a threshold"
          + " proposal needs one");
    }
    return new ClinicalFloors(Collections.unmodifiableMap(bySign));
  }

  /** The floor of a sign; present for every sign that gets proposals. */
  public Optional<ClinicalFloor> of(VitalSign sign) {
    return Optional.ofNullable(bySign.get(sign));
  }

  public Collection<ClinicalFloor> all() {
    return bySign.values();
  }

  /**
   * Population limits (the municipality's defaults) that are tighter than the absolute floors, each as
   * "PULSE: gul over 85 (gulvet er 90 slag/min)", for the operator who configured them; empty when none is.
   */
  public List<String> defaultsTighterThanFloors(Collection<Thresholds> defaults) {
    List<String> problems = new ArrayList<>();
    for (Thresholds limits : defaults) {
      of(limits.sign()).ifPresent(floor -> floor.tighterThan(limits, null)
          .forEach(tighter -> problems.add(limits.sign() + ": " + tighter)));
    }
    return problems;
  }
}
