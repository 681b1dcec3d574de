package no.carepath;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today's date where the users are. The server judges dates in its clock's zone (Europe/Oslo); a test that takes
 * {@code LocalDate.now()} in a UTC JVM is a day behind between midnight and one (two in summer) and sends dates the
 * server rightly refuses.
 */
public final class Today {

  public static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

  private Today() {
  }

  public static LocalDate date() {
    return LocalDate.now(ZONE);
  }

  /**
   * The time as the APIs want it, always with seconds: {@code OffsetDateTime.toString()} leaves them out
   * when they are zero (one run in sixty), and the server rightly refuses a time without them.
   */
  public static String iso(java.time.OffsetDateTime time) {
    return time.withNano(0).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
