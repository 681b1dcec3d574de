package no.carepath.followup.readings;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import no.carepath.followup.triage.VitalSign;
import no.carepath.followup.triage.VitalSign.Consciousness;
import no.carepath.patient.NationalIdentityNumber;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * Turns a FHIR R4 {@code Observation} from the home-monitoring platform into readings, or says
 * precisely what is wrong with it. Follows the Norwegian welfare-technology (VKP) and PMD
 * observation profiles: LOINC (or SNOMED CT) codes, UCUM units, the patient identified by
 * {@code subject.identifier} (fødselsnummer or D-nummer OID). A blood-pressure panel gives two
 * readings. Pure: no database, no patient lookup.
 */
public final class ObservationMapper {

  public static final String FNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1";
  public static final String DNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.2";
  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";
  static final String UCUM = "http://unitsofmeasure.org";
  private static final Set<String> ACCEPTED_STATUS = Set.of("final", "amended", "corrected");
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** The most digits a value may have before and after the decimal point (FHIR decimals have 18 in all). */
  static final int MAX_INTEGER_DIGITS = 6;
  static final int MAX_DECIMALS = 6;
  /** As {@code externalReference} on intake: an identifier value of at most 100 characters. */
  static final int MAX_IDENTIFIER_LENGTH = 100;

  /**
   * One value of one sign, ready to triage and store.
   *
   * @param observationKey {@code system|value} of the Observation identifier, the key of a resend
   * @param value in the sign's canonical unit
   * @param sentValue the value as sent, when it was sent in another unit; otherwise {@code null}
   * @param sentUnit the UCUM unit as sent, when it is not the canonical one; otherwise {@code null}
   */
  public record ReadingInput(UUID id, String observationKey, String nationalId, VitalSign sign, BigDecimal value,
      BigDecimal sentValue, String sentUnit, Instant measuredAt) {
  }

  /** The readings of one Observation, or its problems; never both. */
  public record Result(List<ReadingInput> readings, List<FhirIssue> issues) {
    public boolean valid() {
      return issues.isEmpty();
    }
  }

  private final Clock clock;
  private final boolean acceptRealNationalIds;

  public ObservationMapper(Clock clock, boolean acceptRealNationalIds) {
    this.clock = clock;
    this.acceptRealNationalIds = acceptRealNationalIds;
  }

  /**
   * @param path FHIRPath of the resource in the request, e.g. {@code Observation} or
   *     {@code Bundle.entry[3].resource}, used in the issues' expressions
   */
  public Result map(Observation observation, String path) {
    List<FhirIssue> issues = new ArrayList<>();
    String status = observation.getStatus() == null ? null : observation.getStatus().toCode();
    if (status == null) {
      issues.add(FhirIssue.required(path + ".status", "Observation.status mangler. Send «final» for en ferdig måling."));
    } else if (!ACCEPTED_STATUS.contains(status)) {
      issues.add(FhirIssue.value(path + ".status", "Observation.status er «" + status
          + "», men bare ferdige målinger tas imot (final, amended eller corrected)."));
    }
    Optional<Identifier> identifier = observation.getIdentifier().stream()
        .filter(id -> id.hasSystem() && id.hasValue()).findFirst();
    if (identifier.isEmpty()) {
      issues.add(FhirIssue.required(path + ".identifier", "Observation.identifier med system og value mangler. Hver måling"
          + " må ha en fast, unik identifikator, slik at en ny sending av samme måling ikke lagres to ganger."));
    } else {
      checkIdentifier(identifier.get(), path + ".identifier[" + observation.getIdentifier().indexOf(identifier.get())
          + "]", issues);
    }
    String nationalId = nationalId(observation, path, issues);
    Instant measuredAt = measuredAt(observation, path, issues);
    List<Value> values = values(observation, path, issues);
    if (!issues.isEmpty()) {
      return new Result(List.of(), issues);
    }
    String key = identifierKey(observation);
    List<ReadingInput> readings = values.stream()
        .map(value -> new ReadingInput(readingId(key, value.sign()), key, nationalId, value.sign(), value.value(),
            value.sentValue(), value.sentUnit(), measuredAt))
        .toList();
    return new Result(readings, List.of());
  }

  /** {@code system|value} of the first identifier with both: the key of the Observation. */
  public static String identifierKey(Observation observation) {
    return observation.getIdentifier().stream().filter(id -> id.hasSystem() && id.hasValue()).findFirst()
        .map(id -> id.getSystem() + "|" + id.getValue()).orElseThrow();
  }

