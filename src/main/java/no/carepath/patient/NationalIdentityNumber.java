package no.carepath.patient;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A Norwegian national identity number: fødselsnummer or D-number, 11 digits
 * {@code DDMMYY iii k1 k2}, validated with both mod-11 check digits. From 2032 new numbers use a
 * control calculation that lets k1 leave a remainder of 0, 1, 2 or 3; numbers of both kinds are
 * accepted side by side. Synthetic test numbers (Test Norge / Tenor, month + 80) are recognised;
 * H-numbers and FH-numbers (help numbers) are refused, because they do not identify a person in
 * the population register.
 */
public final class NationalIdentityNumber {

  public enum Kind { FODSELSNUMMER, D_NUMMER }

  private static final int[] K1_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2, 1};
  private static final int[] K2_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1};

  private final String value;
  private final Kind kind;
  private final boolean synthetic;
  private final LocalDate birthDate;

  private NationalIdentityNumber(String value, Kind kind, boolean synthetic, LocalDate birthDate) {
    this.value = value;
    this.kind = kind;
    this.synthetic = synthetic;
    this.birthDate = birthDate;
  }

  /** Thrown with a message (Norwegian) that says what is wrong with the number. */
  public static final class InvalidNationalIdException extends IllegalArgumentException {
    InvalidNationalIdException(String message) {
      super(message);
    }
  }

  /** The answer, on every channel, to a real number where only synthetic ones are accepted. */
  public static final String SYNTHETIC_ONLY = "Denne installasjonen tar bare imot syntetiske testnumre (Test Norge/Tenor,"
      + " måned + 80). Bruk aldri ekte fødselsnumre i test og demo.";

  /**
   * The number exactly as given: no trimming, no spaces removed. Every channel (intake, hospital
   * messages, FHIR) parses with this method and gives its message.
   */
  public static NationalIdentityNumber parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidNationalIdException("Fødselsnummer eller D-nummer mangler.");
    }
    if (!raw.equals(raw.strip())) {
      throw new InvalidNationalIdException("Fødselsnummeret har mellomrom foran eller bak. Send de 11 sifrene uten"
          + " mellomrom.");
    }
    if (raw.length() != 11 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidNationalIdException("Fødselsnummeret må være nøyaktig 11 sifre uten mellomrom (fikk "
          + raw.length() + " tegn).");
    }
    int[] d = raw.chars().map(c -> c - '0').toArray();
    if (!checkDigitsValid(d)) {
      throw new InvalidNationalIdException("Fødselsnummeret har feil kontrollsiffer. Sjekk at alle 11 sifrene er skrevet riktig.");
    }
    int day = d[0] * 10 + d[1];
    int month = d[2] * 10 + d[3];
    Kind kind = Kind.FODSELSNUMMER;
    if (d[0] >= 8) {
      throw new InvalidNationalIdException("Nummeret er et felles hjelpenummer (FH-nummer), som ikke kan brukes her."
          + " Oppgi pasientens fødselsnummer eller D-nummer.");
    }
    if (d[0] >= 4) {
      kind = Kind.D_NUMMER;
      day -= 40;
    }
    boolean synthetic = false;
    if (month > 80 && month <= 92) {
      synthetic = true;
      month -= 80;
    } else if (month > 40 && month <= 52) {
      throw new InvalidNationalIdException("Nummeret er et hjelpenummer (H-nummer, måned + 40), som ikke kan brukes"
          + " her. Oppgi pasientens fødselsnummer eller D-nummer.");
    }
    if (month < 1 || month > 12) {
      throw new InvalidNationalIdException("Sifrene 3 og 4 i fødselsnummeret (" + raw.substring(2, 4) + ") er ikke en"
          + " gyldig måned, heller ikke for D-nummer eller syntetiske testnumre. Sjekk sifrene.");
    }
    int year = century(d[6] * 100 + d[7] * 10 + d[8], d[4] * 10 + d[5]);
    LocalDate birthDate;
    try {
      birthDate = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new InvalidNationalIdException("De seks første sifrene i fødselsnummeret er ikke en gyldig dato ("
          + raw.substring(0, 6) + ").");
    }
    return new NationalIdentityNumber(raw, kind, synthetic, birthDate);
  }

  /** Check digits: k1 remainder 0 (before 2032) or 0-3 (from 2032); k2 always remainder 0. */
  static boolean checkDigitsValid(int[] digits) {
    int k1Sum = 0;
    for (int i = 0; i < 10; i++) {
      k1Sum += K1_WEIGHTS[i] * digits[i];
    }
    int k2Sum = 0;
    for (int i = 0; i < 11; i++) {
      k2Sum += K2_WEIGHTS[i] * digits[i];
    }
    return k1Sum % 11 <= 3 && k2Sum % 11 == 0;
  }

  /** The century from the individual number (digits 7-9) and the two-digit year. */
  private static int century(int individual, int yy) {
    if (individual <= 499) {
      return 1900 + yy;
    }
    if (individual <= 749 && yy >= 54) {
      return 1800 + yy;
    }
    if (yy <= 39) {
      return 2000 + yy;
    }
    if (individual >= 900) {
      return 1900 + yy;
    }
    throw new InvalidNationalIdException("Individnummeret passer ikke med fødselsåret i nummeret. Sjekk sifrene.");
  }

  /**
   * A synthetic test number (Tenor style, month + 80) for {@code birthDate}, the first valid one at
   * or after {@code individualStart}. For demo data and tests; never a real person's number.
   */
  public static NationalIdentityNumber synthetic(LocalDate birthDate, int individualStart) {
    int yy = birthDate.getYear() % 100;
    for (int individual = individualStart; individual <= 999; individual++) {
      if (!individualMatchesYear(individual, birthDate.getYear())) {
        continue;
      }
      String base = String.format("%02d%02d%02d%03d", birthDate.getDayOfMonth(), birthDate.getMonthValue() + 80, yy, individual);
      int[] d = new int[11];
      for (int i = 0; i < 9; i++) {
        d[i] = base.charAt(i) - '0';
      }
      int s1 = 0;
      for (int i = 0; i < 9; i++) {
        s1 += K1_WEIGHTS[i] * d[i];
      }
      int k1 = (11 - s1 % 11) % 11;
      if (k1 == 10) {
        continue;
      }
      d[9] = k1;
      int s2 = 0;
      for (int i = 0; i < 10; i++) {
        s2 += K2_WEIGHTS[i] * d[i];
      }
      int k2 = (11 - s2 % 11) % 11;
      if (k2 == 10) {
        continue;
      }
      return parse(base + k1 + k2);
    }
    throw new IllegalArgumentException("No synthetic number left for " + birthDate);
  }

  private static boolean individualMatchesYear(int individual, int year) {
    if (year >= 1900 && year <= 1999) {
      return individual <= 499 || (individual >= 900 && year >= 1940);
    }
    if (year >= 2000 && year <= 2039) {
      return individual >= 500;
    }
    return individual >= 500 && individual <= 749 && year >= 1854 && year <= 1899;
  }

  public String value() {
    return value;
  }

  public Kind kind() {
    return kind;
  }

  /** A Test Norge / Tenor number (month + 80): never a real person. */
  public boolean isSynthetic() {
    return synthetic;
  }

  /** Derived from the number; from 2032 it is not reliable and must come from the register. */
  public LocalDate birthDate() {
    return birthDate;
  }

  /** The first six digits and five stars, for screens where the full number is not needed. */
  public String masked() {
    return value.substring(0, 6) + " *****";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NationalIdentityNumber that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Masked on purpose: a number must not end up in a log line by accident. */
  @Override
  public String toString() {
    return masked();
  }
}
