package no.carepath.quality;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;

import no.carepath.platform.SubmittedForm;
import no.carepath.platform.WorkingDays;

/** Due dates of the avvik process in Norwegian working days, and the rule every free text keeps. */
final class QualityDeadlines {

  private QualityDeadlines() {
  }

  /** This many working days from now, at the same time of day (Oslo). */
  static Date workingDaysFrom(Clock clock, int days) {
    return Date.from(WorkingDays.plusWorkingDays(clock.instant().atZone(Incidents.OSLO), days).toInstant());
  }

  /** This many working days after the day, at 16:00 (Oslo). */
  static Date workingDaysAfter(LocalDate day, int days) {
    return Date.from(WorkingDays.plusWorkingDays(day, days).atTime(16, 0).atZone(Incidents.OSLO).toInstant());
  }

  /** «Straks»: the onward report of a very serious avvik is due this soon after its classification. */
  static final java.time.Duration ONWARD_AT_ONCE = java.time.Duration.ofHours(2);

  /**
   * When a serious avvik must be reported onwards: a very serious one (or death, near death) at once,
   * two hours after the classification; a serious one by the next working day, same time.
   */
  static Date onwardDue(Clock clock, String consequence) {
    return IncidentWords.atOnce(consequence) ? Date.from(clock.instant().plus(ONWARD_AT_ONCE))
        : workingDaysFrom(clock, 1);
  }

  /** The field's text, unless it holds what looks like a national ID number: then a problem, and {@code null}. */
  static String noNationalId(SubmittedForm form, String key) {
    String text = form.text(key);
    if (text != null && Incidents.NATIONAL_ID_LIKE.matcher(text).find()) {
      form.problem("«" + form.label(key) + "» ser ut til å inneholde et fødselsnummer (11 siffer). Skriv ikke"
          + " fødselsnummer i teksten.");
      return null;
    }
    return text;
  }
}