  /** Identifiers are compared exactly, as on intake: no spaces around them, no control characters, a length limit. */
  private static void checkIdentifier(Identifier identifier, String where, List<FhirIssue> issues) {
    String value = identifier.getValue();
    if (!value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
      issues.add(FhirIssue.value(where + ".value", "Observation.identifier.value har mellomrom eller kontrolltegn"
          + " foran, bak eller inni. Send identifikatoren nøyaktig slik den er lagret hos dere."));
    } else if (value.length() > MAX_IDENTIFIER_LENGTH) {
      issues.add(FhirIssue.value(where + ".value", "Observation.identifier.value kan ha høyst " + MAX_IDENTIFIER_LENGTH
          + " tegn (fikk " + value.length() + ")."));
    }
    String system = identifier.getSystem();
    if (!system.equals(system.strip()) || system.length() > 2 * MAX_IDENTIFIER_LENGTH) {
      issues.add(FhirIssue.value(where + ".system", "Observation.identifier.system må være en URI uten mellomrom, høyst "
          + 2 * MAX_IDENTIFIER_LENGTH + " tegn."));
    }
  }

  /** The stored id of a reading: a name-based UUID of the Observation identifier and the sign. */
  public static UUID readingId(String identifierKey, VitalSign sign) {
    return UUID.nameUUIDFromBytes((identifierKey + "|" + sign.code()).getBytes(StandardCharsets.UTF_8));
  }

  private String nationalId(Observation observation, String path, List<FhirIssue> issues) {
    Identifier subject = observation.getSubject().getIdentifier();
    String where = path + ".subject.identifier";
    if (!observation.hasSubject() || !subject.hasValue()) {
      issues.add(FhirIssue.required(where, "subject.identifier mangler. Pasienten identifiseres med fødselsnummer"
          + " (system " + FNR_SYSTEM + ") eller D-nummer (system " + DNR_SYSTEM + ")."));
      return null;
    }
    if (!FNR_SYSTEM.equals(subject.getSystem()) && !DNR_SYSTEM.equals(subject.getSystem())) {
      issues.add(FhirIssue.value(where + ".system", "subject.identifier.system må være " + FNR_SYSTEM
          + " (fødselsnummer) eller " + DNR_SYSTEM + " (D-nummer), ikke «" + subject.getSystem() + "»."));
      return null;
    }
    try {
      NationalIdentityNumber number = NationalIdentityNumber.parse(subject.getValue());
      if (!number.isSynthetic() && !acceptRealNationalIds) {
        issues.add(FhirIssue.businessRule(where + ".value", NationalIdentityNumber.SYNTHETIC_ONLY));
        return null;
      }
      return number.value();
    } catch (NationalIdentityNumber.InvalidNationalIdException e) {
      issues.add(FhirIssue.value(where + ".value", e.getMessage()));
      return null;
    }
  }

  private Instant measuredAt(Observation observation, String path, List<FhirIssue> issues) {
    Type effective = observation.getEffective();
    BaseDateTimeType time = effective instanceof BaseDateTimeType dateTime ? dateTime
        : observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()
            ? observation.getEffectivePeriod().getStartElement() : null;
    java.util.Date value;
    try {
      value = time == null ? null : time.getValue();
    } catch (IllegalArgumentException e) {
      issues.add(FhirIssue.value(path + ".effectiveDateTime", "Tidspunktet «" + time.getValueAsString() + "» er ikke et"
          + " gyldig FHIR-tidspunkt. Send dato, klokkeslett med sekunder og tidssone, f.eks. 2026-11-30T08:15:00+01:00."));
      return null;
    }
    if (value == null) {
      issues.add(FhirIssue.required(path + ".effective[x]", "Tidspunktet for målingen mangler. Send"
          + " effectiveDateTime med dato, klokkeslett og tidssone, f.eks. 2026-11-30T08:15:00+01:00."));
      return null;
    }
    if (time.getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND.ordinal()
        || time.getTimeZone() == null) {
      issues.add(FhirIssue.value(path + ".effectiveDateTime", "Tidspunktet «" + time.getValueAsString()
          + "» mangler klokkeslett med sekunder, eller tidssone. Send f.eks. 2026-11-30T08:15:00+01:00."));
      return null;
    }
    Instant at = value.toInstant();
    if (at.isAfter(clock.instant().plus(CLOCK_SKEW))) {
      issues.add(FhirIssue.value(path + ".effectiveDateTime", "Målingen er datert fram i tid (" + time.getValueAsString()
          + "). Sjekk klokken på måleren eller nettbrettet."));
      return null;
    }
    return at;
  }

