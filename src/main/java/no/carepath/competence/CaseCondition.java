package no.carepath.competence;

import java.util.Arrays;
import java.util.Optional;

/**
 * What about the patient can make a task require more ({@code competenceIf="insulin: diabetes-followup"}).
 * Each is answered from the patient's follow-up at the moment the task is created.
 */
public enum CaseCondition {
  INSULIN("insulin", "pasienten bruker insulin");

  private final String code;
  private final String label;

  CaseCondition(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  static Optional<CaseCondition> of(String code) {
    return Arrays.stream(values()).filter(condition -> condition.code.equals(code)).findFirst();
  }
}
