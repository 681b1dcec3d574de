package no.carepath.metrics.spc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a chart says, at a glance and in words, in the manner of NHS England's "Making Data Count":
 * the variation (common cause, or special cause improving or concerning) and, where the indicator has
 * a target, the assurance (met consistently, hit and miss, missed consistently), with a plain
 * Norwegian explanation of every signal.
 */
public record Verdict(Variation variation, Assurance assurance, List<String> explanations) {

  /** Which way is better. */
  public enum Direction { HIGHER, LOWER, NEITHER }

  public enum Variation {
    TOO_FEW_POINTS("For få punkter"), COMMON_CAUSE("Tilfeldig variasjon"),
    SPECIAL_CAUSE_IMPROVING("Spesiell variasjon: bedring"), SPECIAL_CAUSE_CONCERNING("Spesiell variasjon: forverring"),
    SPECIAL_CAUSE_NEITHER("Spesiell variasjon");

    private final String label;

    Variation(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean special() {
      return name().startsWith("SPECIAL");
    }
  }

  public enum Assurance {
    NO_TARGET("Ingen målverdi"), MET_CONSISTENTLY("Når målet hver gang"), HIT_AND_MISS("Når målet av og til"),
    MISSED_CONSISTENTLY("Når ikke målet");

    private final String label;

    Assurance(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param target the target value, or {@code null}
   * @param unit how a value is shown after the number ("dager", "%"), for the explanations
   */
  public static Verdict of(ControlChart.Chart chart, Direction good, Double target, String unit) {
    List<String> words = new ArrayList<>();
    AnhojRules.Result rules = chart.rules();
    List<ControlChart.Point> points = chart.points();
    ControlChart.Point latest = null;
    for (int i = points.size() - 1; i >= 0 && latest == null; i--) {
      if (points.get(i).value() != null) {
        latest = points.get(i);
      }
    }
    for (ControlChart.Point point : points) {
      if (point.outside()) {
        boolean above = point.value() > point.upper();
        words.add("Punktet for " + point.label() + " (" + number(point.value(), unit) + ") ligger " + (above ? "over øvre"
            : "under nedre") + " kontrollgrense (" + number(above ? point.upper() : point.lower(), unit) + "). Så "
            + (above ? "høye" : "lave") + " verdier er lite sannsynlige som tilfeldig variasjon: finn årsaken.");
      }
    }
    if (rules.runSignal()) {
      words.add(rules.longestRun() + " punkter på rad ligger " + (rules.longestRunAbove() ? "over" : "under")
          + " midtlinjen; ved tilfeldig variasjon ventes høyst " + rules.runLimit() + " med " + rules.useful()
          + " punkter. Prosessen har trolig endret seg (et skift).");
    }
    if (rules.crossingsSignal()) {
      words.add("Kurven krysser midtlinjen bare " + rules.crossings() + " ganger; ved tilfeldig variasjon ventes minst "
          + rules.crossingsLimit() + " med " + rules.useful() + " punkter. Variasjonen er ikke tilfeldig: se etter"
          + " perioder som skiller seg ut eller en trend.");
    }
    Variation variation;
    if (latest == null || !rules.judged() && !chart.anyOutside()) {
      variation = Variation.TOO_FEW_POINTS;
      words.add("For få punkter til å vurdere variasjonen: Anhøj-reglene trenger minst " + AnhojRules.MIN_USEFUL
          + " punkter som ikke ligger på midtlinjen (nå " + rules.useful() + ").");
    } else if (words.isEmpty()) {
      variation = Variation.COMMON_CAUSE;
      words.add("Bare tilfeldig variasjon: ingen punkter utenfor kontrollgrensene, ingen uvanlig lange serier og"
          + " nok kryssinger av midtlinjen. Resultatet endrer seg ikke uten at prosessen endres.");
    } else {
      boolean above = latest.outside() ? latest.value() > latest.upper()
          : rules.runSignal() ? rules.longestRunAbove() : latest.value() > chart.centre();
      variation = good == Direction.NEITHER ? Variation.SPECIAL_CAUSE_NEITHER
          : above == (good == Direction.HIGHER) ? Variation.SPECIAL_CAUSE_IMPROVING : Variation.SPECIAL_CAUSE_CONCERNING;
    }
    return new Verdict(variation, assurance(latest, good, target, unit, words), List.copyOf(words));
  }

  private static Assurance assurance(ControlChart.Point latest, Direction good, Double target, String unit,
      List<String> words) {
    if (target == null || latest == null || latest.lower() == null || good == Direction.NEITHER) {
      return Assurance.NO_TARGET;
    }
    boolean higher = good == Direction.HIGHER;
    double worstLimit = higher ? latest.lower() : latest.upper();
    double bestLimit = higher ? latest.upper() : latest.lower();
    boolean worstMeets = higher ? worstLimit >= target : worstLimit <= target;
    boolean bestMeets = higher ? bestLimit >= target : bestLimit <= target;
    if (worstMeets) {
      words.add("Målet (" + number(target, unit) + ") nås hver gang så lenge prosessen er som nå: hele området mellom"
          + " kontrollgrensene ligger på riktig side.");
      return Assurance.MET_CONSISTENTLY;
    }
    if (!bestMeets) {
      words.add("Målet (" + number(target, unit) + ") nås ikke uten at prosessen endres: hele området mellom"
          + " kontrollgrensene ligger på feil side.");
      return Assurance.MISSED_CONSISTENTLY;
    }
    words.add("Målet (" + number(target, unit) + ") ligger mellom kontrollgrensene: det nås noen ganger og ikke andre,"
        + " av tilfeldighet.");
    return Assurance.HIT_AND_MISS;
  }

  /** Norwegian: decimal comma, at most two decimals; a share as per cent. */
  static String number(double value, String unit) {
    double shown = "%".equals(unit) ? value * 100 : value;
    String text = String.format(Locale.forLanguageTag("nb-NO"), "%.2f", shown).replaceAll(",?0+$", "");
    return unit == null || unit.isEmpty() ? text : text + ("%".equals(unit) ? " %" : " " + unit);
  }
}
