package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  @ParameterizedTest(name = "Easter {0} is {1}")
  @CsvSource({
      "2008, 2008-03-23", "2011, 2011-04-24", "2019, 2019-04-21", "2024, 2024-03-31", "2025, 2025-04-20",
      "2026, 2026-04-05", "2027, 2027-03-28", "2038, 2038-04-25", "2285, 2285-03-22", "1818, 1818-03-22"})
  void easterSundayFollowsTheGregorianCalendar(int year, LocalDate easter) {
    assertThat(WorkingDays.easterSunday(year)).isEqualTo(easter);
  }

  @Test
  void the2026HolidaysAreTheTwelveNorwegianOnes() {
    List<LocalDate> holidays = Stream.iterate(LocalDate.of(2026, 1, 1), date -> date.getYear() == 2026,
        date -> date.plusDays(1)).filter(WorkingDays::isPublicHoliday).toList();

    assertThat(holidays).containsExactly(
        LocalDate.of(2026, 1, 1), // New Year's Day
        LocalDate.of(2026, 4, 2), // Maundy Thursday
        LocalDate.of(2026, 4, 3), // Good Friday
        LocalDate.of(2026, 4, 5), // Easter Sunday
        LocalDate.of(2026, 4, 6), // Easter Monday
        LocalDate.of(2026, 5, 1), // Labour Day
        LocalDate.of(2026, 5, 14), // Ascension Day
        LocalDate.of(2026, 5, 17), // Constitution Day (a Sunday)
        LocalDate.of(2026, 5, 24), // Whit Sunday
        LocalDate.of(2026, 5, 25), // Whit Monday
        LocalDate.of(2026, 12, 25), // Christmas Day
        LocalDate.of(2026, 12, 26)); // Boxing Day
  }

  @Test
  void the2026YearHas253WorkingDays() {
    long workingDays = Stream.iterate(LocalDate.of(2026, 1, 1), date -> date.getYear() == 2026,
        date -> date.plusDays(1)).filter(WorkingDays::isWorkingDay).count();

    // 261 weekdays minus the holidays on a weekday: 1 Jan, 2, 3 and 6 Apr, 1 and 14 May, 25 May, 25 Dec
    assertThat(workingDays).isEqualTo(253);
  }

  @ParameterizedTest(name = "{0} is a working day: {1}")
  @CsvSource({
      "2026-05-13, true", "2026-05-14, false", "2026-05-16, false", "2026-05-18, true", "2027-05-17, false",
      "2026-12-24, true", "2026-12-31, true", "2027-03-25, false", "2027-03-29, false", "2027-03-30, true"})
  void weekendsAndHolidaysAreNotWorkingDays(LocalDate date, boolean working) {
    assertThat(WorkingDays.isWorkingDay(date)).isEqualTo(working);
  }

  @ParameterizedTest(name = "{0} plus {1} working days is {2}")
  @CsvSource({
      // Ascension Day, Thursday: Fri 15, Mon 18, Tue 19, Wed 20, Thu 21
      "2026-05-14, 5, 2026-05-21",
      // Whit Monday 25 May is skipped
      "2026-05-20, 5, 2026-05-28",
      // Wednesday before Maundy Thursday: Easter takes Thu-Mon
      "2026-04-01, 1, 2026-04-07",
      "2026-03-27, 5, 2026-04-08",
      // Christmas week 2026: Thu 24, Mon 28, Tue 29, Wed 30, Thu 31, then Fri 1 Jan is a holiday
      "2026-12-23, 5, 2026-12-31",
      "2026-12-23, 6, 2027-01-04",
      // Christmas Day on a Friday does not count; Boxing Day is a Saturday anyway
      "2026-12-24, 1, 2026-12-28",
      // a weekend start counts from Monday
      "2026-03-07, 1, 2026-03-09",
      "2026-03-08, 5, 2026-03-13",
      "2026-03-06, 1, 2026-03-09",
      "2026-03-09, 0, 2026-03-09",
      "2026-03-07, 0, 2026-03-07"})
  void workingDaysSkipWeekendsAndHolidays(LocalDate from, int days, LocalDate expected) {
    assertThat(WorkingDays.plusWorkingDays(from, days)).isEqualTo(expected);
  }

  @Test
  void theSameTimeOfDayIsKeptAcrossADaylightSavingChange() {
    // summer time ends on Sunday 25 October 2026
    ZonedDateTime friday = ZonedDateTime.of(LocalDate.of(2026, 10, 23), LocalTime.of(14, 30), OSLO);

    ZonedDateTime due = WorkingDays.plusWorkingDays(friday, 1);

    assertThat(due).isEqualTo(ZonedDateTime.of(LocalDate.of(2026, 10, 26), LocalTime.of(14, 30), OSLO));
    assertThat(due.getOffset()).isNotEqualTo(friday.getOffset());
  }

  @Test
  void theGpDeadlineOfFiveWorkingDaysFromAscensionDayKeepsTheTime() {
    ZonedDateTime asked = ZonedDateTime.of(LocalDate.of(2026, 5, 14), LocalTime.of(9, 15), OSLO);

    assertThat(WorkingDays.plusWorkingDays(asked, 5))
        .isEqualTo(ZonedDateTime.of(LocalDate.of(2026, 5, 21), LocalTime.of(9, 15), OSLO));
  }

  @Test
  void negativeDaysAreRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> WorkingDays.plusWorkingDays(LocalDate.of(2026, 1, 5), -1));
  }
}
