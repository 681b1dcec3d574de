package no.carepath.followup.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * A patient's limits for one vital sign. The green range is {@code [yellowBelow, yellowAbove]};
 * a value strictly below {@code redBelow} or strictly above {@code redAbove} is red; otherwise a
 * value outside the green range is yellow. Any bound may be absent ({@code null}): no limit on that
 * side at that level.
 */
public record Thresholds(VitalSign sign, Double redBelow, Double yellowBelow, Double yellowAbove, Double redAbove) {

  /** What is wrong with these limits, in Norwegian, for the person who set them; empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Double[] ordered = {redBelow, yellowBelow, yellowAbove, redAbove};
    String[] names = {"rød nedre", "gul nedre", "gul øvre", "rød øvre"};
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] != null && !sign.isPlausible(ordered[i])) {
        problems.add(sign.label() + ": " + names[i] + " grense " + ordered[i] + " er utenfor mulige verdier ("
            + sign.plausibleMin() + "–" + sign.plausibleMax() + " " + sign.unitLabel() + ")");
      }
      for (int j = i + 1; j < ordered.length; j++) {
        if (ordered[i] != null && ordered[j] != null && ordered[i] > ordered[j]) {
          problems.add(sign.label() + ": " + names[i] + " grense (" + ordered[i] + ") kan ikke være høyere enn "
              + names[j] + " grense (" + ordered[j] + ")");
        }
      }
    }
    return problems;
  }

  /** Classifies one value against these limits. */
  public Interpretation classify(double value) {
    if (redBelow != null && value < redBelow) {
      return Interpretation.CRITICAL_LOW;
    }
    if (redAbove != null && value > redAbove) {
      return Interpretation.CRITICAL_HIGH;
    }
    if (yellowBelow != null && value < yellowBelow) {
      return Interpretation.LOW;
    }
    if (yellowAbove != null && value > yellowAbove) {
      return Interpretation.HIGH;
    }
    return Interpretation.NORMAL;
  }
}
