package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import no.carepath.followup.readings.ObservationMapper;
import no.carepath.followup.triage.VitalSign;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Property: whatever the home-monitoring platform sends (valid Observations and Bundles, mutated at
 * random: values, units, codes, times, identifiers reused with the same or other content, patients,
 * narrative, duplicate keys, methods), every answer keeps Carepath's promises:
 * <ul>
 *   <li>never a 5xx;</li>
 *   <li>a 4xx stores nothing (no reading, no deviation);</li>
 *   <li>a 2xx stores exactly what it says: each 201 entry's readings are new and hold the values the answer
 *       shows, each 200 entry stores nothing new;</li>
 *   <li>no deviation without a stored reading behind it.</li>
 * </ul>
 * Runs with the other integration tests (jqwik engine, the same Spring context through jqwik-spring).
 */
@JqwikSpringSupport
class ReadingsPropertyIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYSTEM = "urn:it:property";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final OffsetDateTime BASE = OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
      .minusHours(1);
  private static Enrolment.Patient patient;

  private final Api api = new Api(PLATFORM);

  @Autowired
  JdbcClient jdbc;

  enum Mutation {
    NONE, NO_IDENTIFIER, EMPTY_IDENTIFIER, SPACED_IDENTIFIER, UNKNOWN_PATIENT, BAD_NATIONAL_ID, SPACED_NATIONAL_ID,
    DATE_ONLY, NO_TIME_ZONE, FUTURE, NO_TIME, PRELIMINARY, UNKNOWN_CODE, NARRATIVE, DUPLICATE_KEY, NO_VALUE,
    STRING_VALUE, COMPARATOR, OTHER_UNIT_SYSTEM, EXTENSION, PUT_METHOD, PATIENT_RESOURCE
  }

  /** One Observation to send: a sign, a value and unit, which identifier of a small pool, and what to break. */
  record Spec(String loinc, String value, String unit, int identifier, Mutation mutation) {
  }

  record Request(String kind, List<Spec> entries) {
  }

  /** Values and units a device would send for each sign (several units, several precisions). */
  private static final Map<String, List<String[]>> PLAUSIBLE = Map.of(
      "8867-4", List.of(new String[] {"72", "/min"}, new String[] {"58.5", "/min"}, new String[] {"130", "/min"},
          new String[] {"1.2", "/s"}),
      "2708-6", List.of(new String[] {"95", "%"}, new String[] {"96", "%"}, new String[] {"86", "%"},
          new String[] {"0.97", "1"}),
      "29463-7", List.of(new String[] {"70", "kg"}, new String[] {"82.4", "kg"}, new String[] {"70000", "g"},
          new String[] {"154.3", "[lb_av]"}),
      "15074-8", List.of(new String[] {"6.7", "mmol/L"}, new String[] {"6.70", "mmol/L"}, new String[] {"6.7", "mmol/l"},
          new String[] {"120", "mg/dL"}, new String[] {"21", "mmol/L"}),
      "8310-5", List.of(new String[] {"37.2", "Cel"}, new String[] {"39.4", "Cel"}, new String[] {"98.6", "[degF]"}),
      "9279-1", List.of(new String[] {"16", "/min"}, new String[] {"26", "/min"}),
      VitalSign.BLOOD_PRESSURE_PANEL, List.of(new String[] {"130", "mm[Hg]"}, new String[] {"185", "mm[Hg]"},
          new String[] {"17.3", "kPa"}));

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<String> signs = Arbitraries.of(PLAUSIBLE.keySet().stream().sorted().toList());
    Arbitrary<String> hostileValues = Arbitraries.oneOf(
        Arbitraries.of("0", "-5", "101", "1e10", "9E+18", "0.0000001", "123456789", "36.6666666", "400"),
        Arbitraries.integers().between(1, 400).map(String::valueOf),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(300)).ofScale(2).map(BigDecimal::toPlainString));
    Arbitrary<String> anyUnit = Arbitraries.of("/min", "%", "kg", "g", "[lb_av]", "mmol/L", "mmol/l", "mg/dL", "Cel",
        "[degF]", "mm[Hg]", "kPa", "MMOL/L", "lb", "1", "");
    Arbitrary<Mutation> mutations = Arbitraries.frequency(
        java.util.stream.Stream.concat(java.util.stream.Stream.of(net.jqwik.api.Tuple.of(40, Mutation.NONE)),
            java.util.Arrays.stream(Mutation.values()).filter(mutation -> mutation != Mutation.NONE)
                .map(mutation -> net.jqwik.api.Tuple.of(1, mutation)))
            .toList().toArray(new net.jqwik.api.Tuple.Tuple2[0]));
    Arbitrary<Spec> specs = signs.flatMap(sign -> {
      Arbitrary<String[]> plausible = Arbitraries.of(PLAUSIBLE.get(sign));
      Arbitrary<String[]> hostile = Combinators.combine(hostileValues, anyUnit).as((value, unit) -> new String[] {value, unit});
      Arbitrary<String[]> reading = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, plausible),
          net.jqwik.api.Tuple.of(2, hostile));
      return Combinators.combine(reading, Arbitraries.integers().between(0, 60), mutations)
          .as((pair, identifier, mutation) -> new Spec(sign, pair[0], pair[1], identifier, mutation));
    });
    return Combinators.combine(Arbitraries.of("single", "batch", "transaction"), specs.list().ofMinSize(1).ofMaxSize(5))
        .as((kind, entries) -> new Request(kind, kind.equals("single") ? entries.subList(0, 1) : entries));
  }

  // the value list holds the edge cases; jqwik's own combinations of them would use up every try
  @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void everyAnswerKeepsThePromises(@ForAll("requests") Request request) throws Exception {
    Enrolment.Patient measuring = patient();
    long readingsBefore = readings(measuring);
    long deviationReadingsBefore = deviationReadings(measuring);
    String body = body(request, measuring);

    Api.Response response = api.postFhir(request.kind().equals("single") ? "/fhir/Observation" : "/fhir",
        api.monitoringToken(), body);

    net.jqwik.api.statistics.Statistics.label("answer").collect(request.kind() + " " + response.status());
    assertThat(response.status()).as(response.body()).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
      assertThat(readings(measuring)).as("a %d stores nothing", response.status()).isEqualTo(readingsBefore);
      assertThat(deviationReadings(measuring)).isEqualTo(deviationReadingsBefore);
    } else {
      List<JsonNode> answered = new ArrayList<>();
      List<String> statuses = new ArrayList<>();
      if (request.kind().equals("single")) {
        answered.add(response.json());
        statuses.add(response.status() == 201 ? "201 Created" : "200 OK");
      } else {
        for (JsonNode entry : response.json().path("entry")) {
          statuses.add(entry.path("response").path("status").asText());
          answered.add(entry.path("resource"));
        }
        assertThat(statuses).hasSize(request.entries().size());
      }
      long created = 0;
      for (int i = 0; i < answered.size(); i++) {
        if (statuses.get(i).startsWith("201")) {
          created += answered.get(i).has("component") ? 2 : 1;
        }
        if (statuses.get(i).startsWith("20")) {
          assertStoredAsAnswered(answered.get(i));
        }
      }
      assertThat(readings(measuring)).as("2xx stores exactly the 201 entries' readings").isEqualTo(readingsBefore + created);
    }
    assertThat(StoredReadings.deviationReadingsNotStored(jdbc)).as("a deviation reading that is not stored").isZero();
    assertThat(jdbc.sql("""
            select count(*) from followup_deviation d where d.kind = 'READING'
            and not exists (select 1 from followup_deviation_reading dr join followup_reading r on r.id = dr.reading_id
                            where dr.deviation_id = d.deviation_id)
            """).query(Long.class).single()).as("a deviation with no stored reading behind it").isZero();
  }

  /** The readings under the answered identifier hold exactly the values and units the answer shows. */
  private void assertStoredAsAnswered(JsonNode observation) {
    String key = observation.path("identifier").path(0).path("system").asText() + "|"
        + observation.path("identifier").path(0).path("value").asText();
    List<JsonNode> values = new ArrayList<>();
    if (observation.has("component")) {
      observation.path("component").forEach(component -> values.add(component));
    } else {
      values.add(observation);
    }
    for (JsonNode value : values) {
      String loinc = value.path("code").path("coding").path(0).path("code").asText();
      VitalSign sign = VitalSign.ofCode(loinc).orElseThrow();
      List<Map<String, Object>> rows = jdbc.sql("""
              select r.value, s.sent_value, s.sent_unit from followup_reading r
              left join followup_reading_sent s on s.id = r.id where r.id = :id
              """)
          .param("id", ObservationMapper.readingId(key, sign)).query().listOfRows();
      assertThat(rows).as("stored reading of %s", key).hasSize(1);
      if (value.has("valueQuantity")) {
        Map<String, Object> row = rows.get(0);
        BigDecimal shown = value.path("valueQuantity").path("value").decimalValue();
        BigDecimal stored = (BigDecimal) (row.get("sent_value") != null ? row.get("sent_value") : row.get("value"));
        assertThat(shown).isEqualByComparingTo(stored);
        assertThat(value.path("valueQuantity").path("code").asText())
            .isEqualTo(row.get("sent_unit") != null ? row.get("sent_unit") : sign.ucum());
      }
    }
  }

  // ---- building the requests ----------------------------------------------------------------------

  private static String body(Request request, Enrolment.Patient measuring) throws Exception {
    List<String> observations = new ArrayList<>();
    for (Spec spec : request.entries()) {
      observations.add(observation(spec, measuring));
    }
    if (request.kind().equals("single")) {
      return observations.get(0);
    }
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < observations.size(); i++) {
      Mutation mutation = request.entries().get(i).mutation();
      entries.append(i == 0 ? "" : ",").append("{\"fullUrl\": \"urn:uuid:").append(UUID.randomUUID())
          .append("\", \"resource\": ").append(mutation == Mutation.PATIENT_RESOURCE ? "{\"resourceType\": \"Patient\"}"
              : observations.get(i))
          .append(", \"request\": {\"method\": \"").append(mutation == Mutation.PUT_METHOD ? "PUT" : "POST")
          .append("\", \"url\": \"Observation\"}}");
    }
    return "{\"resourceType\": \"Bundle\", \"type\": \"" + request.kind() + "\", \"entry\": [" + entries + "]}";
  }

  private static String observation(Spec spec, Enrolment.Patient measuring) throws Exception {
    ObjectNode observation = JSON.createObjectNode();
    observation.put("resourceType", "Observation");
    observation.put("status", spec.mutation() == Mutation.PRELIMINARY ? "preliminary" : "final");
    String identifier = RUN + "-" + spec.identifier();
    switch (spec.mutation()) {
      case NO_IDENTIFIER -> { }
      case EMPTY_IDENTIFIER -> observation.putArray("identifier").addObject().put("system", SYSTEM).put("value", "");
      case SPACED_IDENTIFIER -> observation.putArray("identifier").addObject().put("system", SYSTEM)
          .put("value", " " + identifier);
      default -> observation.putArray("identifier").addObject().put("system", SYSTEM).put("value", identifier);
    }
    String loinc = spec.mutation() == Mutation.UNKNOWN_CODE ? "1234-5" : spec.loinc();
    observation.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", loinc);
    String nationalId = switch (spec.mutation()) {
      case UNKNOWN_PATIENT -> Referrals.syntheticNationalId();
      case BAD_NATIONAL_ID -> "12345678901";
      case SPACED_NATIONAL_ID -> measuring.nationalId() + " ";
      default -> measuring.nationalId();
    };
    observation.putObject("subject").putObject("identifier").put("system", ObservationMapper.FNR_SYSTEM)
        .put("value", nationalId);
    OffsetDateTime at = BASE.minusMinutes(spec.identifier());
    switch (spec.mutation()) {
      case DATE_ONLY -> observation.put("effectiveDateTime", at.toLocalDate().toString());
      case NO_TIME_ZONE -> observation.put("effectiveDateTime", at.toLocalDateTime().toString());
      case FUTURE -> observation.put("effectiveDateTime", at.plusDays(1).toString());
      case NO_TIME -> { }
      default -> observation.put("effectiveDateTime", at.toString());
    }
    if (spec.mutation() == Mutation.NARRATIVE) {
      observation.putObject("text").put("status", "generated")
          .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Målt hjemme</p></div>");
      observation.putArray("note").addObject().put("text", "<script>alert('x')</script>");
    }
    if (spec.mutation() == Mutation.EXTENSION) {
      observation.putArray("extension").addObject().put("url", "urn:it:extension").put("valueString", "<b>x</b>");
    }
    if (loinc.equals(VitalSign.BLOOD_PRESSURE_PANEL)) {
      ArrayNode components = observation.putArray("component");
      components.add(component("8480-6", spec.value(), "mm[Hg]", spec.mutation()));
      components.add(component("8462-4", "80", "mm[Hg]", Mutation.NONE));
    } else {
      quantity(observation, spec.value(), spec.unit(), spec.mutation());
    }
    String json = JSON.writeValueAsString(observation);
    if (spec.mutation() == Mutation.DUPLICATE_KEY) {
      json = json.replaceFirst("\"status\":\"final\"", "\"status\":\"final\",\"status\":\"amended\"");
    }
    return json.replace("\"value\":\"NUMBER:", "\"value\":").replaceAll("(\"value\":-?[0-9.eE+]+)\"", "$1");
  }

  private static ObjectNode component(String loinc, String value, String unit, Mutation mutation) {
    ObjectNode component = JSON.createObjectNode();
    component.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", loinc);
    quantity(component, value, unit, mutation);
    return component;
  }

  private static void quantity(ObjectNode parent, String value, String unit, Mutation mutation) {
    if (mutation == Mutation.NO_VALUE) {
      return;
    }
    if (mutation == Mutation.STRING_VALUE) {
      parent.put("valueString", value);
      return;
    }
    ObjectNode quantity = parent.putObject("valueQuantity");
    // numbers are written as they are spelled here (6.70 stays 6.70): marked, then unquoted in the JSON text
    quantity.put("value", "NUMBER:" + value);
    if (!unit.isEmpty()) {
      quantity.put("unit", unit).put("code", unit);
    }
    quantity.put("system", mutation == Mutation.OTHER_UNIT_SYSTEM ? "urn:it:units" : "http://unitsofmeasure.org");
    if (mutation == Mutation.COMPARATOR) {
      quantity.put("comparator", "<");
    }
  }

  // ---- the database -------------------------------------------------------------------------------

  private synchronized Enrolment.Patient patient() {
    if (patient == null) {
      patient = new Enrolment(api, PLATFORM).measuring();
    }
    return patient;
  }

  private long readings(Enrolment.Patient measuring) {
    return StoredReadings.readings(jdbc, measuring.episodeId());
  }

  private long deviationReadings(Enrolment.Patient measuring) {
    return StoredReadings.deviationReadings(jdbc, measuring.episodeId());
  }
}
