package no.carepath.metrics.spc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A Pareto chart's figures: categories sorted by count (largest first, ties by name), each with its
 * share and the cumulative share, and which of them are the "vital few" that together make up 80 %
 * (the first categories up to and including the one where the cumulative share reaches 80 %).
 */
public final class Pareto {

  public static final double VITAL_FEW = 0.8;

  public record Bar(String category, long count, double share, double cumulative, boolean vitalFew) {
  }

  private Pareto() {
  }

  public static List<Bar> of(Map<String, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    List<Map.Entry<String, Long>> sorted = counts.entrySet().stream().filter(entry -> entry.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .toList();
    List<Bar> bars = new ArrayList<>();
    long running = 0;
    boolean reached = false;
    for (Map.Entry<String, Long> entry : sorted) {
      running += entry.getValue();
      double cumulative = (double) running / total;
      bars.add(new Bar(entry.getKey(), entry.getValue(), (double) entry.getValue() / total, cumulative, !reached));
      // a rounding hair below 0.8 must not push the next category in
      reached = reached || cumulative >= VITAL_FEW - 1e-12;
    }
    return List.copyOf(bars);
  }
}
