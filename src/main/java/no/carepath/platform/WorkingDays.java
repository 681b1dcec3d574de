package no.carepath.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZonedDateTime;

/**
 * Norwegian working days: Monday to Friday except the public holidays (helligdager and høytidsdager): New
 * Year's Day, Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May, Ascension Day, Whit
 * Sunday and Monday, Christmas Day and Boxing Day. Christmas Eve and New Year's Eve are working days. Easter
 * follows the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Used for deadlines such as "no answer
 * from the GP in 5 working days".
 */
public final class WorkingDays {

  private WorkingDays() {
  }

  public static boolean isWorkingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isPublicHoliday(date);
  }

  /** Whether the date is one of the Norwegian public holidays listed above, whatever the weekday. */
  public static boolean isPublicHoliday(LocalDate date) {
    Month month = date.getMonth();
    int day = date.getDayOfMonth();
    boolean fixed = switch (month) {
      case JANUARY -> day == 1;
      case MAY -> day == 1 || day == 17;
      case DECEMBER -> day == 25 || day == 26;
      default -> false;
    };
    if (fixed) {
      return true;
    }
    long fromEaster = date.toEpochDay() - easterSunday(date.getYear()).toEpochDay();
    return fromEaster == -3 || fromEaster == -2 || fromEaster == 0 || fromEaster == 1 // Maundy Thursday .. Monday
        || fromEaster == 39 // Ascension Day
        || fromEaster == 49 || fromEaster == 50; // Whit Sunday and Monday
  }

  /** Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm. */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /**
   * The date {@code days} working days after {@code from}; {@code from} itself never counts, so Friday plus
   * one is Monday and Saturday plus one is also Monday. Zero days is {@code from} unchanged.
   *
   * @throws IllegalArgumentException if {@code days} is negative
   */
  public static LocalDate plusWorkingDays(LocalDate from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    LocalDate date = from;
    int remaining = days;
    while (remaining > 0) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        remaining--;
      }
    }
    return date;
  }

  /**
   * The same time of day {@code days} working days later, counted on the local dates of {@code from}'s zone
   * (use Europe/Oslo). There, daylight-saving changes fall on Sundays, so a working day always has that time.
   */
  public static ZonedDateTime plusWorkingDays(ZonedDateTime from, int days) {
    return from.with(plusWorkingDays(from.toLocalDate(), days));
  }
}
