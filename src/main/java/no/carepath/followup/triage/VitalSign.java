package no.carepath.followup.triage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a patient measures at home, with the codes of the Norwegian welfare-technology (VKP) and PMD
 * observation profiles (LOINC first; SNOMED CT where the profile names one), the UCUM unit we accept,
 * and the range outside which a value cannot be a real measurement (a device or typing error, refused
 * at ingestion, never triaged).
 *
 * <p>The {@link #code()} is stored with each reading (a {@code smallint}): never reorder or renumber.
 * Other modules may name signs (the managers' indicators show a deviation's cause by its sign).
 */
@org.springframework.modulith.NamedInterface("vital-signs")
public enum VitalSign {

  SYSTOLIC_BP(1, "8480-6", List.of("271649006"), "Systolisk blodtrykk", "mm[Hg]", "mmHg", 40, 300, 0),
  DIASTOLIC_BP(2, "8462-4", List.of("271650006"), "Diastolisk blodtrykk", "mm[Hg]", "mmHg", 20, 200, 0),
  PULSE(3, "8867-4", List.of("364075005"), "Puls", "/min", "slag/min", 20, 250, 0),
  SPO2(4, "2708-6", List.of("59408-5", "431314004"), "Oksygenmetning", "%", "%", 50, 100, 0),
  TEMPERATURE(5, "8310-5", List.of("386725007"), "Temperatur", "Cel", "°C", 30, 45, 1),
  WEIGHT(6, "29463-7", List.of("27113001"), "Vekt", "kg", "kg", 20, 350, 1),
  GLUCOSE(7, "15074-8", List.of("405176005"), "Blodsukker", "mmol/L", "mmol/L", 0.5, 50, 1),
  RESPIRATORY_RATE(8, "9279-1", List.of("86290005"), "Respirasjonsfrekvens", "/min", "/min", 3, 70, 0),
  /** Supplemental oxygen flow; 0 means the patient breathes room air (NEWS2 "air or oxygen"). */
  INHALED_OXYGEN(9, "3151-8", List.of(), "Oksygentilførsel", "L/min", "L/min", 0, 15, 1),
  /**
   * Level of consciousness on the ACVPU scale, as the ordinal of {@link Consciousness}
   * (0 alert ... 4 unresponsive); the FHIR value is a coded concept, not a quantity.
   */
  CONSCIOUSNESS(10, "67775-7", List.of(), "Bevissthet (ACVPU)", null, "", 0, 4, 0);

  /** The LOINC code of the blood pressure panel whose components are systolic and diastolic. */
  public static final String BLOOD_PRESSURE_PANEL = "85354-9";

  private final int code;
  private final String loinc;
  private final List<String> otherCodes;
  private final String label;
  private final String ucum;
  private final String unitLabel;
  private final double plausibleMin;
  private final double plausibleMax;
  private final int decimals;

  VitalSign(int code, String loinc, List<String> otherCodes, String label, String ucum, String unitLabel,
      double plausibleMin, double plausibleMax, int decimals) {
    this.code = code;
    this.loinc = loinc;
    this.otherCodes = otherCodes;
    this.label = label;
    this.ucum = ucum;
    this.unitLabel = unitLabel;
    this.plausibleMin = plausibleMin;
    this.plausibleMax = plausibleMax;
    this.decimals = decimals;
  }

  /** The stored code: stable, never reused. */
  public int code() {
    return code;
  }

  public String loinc() {
    return loinc;
  }

  /** Other codes that mean this sign (SNOMED CT, alternative LOINC), accepted on ingestion. */
  public List<String> otherCodes() {
    return otherCodes;
  }

  /** Norwegian name, as nurses read it. */
  public String label() {
    return label;
  }

  /** The UCUM unit a quantity must carry ({@code null} for a coded value). */
  public String ucum() {
    return ucum;
  }

  /** The unit as shown to people. */
  public String unitLabel() {
    return unitLabel;
  }

  public double plausibleMin() {
    return plausibleMin;
  }

  public double plausibleMax() {
    return plausibleMax;
  }

  /** Decimals that are meaningful when showing a value. */
  public int decimals() {
    return decimals;
  }

  public boolean isPlausible(double value) {
    return value >= plausibleMin && value <= plausibleMax;
  }

  /** The sign a LOINC or SNOMED CT code stands for. */
  public static Optional<VitalSign> ofCode(String code) {
    return Arrays.stream(values()).filter(sign -> sign.loinc.equals(code) || sign.otherCodes.contains(code)).findFirst();
  }

  public static VitalSign ofStoredCode(int code) {
    for (VitalSign sign : values()) {
      if (sign.code == code) {
        return sign;
      }
    }
    throw new IllegalArgumentException("No vital sign with stored code " + code);
  }

  /** The ACVPU scale of {@link #CONSCIOUSNESS}, stored as the ordinal. */
  public enum Consciousness {
    ALERT("A", "Våken"), NEW_CONFUSION("C", "Nyoppstått forvirring"), VOICE("V", "Reagerer på tiltale"),
    PAIN("P", "Reagerer på smerte"), UNRESPONSIVE("U", "Reagerer ikke");

    private final String code;
    private final String label;

    Consciousness(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static Optional<Consciousness> ofCode(String code) {
      return Arrays.stream(values()).filter(level -> level.code.equalsIgnoreCase(code)).findFirst();
    }
  }
}