  private record Value(VitalSign sign, BigDecimal value, BigDecimal sentValue, String sentUnit) {
    double number() {
      return value.doubleValue();
    }
  }

  private List<Value> values(Observation observation, String path, List<FhirIssue> issues) {
    if (!observation.hasCode() || !observation.getCode().hasCoding()) {
      issues.add(FhirIssue.required(path + ".code", "Observation.code mangler. " + supportedCodes()));
      return List.of();
    }
    if (isCoded(observation.getCode(), VitalSign.BLOOD_PRESSURE_PANEL)) {
      return bloodPressure(observation, path, issues);
    }
    Optional<VitalSign> sign = sign(observation.getCode());
    if (sign.isEmpty()) {
      issues.add(FhirIssue.unknownCode(path + ".code", "Ukjent målekode (" + describe(observation.getCode()) + "). "
          + supportedCodes()));
      return List.of();
    }
    Optional<Value> value = sign.get() == VitalSign.CONSCIOUSNESS
        ? consciousness(observation, path, issues)
        : quantity(sign.get(), observation.hasValueQuantity() ? observation.getValueQuantity() : null,
            observation.hasValue() && !observation.hasValueQuantity(), path + ".valueQuantity", issues);
    return value.map(List::of).orElse(List.of());
  }

  private List<Value> bloodPressure(Observation observation, String path, List<FhirIssue> issues) {
    List<Value> values = new ArrayList<>();
    for (VitalSign sign : List.of(VitalSign.SYSTOLIC_BP, VitalSign.DIASTOLIC_BP)) {
      List<ObservationComponentComponent> components = observation.getComponent();
      int index = -1;
      for (int i = 0; i < components.size(); i++) {
        if (sign(components.get(i).getCode()).filter(sign::equals).isPresent()) {
          index = i;
        }
      }
      if (index < 0) {
        issues.add(FhirIssue.required(path + ".component", "Blodtrykket (" + VitalSign.BLOOD_PRESSURE_PANEL
            + ") mangler komponenten " + sign.label().toLowerCase() + " (LOINC " + sign.loinc() + ")."));
        continue;
      }
      ObservationComponentComponent component = components.get(index);
      quantity(sign, component.hasValueQuantity() ? component.getValueQuantity() : null,
          component.hasValue() && !component.hasValueQuantity(), path + ".component[" + index + "].valueQuantity", issues)
          .ifPresent(values::add);
    }
    if (values.size() == 2 && values.get(0).value().compareTo(values.get(1).value()) <= 0) {
      issues.add(FhirIssue.value(path + ".component", "Systolisk blodtrykk (" + format(values.get(0).value())
          + ") må være høyere enn diastolisk (" + format(values.get(1).value()) + "). Sjekk at verdiene ikke er byttet om."));
    }
    return values;
  }

