package no.carepath;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import no.carepath.patient.NationalIdentityNumber;

/** Valid request bodies for {@code /api/intake}, each with a new synthetic patient; tests then break one field. */
public final class Referrals {

  private Referrals() {
  }

  public static String syntheticNationalId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    LocalDate birth = LocalDate.of(1930 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
    return NationalIdentityNumber.synthetic(birth, random.nextInt(0, 400)).value();
  }

  public static Map<String, Object> patient() {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("nationalId", syntheticNationalId());
    patient.put("givenName", "Test");
    patient.put("familyName", "Pasient");
    return patient;
  }

  public static Map<String, Object> consent() {
    return new LinkedHashMap<>(Map.of("given", true, "givenBy", "PATIENT", "date", Today.date().minusDays(1).toString()));
  }

  public static Map<String, Object> application() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("externalReference", "IT-" + UUID.randomUUID());
    body.put("municipalityNumber", "1804");
    body.put("patient", patient());
    body.put("applicant", new LinkedHashMap<>(Map.of("relation", "SELF")));
    body.put("requestedServices", List.of("DIGITAL_HOME_FOLLOW_UP"));
    body.put("description", "Har KOLS og ønsker å bo hjemme med oppfølging.");
    body.put("consent", consent());
    return body;
  }

  public static Map<String, Object> gpReferral() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("externalReference", "IT-" + UUID.randomUUID());
    body.put("municipalityNumber", "1804");
    body.put("patient", patient());
    body.put("gp", new LinkedHashMap<>(Map.of("name", "Lege Testesen", "hprNumber", "1234567")));
    body.put("reason", "Hjertesvikt, ønsker oppfølging av vekt hjemme.");
    body.put("diagnoses", List.of(Map.of("system", "ICPC_2", "code", "K77", "text", "Hjertesvikt")));
    body.put("urgency", "ROUTINE");
    body.put("consent", consent());
    return body;
  }

  public static Map<String, Object> hospitalNotice(boolean readyForDischarge) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("externalReference", "IT-" + UUID.randomUUID());
    body.put("municipalityNumber", "1804");
    body.put("patient", patient());
    body.put("hospital", new LinkedHashMap<>(Map.of("name", "Nordlandssykehuset Bodø", "department", "Medisinsk avdeling")));
    body.put("admittedDate", Today.date().minusDays(2).toString());
    body.put("expectedDischargeDate", Today.date().plusDays(1).toString());
    body.put("readyForDischarge", readyForDischarge);
    body.put("summary", "KOLS-forverring, nå stabil.");
    return body;
  }

  /** A correct number that no person can hold yet: valid only under the 2032 control-digit rule, not synthetic. */
  public static String numberValidOnlyUnderThe2032Rule() {
    int[] k1Weights = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    int[] k2Weights = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    for (int individual = 0; individual < 500; individual++) {
      String base = String.format("150155%03d", individual);
      int s1 = 0;
      for (int i = 0; i < 9; i++) {
        s1 += k1Weights[i] * (base.charAt(i) - '0');
      }
      for (int k1 = 0; k1 <= 9; k1++) {
        int remainder = (s1 + k1) % 11;
        if (remainder == 0 || remainder > 3) {
          continue;
        }
        String ten = base + k1;
        int s2 = 0;
        for (int i = 0; i < 10; i++) {
          s2 += k2Weights[i] * (ten.charAt(i) - '0');
        }
        int k2 = (11 - s2 % 11) % 11;
        if (k2 < 10) {
          return ten + k2;
        }
      }
    }
    throw new IllegalStateException("no number found");
  }
}
