package no.carepath.followup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** FHIR Observations and Bundles as the home-monitoring platform sends them, to break one part at a time. */
public final class Observations {

  private Observations() {
  }

  public static String spo2(String nationalId, double value) {
    return quantity(nationalId, "2708-6", value, "%", now());
  }

  static String pulse(String nationalId, double value) {
    return quantity(nationalId, "8867-4", value, "/min", now());
  }

  static String now() {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1));
  }

  static String quantity(String nationalId, String loinc, double value, String unit, String effective) {
    return quantity(nationalId, loinc, value, unit, effective, UUID.randomUUID().toString());
  }

  static String quantity(String nationalId, String loinc, double value, String unit, String effective, String identifier) {
    return """
        {"resourceType": "Observation", "status": "final",
         "identifier": [{"system": "urn:it:home-monitoring", "value": "%s"}],
         "code": {"coding": [{"system": "http://loinc.org", "code": "%s"}]},
         "subject": {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "%s"}},
         %s
         "valueQuantity": {"value": %s, "unit": "%s", "system": "http://unitsofmeasure.org", "code": "%s"}}
        """.formatted(identifier, loinc, nationalId, effective == null ? "" : "\"effectiveDateTime\": \"" + effective + "\",",
        number(value), unit, unit);
  }

  static String bloodPressure(String nationalId, double systolic, double diastolic) {
    return """
        {"resourceType": "Observation", "status": "final",
         "identifier": [{"system": "urn:it:home-monitoring", "value": "%s"}],
         "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
         "subject": {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "%s"}},
         "effectiveDateTime": "%s",
         "component": [
           {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
            "valueQuantity": {"value": %s, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
           {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
            "valueQuantity": {"value": %s, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]}
        """.formatted(UUID.randomUUID(), nationalId, now(), number(systolic), number(diastolic));
  }

  /** As a device writes it: 96, not 96.0. */
  static String number(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String bundle(String type, List<String> observations) {
    StringBuilder entries = new StringBuilder();
    for (String observation : observations) {
      entries.append(entries.isEmpty() ? "" : ",").append("{\"fullUrl\": \"urn:uuid:").append(UUID.randomUUID())
          .append("\", \"resource\": ").append(observation)
          .append(", \"request\": {\"method\": \"POST\", \"url\": \"Observation\"}}");
    }
    return "{\"resourceType\": \"Bundle\", \"type\": \"" + type + "\", \"entry\": [" + entries + "]}";
  }
}