  private Optional<Value> quantity(VitalSign sign, Quantity quantity, boolean otherValueType, String where,
      List<FhirIssue> issues) {
    if (quantity == null || !quantity.hasValue()) {
      issues.add(otherValueType
          ? FhirIssue.value(where, sign.label() + " må sendes som valueQuantity med enhet " + sign.ucum() + ".")
          : FhirIssue.required(where + ".value", "Verdien for " + sign.label().toLowerCase() + " mangler."));
      return Optional.empty();
    }
    if (quantity.hasComparator()) {
      issues.add(FhirIssue.value(where + ".comparator", sign.label() + " med «" + quantity.getComparator().toCode()
          + "» er ikke en måleverdi; send målt verdi uten comparator."));
      return Optional.empty();
    }
    if (quantity.hasSystem() && !UCUM.equals(quantity.getSystem())) {
      issues.add(FhirIssue.value(where + ".system", "Enheten må være en UCUM-kode (system " + UCUM + "), ikke fra «"
          + quantity.getSystem() + "»."));
      return Optional.empty();
    }
    BigDecimal sent = quantity.getValue();
    if (sent.precision() - sent.scale() > MAX_INTEGER_DIGITS || sent.scale() > MAX_DECIMALS) {
      issues.add(FhirIssue.value(where + ".value", "Verdien for " + sign.label().toLowerCase() + " har for mange sifre:"
          + " høyst " + MAX_INTEGER_DIGITS + " før og " + MAX_DECIMALS + " etter desimaltegnet. Mulige verdier: "
          + plausible(sign) + "."));
      return Optional.empty();
    }
    String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
    Units.Conversion conversion = Units.toCanonical(sign, sent, unit);
    if (conversion instanceof Units.Refused refused) {
      issues.add(FhirIssue.value(where + ".code", refused.reason()));
      return Optional.empty();
    }
    Units.Converted converted = (Units.Converted) conversion;
    if (!sign.isPlausible(converted.value().doubleValue())) {
      issues.add(FhirIssue.value(where + ".value", sign.label() + " " + format(sent) + " " + (unit.equals(sign.ucum())
          ? sign.unitLabel() : unit + " (" + format(converted.value()) + " " + sign.unitLabel() + ")")
          + " er ikke en mulig måleverdi (mulig: " + plausible(sign) + "). Sjekk måleren og send målingen på nytt."));
      return Optional.empty();
    }
    return Optional.of(converted.converted()
        ? new Value(sign, converted.value(), sent, unit)
        : new Value(sign, converted.value(), null, null));
  }

  private static String plausible(VitalSign sign) {
    return format(sign.plausibleMin()) + "–" + format(sign.plausibleMax()) + " " + sign.unitLabel();
  }

  private Optional<Value> consciousness(Observation observation, String path, List<FhirIssue> issues) {
    if (!observation.hasValueCodeableConcept()) {
      issues.add(FhirIssue.required(path + ".valueCodeableConcept", "Bevissthetsnivå sendes som valueCodeableConcept"
          + " med en kode fra ACVPU: A, C, V, P eller U."));
      return Optional.empty();
    }
    for (Coding coding : observation.getValueCodeableConcept().getCoding()) {
      Optional<Consciousness> level = Consciousness.ofCode(coding.getCode());
      if (level.isPresent()) {
        return Optional.of(new Value(VitalSign.CONSCIOUSNESS, BigDecimal.valueOf(level.get().ordinal()), null, null));
      }
    }
    issues.add(FhirIssue.unknownCode(path + ".valueCodeableConcept", "Ukjent bevissthetsnivå. Bruk ACVPU: A (våken),"
        + " C (nyoppstått forvirring), V (reagerer på tiltale), P (reagerer på smerte) eller U (reagerer ikke)."));
    return Optional.empty();
  }

  private static Optional<VitalSign> sign(CodeableConcept code) {
    for (Coding coding : code.getCoding()) {
      if ((coding.getSystem() == null || LOINC.equals(coding.getSystem()) || SNOMED.equals(coding.getSystem()))
          && coding.getCode() != null) {
        Optional<VitalSign> sign = VitalSign.ofCode(coding.getCode());
        if (sign.isPresent()) {
          return sign;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isCoded(CodeableConcept code, String loinc) {
    return code.getCoding().stream().anyMatch(coding -> loinc.equals(coding.getCode())
        && (coding.getSystem() == null || LOINC.equals(coding.getSystem())));
  }

  private static String describe(CodeableConcept code) {
    return code.getCoding().stream().map(coding -> coding.getSystem() + "|" + coding.getCode())
        .collect(Collectors.joining(", "));
  }

  static String supportedCodes() {
    return "Støttede koder (LOINC): " + VitalSign.BLOOD_PRESSURE_PANEL + " blodtrykk med komponentene "
        + VitalSign.SYSTOLIC_BP.loinc() + " og " + VitalSign.DIASTOLIC_BP.loinc() + ", "
        + Arrays.stream(VitalSign.values()).filter(sign -> sign != VitalSign.SYSTOLIC_BP && sign != VitalSign.DIASTOLIC_BP)
            .map(sign -> sign.loinc() + " " + sign.label().toLowerCase()).collect(Collectors.joining(", "))
        + ".";
  }

  public static String format(double value) {
    return format(BigDecimal.valueOf(value).stripTrailingZeros());
  }

  /** A number in Norwegian: decimal comma, as many decimals as it has, no exponent. */
  public static String format(BigDecimal value) {
    BigDecimal plain = value.scale() < 0 ? value.setScale(0) : value;
    return plain.toPlainString().replace('.', ',');
  }
}
