package no.carepath.followup.readings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import ca.uhn.fhir.context.FhirContext;
import no.carepath.Referrals;
import no.carepath.followup.triage.VitalSign;
import no.carepath.patient.NationalIdentityNumber;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

/** The mapping of the home-monitoring platform's Observations, one rule at a time, without a database. */
class ObservationMapperTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneId.of("Europe/Oslo"));
  private static final String PATIENT = NationalIdentityNumber.synthetic(LocalDate.of(1944, 5, 8), 120).value();
  private final ObservationMapper mapper = new ObservationMapper(CLOCK, false);

  @Test
  void aValidSpo2ReadingBecomesOneReadingWithAStableId() {
    ObservationMapper.Result result = map(spo2("96"));

    assertThat(result.valid()).isTrue();
    assertThat(result.readings()).singleElement().satisfies(reading -> {
      assertThat(reading.sign()).isEqualTo(VitalSign.SPO2);
      assertThat(reading.value()).isEqualByComparingTo("96");
      assertThat(reading.sentValue()).isNull();
      assertThat(reading.nationalId()).isEqualTo(PATIENT);
      assertThat(reading.measuredAt()).isEqualTo(Instant.parse("2026-11-30T07:15:00Z"));
      assertThat(reading.id()).isEqualTo(ObservationMapper.readingId("urn:test|obs-1", VitalSign.SPO2));
    });
  }

  @Test
  void theSnomedAndTheOtherLoincCodeOfASignAreUnderstood() {
    assertThat(map(spo2("96").replace("2708-6", "59408-5")).readings()).singleElement()
        .extracting(ObservationMapper.ReadingInput::sign).isEqualTo(VitalSign.SPO2);
    assertThat(map(spo2("96").replace("\"http://loinc.org\", \"code\": \"2708-6\"",
        "\"http://snomed.info/sct\", \"code\": \"431314004\"")).readings()).singleElement()
        .extracting(ObservationMapper.ReadingInput::sign).isEqualTo(VitalSign.SPO2);
  }

  @Test
  void aBloodPressurePanelIsSystolicAndDiastolicAndTheyMustNotBeSwapped() {
    assertThat(map(bloodPressure(140, 85)).readings()).extracting(ObservationMapper.ReadingInput::sign)
        .containsExactly(VitalSign.SYSTOLIC_BP, VitalSign.DIASTOLIC_BP);
    assertThat(map(bloodPressure(80, 130)).issues()).singleElement()
        .satisfies(issue -> assertThat(issue.diagnostics()).contains("må være høyere enn diastolisk"));
  }

  @Test
  void aRealNationalIdIsRefusedWhereOnlySyntheticOnesAreAccepted() {
    ObservationMapper.Result result = map(spo2("96").replace(PATIENT, Referrals.numberValidOnlyUnderThe2032Rule()));

    assertThat(result.issues()).singleElement().satisfies(issue -> {
      assertThat(issue.type()).isEqualTo(IssueType.BUSINESSRULE);
      assertThat(issue.diagnostics()).contains("bare imot syntetiske");
      assertThat(issue.expression()).isEqualTo("Observation.subject.identifier.value");
    });
  }

  @Test
  void everyProblemOfOneObservationIsReportedTogether() {
    ObservationMapper.Result result = map(spo2("120").replace("\"status\": \"final\"", "\"status\": \"entered-in-error\""));

    assertThat(result.issues()).extracting(FhirIssue::type).containsExactlyInAnyOrder(IssueType.VALUE, IssueType.VALUE);
    assertThat(result.issues()).extracting(FhirIssue::expression)
        .containsExactlyInAnyOrder("Observation.status", "Observation.valueQuantity.value");
  }

  @Test
  void aDateWithoutATimeIsRefused() {
    ObservationMapper.Result result = map(spo2("96").replace("2026-11-30T08:15:00+01:00", "2026-11-30"));

    assertThat(result.issues()).singleElement().satisfies(issue -> {
      assertThat(issue.diagnostics()).contains("mangler klokkeslett");
      assertThat(issue.expression()).isEqualTo("Observation.effectiveDateTime");
    });
  }

  @Test
  void aTimeWithoutSecondsIsRefused() {
    ObservationMapper.Result result = map(spo2("96").replace("2026-11-30T08:15:00+01:00", "2026-11-30T08:15+01:00"));

    assertThat(result.issues()).singleElement().satisfies(issue -> assertThat(issue.diagnostics())
        .contains("mangler klokkeslett med sekunder"));
  }

  @Test
  void consciousnessIsACodeOnTheAcvpuScale() {
    String observation = spo2("96").replace("2708-6", "67775-7")
        .replaceFirst("\"valueQuantity\": \\{[^}]*}", "\"valueCodeableConcept\": {\"coding\": [{\"code\": \"V\"}]}");

    assertThat(map(observation).readings()).singleElement().satisfies(reading -> {
      assertThat(reading.sign()).isEqualTo(VitalSign.CONSCIOUSNESS);
      assertThat(reading.value()).isEqualByComparingTo(java.math.BigDecimal.valueOf(VitalSign.Consciousness.VOICE.ordinal()));
    });
  }

  @Test
  void aValueKeepsThePrecisionItWasSentWith() {
    assertThat(map(spo2("96.50")).readings().get(0).value()).hasToString("96.50");
    assertThat(map(spo2("96")).readings().get(0).value()).hasToString("96");
  }

  @Test
  void aValueInAnotherUnitIsConvertedAndKeptAsSentBeside() {
    ObservationMapper.ReadingInput pounds = map(spo2("154.3").replace("2708-6", "29463-7")
        .replace("\"%\"", "\"[lb_av]\"")).readings().get(0);

    assertThat(pounds.sign()).isEqualTo(VitalSign.WEIGHT);
    assertThat(pounds.value()).isEqualByComparingTo("69.99");
    assertThat(pounds.sentValue()).hasToString("154.3");
    assertThat(pounds.sentUnit()).isEqualTo("[lb_av]");
  }

  @Test
  void tooManyDigitsAComparatorAndAForeignUnitSystemAreRefusedInPlainWords() {
    assertThat(map(spo2("9E+18")).issues()).singleElement().satisfies(issue -> assertThat(issue.diagnostics())
        .contains("for mange sifre").contains("50–100 %").doesNotContain("9223372036854775807"));
    assertThat(map(spo2("96").replace("\"value\": 96", "\"value\": 96, \"comparator\": \"<\"")).issues())
        .singleElement().satisfies(issue -> assertThat(issue.expression()).endsWith("comparator"));
    assertThat(map(spo2("96").replace("\"system\": \"http://unitsofmeasure.org\"", "\"system\": \"urn:units\"")).issues())
        .singleElement().satisfies(issue -> assertThat(issue.diagnostics()).contains("UCUM"));
  }

  @Test
  void identifiersAndNationalIdsAreComparedExactlyNeverTrimmed() {
    assertThat(map(spo2("96").replace("\"obs-1\"", "\"obs-1 \"")).issues()).singleElement()
        .satisfies(issue -> assertThat(issue.diagnostics()).contains("mellomrom"));
    assertThat(map(spo2("96").replace(PATIENT, " " + PATIENT)).issues()).singleElement()
        .satisfies(issue -> assertThat(issue.diagnostics()).contains("mellomrom"));
    assertThat(map(spo2("96").replace("\"obs-1\"", "\"" + "x".repeat(101) + "\"")).issues()).singleElement()
        .satisfies(issue -> assertThat(issue.diagnostics()).contains("høyst 100 tegn"));
  }

  private ObservationMapper.Result map(String json) {
    return mapper.map(FhirContext.forR4Cached().newJsonParser().parseResource(Observation.class, json), "Observation");
  }

  private static String spo2(String value) {
    return """
        {"resourceType": "Observation", "status": "final", "identifier": [{"system": "urn:test", "value": "obs-1"}],
         "code": {"coding": [{"system": "http://loinc.org", "code": "2708-6"}]},
         "subject": {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "%s"}},
         "effectiveDateTime": "2026-11-30T08:15:00+01:00",
         "valueQuantity": {"value": %s, "unit": "%%", "system": "http://unitsofmeasure.org", "code": "%%"}}
        """.formatted(PATIENT, value);
  }

  private static String bloodPressure(int systolic, int diastolic) {
    return """
        {"resourceType": "Observation", "status": "final", "identifier": [{"system": "urn:test", "value": "bp-1"}],
         "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
         "subject": {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "%s"}},
         "effectiveDateTime": "2026-11-30T08:15:00+01:00",
         "component": [
          {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
           "valueQuantity": {"value": %d, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
          {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
           "valueQuantity": {"value": %d, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]}
        """.formatted(PATIENT, systolic, diastolic);
  }
}
