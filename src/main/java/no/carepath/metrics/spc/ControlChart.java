package no.carepath.metrics.spc;

import java.util.ArrayList;
import java.util.List;

/**
 * Shewhart control charts with 3-sigma limits, for the three kinds of indicator a manager follows:
 * <ul>
 *   <li>{@link Type#I}: individual values (times, counts) with limits from the average moving range
 *       (XmR: centre ± 2.66 × mean moving range), as NHS "Making Data Count" uses;</li>
 *   <li>{@link Type#P}: a share (numerator of denominator), limits p̄ ± 3√(p̄(1−p̄)/nᵢ), varying with each
 *       point's denominator and kept within 0 and 1;</li>
 *   <li>{@link Type#U}: a rate per exposure (deviations per patient-day), limits ū ± 3√(ū/nᵢ), never below 0.</li>
 * </ul>
 * The centre and limits come from a baseline (the first {@code baseline} points, frozen), or from all
 * points. A point with a zero denominator is left out (no value, no limits). Points outside the limits
 * are marked, and the Anhøj rules are applied around the centre line.
 */
public final class ControlChart {

  public enum Type { I, P, U }

  /** XmR: 3 / d2 with d2 = 1.128 for moving ranges of two points. */
  static final double XMR_FACTOR = 2.66;

  /** One period's figures: for I only {@code numerator} (the value); for P and U the count and its denominator. */
  public record Observation(String label, double numerator, double denominator) {

    public static Observation value(String label, double value) {
      return new Observation(label, value, 1);
    }
  }

  /**
   * One point as charted.
   *
   * @param value {@code null} when the denominator was zero
   * @param lower lower limit ({@code null} when there is no value, or for an I chart with fewer than two points)
   */
  public record Point(String label, Double value, Double lower, Double upper, boolean outside) {
  }

  /**
   * @param baseline how many points the centre and limits were computed from
   */
  public record Chart(Type type, double centre, int baseline, List<Point> points, AnhojRules.Result rules) {

    public List<Double> values() {
      return points.stream().map(Point::value).toList();
    }

    public boolean anyOutside() {
      return points.stream().anyMatch(Point::outside);
    }
  }

  private ControlChart() {
  }

  /**
   * @param baseline use the first {@code baseline} observations for the centre and limits (a frozen
   *     baseline); 0 or more than there are: all of them
   */
  public static Chart of(Type type, List<Observation> observations, int baseline) {
    int base = baseline <= 0 || baseline > observations.size() ? observations.size() : baseline;
    List<Observation> reference = observations.subList(0, base);
    return switch (type) {
      case I -> individuals(observations, reference, base);
      case P, U -> attributes(type, observations, reference, base);
    };
  }

  private static Chart individuals(List<Observation> observations, List<Observation> reference, int base) {
    double centre = reference.stream().mapToDouble(Observation::numerator).average().orElse(Double.NaN);
    double movingRange = 0;
    for (int i = 1; i < reference.size(); i++) {
      movingRange += Math.abs(reference.get(i).numerator() - reference.get(i - 1).numerator());
    }
    boolean limits = reference.size() >= 2;
    double averageRange = limits ? movingRange / (reference.size() - 1) : Double.NaN;
    List<Point> points = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Observation observation : observations) {
      double value = observation.numerator();
      Double lower = limits ? centre - XMR_FACTOR * averageRange : null;
      Double upper = limits ? centre + XMR_FACTOR * averageRange : null;
      points.add(new Point(observation.label(), value, lower, upper, limits && (value < lower || value > upper)));
      values.add(value);
    }
    return new Chart(Type.I, centre, base, List.copyOf(points), AnhojRules.evaluate(values, centre));
  }

  private static Chart attributes(Type type, List<Observation> observations, List<Observation> reference, int base) {
    double numerator = reference.stream().mapToDouble(Observation::numerator).sum();
    double denominator = reference.stream().mapToDouble(Observation::denominator).sum();
    double centre = denominator > 0 ? numerator / denominator : Double.NaN;
    List<Point> points = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Observation observation : observations) {
      if (observation.denominator() <= 0 || Double.isNaN(centre)) {
        points.add(new Point(observation.label(), null, null, null, false));
        values.add(null);
        continue;
      }
      double value = observation.numerator() / observation.denominator();
      double sigma = type == Type.P
          ? Math.sqrt(centre * (1 - centre) / observation.denominator())
          : Math.sqrt(centre / observation.denominator());
      double lower = Math.max(0, centre - 3 * sigma);
      double upper = type == Type.P ? Math.min(1, centre + 3 * sigma) : centre + 3 * sigma;
      points.add(new Point(observation.label(), value, lower, upper, value < lower || value > upper));
      values.add(value);
    }
    return new Chart(type, centre, base, List.copyOf(points), AnhojRules.evaluate(values, centre));
  }
}
