package no.carepath.metrics.spc;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Anhøj rules for non-random variation in a run chart (Anhøj &amp; Olesen, PLoS ONE 2014; as in
 * the R package qicharts2 and taught by the Norwegian patient-safety programme). Points on the centre
 * line are not useful and are left out; with {@code n} useful points the series signals a shift when
 * its longest run on one side of the centre is longer than {@code round(log2(n) + 3)}, and
 * non-random variation when it crosses the centre fewer than {@code qbinom(0.05, n - 1, 0.5)} times.
 * The rules need at least {@link #MIN_USEFUL} useful points; with fewer they do not judge.
 *
 * <p>Written by hand because no maintained Java library has them; the critical values are computed
 * exactly (binomial tail with whole numbers) and tested against the published table.
 */
public final class AnhojRules {

  /** Fewer useful points than this and the rules do not judge (Anhøj's recommendation). */
  public static final int MIN_USEFUL = 10;

  private static final ConcurrentHashMap<Integer, Integer> CROSSINGS = new ConcurrentHashMap<>();

  private AnhojRules() {
  }

  /**
   * What the rules found.
   *
   * @param useful points not on the centre line (and not missing)
   * @param longestRun the longest run of useful points on one side of the centre
   * @param runLimit a run longer than this is a signal
   * @param longestRunAbove whether that longest run lies above the centre
   * @param longestRunEnd index (in the series) of the last point of the longest run, -1 if none
   * @param crossings how many times consecutive useful points cross the centre
   * @param crossingsLimit fewer crossings than this is a signal
   */
  public record Result(int useful, int longestRun, int runLimit, boolean longestRunAbove, int longestRunEnd,
      int crossings, int crossingsLimit) {

    public boolean judged() {
      return useful >= MIN_USEFUL;
    }

    public boolean runSignal() {
      return judged() && longestRun > runLimit;
    }

    public boolean crossingsSignal() {
      return judged() && crossings < crossingsLimit;
    }

    public boolean signal() {
      return runSignal() || crossingsSignal();
    }
  }

  /**
   * @param values the series, oldest first; {@code null} for a missing point (left out)
   * @param centre the centre line (the median for a run chart, the mean for a control chart)
   */
  public static Result evaluate(List<Double> values, double centre) {
    int useful = 0;
    int crossings = 0;
    int run = 0;
    int longest = 0;
    boolean longestAbove = false;
    int longestEnd = -1;
    Boolean previousAbove = null;
    for (int i = 0; i < values.size(); i++) {
      Double value = values.get(i);
      if (value == null || value == centre) {
        continue;
      }
      boolean above = value > centre;
      useful++;
      if (previousAbove != null && previousAbove != above) {
        crossings++;
        run = 0;
      }
      run++;
      if (run > longest) {
        longest = run;
        longestAbove = above;
        longestEnd = i;
      } else if (run == longest) {
        // the latest of equally long runs: the one a manager acts on
        longestAbove = above;
        longestEnd = i;
      }
      previousAbove = above;
    }
    return new Result(useful, longest, runLimit(useful), longestAbove, longestEnd, crossings, crossingsLimit(useful));
  }

  /** {@code round(log2(n) + 3)}: the longest run a random series of n useful points is expected to have. */
  public static int runLimit(int useful) {
    if (useful < 1) {
      return 0;
    }
    return (int) Math.round(Math.log(useful) / Math.log(2) + 3);
  }

  /**
   * {@code qbinom(0.05, n - 1, 0.5)}: the smallest k with P(X &lt;= k) &gt;= 0.05 for X ~ Bin(n - 1, 1/2),
   * computed exactly: sum of C(n - 1, i) for i &lt;= k, times 20, against 2^(n - 1).
   */
  public static int crossingsLimit(int useful) {
    if (useful < 2) {
      return 0;
    }
    return CROSSINGS.computeIfAbsent(useful, n -> {
      int trials = n - 1;
      BigInteger all = BigInteger.TWO.pow(trials);
      BigInteger cumulative = BigInteger.ZERO;
      BigInteger term = BigInteger.ONE; // C(trials, 0)
      for (int k = 0; k <= trials; k++) {
        cumulative = cumulative.add(term);
        if (cumulative.multiply(BigInteger.valueOf(20)).compareTo(all) >= 0) {
          return k;
        }
        term = term.multiply(BigInteger.valueOf(trials - k)).divide(BigInteger.valueOf(k + 1L));
      }
      return trials;
    });
  }

  /** The median of the values present (the centre line of a run chart); NaN if none. */
  public static double median(List<Double> values) {
    double[] present = values.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).sorted()
        .toArray();
    if (present.length == 0) {
      return Double.NaN;
    }
    int middle = present.length / 2;
    return present.length % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
  }
}
