package no.carepath.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import no.carepath.followup.triage.ClinicalFloors;
import no.carepath.followup.triage.ConfiguredFloors;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.News2;
import no.carepath.followup.triage.ThresholdProposal;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.TimedValue;
import no.carepath.followup.triage.VitalSign;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Performance scenario S4: triage of one reading against the patient's thresholds, target at least 100,000
 * evaluations per second per core; and NEWS2 scoring of a complete set. Run with
 * {@code ./mvnw -B -Pbenchmark test-compile exec:exec} (one thread, so the figure is per core); the table
 * lands in {@code target/benchmarks/triage.txt}.
 *
 * <p>100,000 patients each get the municipality's defaults and individual thresholds proposed from a
 * simulated trial period, as in production. Patients, signs and values of the readings are drawn once
 * in {@link #setUp()} into arrays larger than the caches, so the benchmark measures triage (including
 * the cache miss of fetching a random patient's limits), not random number generation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TriageBenchmark {

  private static final int PATIENTS = 100_000;
  /** Proposals are bounded by the configured clinical floors, as in the application. */
  private static final ClinicalFloors FLOORS = ConfiguredFloors.defaults();
  /** A power of two, so the next reading is an AND, not a modulo. */
  private static final int READINGS = 1 << 20;
  private static final int NEWS2_SETS = 1 << 12;
  private static final Duration HOUR = Duration.ofHours(1);

  /** Benchmark input resembling a municipality's defaults; not clinical advice. */
  private static final List<Thresholds> DEFAULTS = List.of(
      new Thresholds(VitalSign.SYSTOLIC_BP, 90.0, 100.0, 160.0, 180.0),
      new Thresholds(VitalSign.DIASTOLIC_BP, 40.0, 50.0, 95.0, 110.0),
      new Thresholds(VitalSign.PULSE, 40.0, 50.0, 100.0, 120.0),
      new Thresholds(VitalSign.SPO2, 88.0, 92.0, null, null),
      new Thresholds(VitalSign.TEMPERATURE, 35.0, 36.0, 38.0, 39.0),
      new Thresholds(VitalSign.GLUCOSE, 3.0, 4.0, 12.0, 20.0),
      new Thresholds(VitalSign.RESPIRATORY_RATE, 8.0, 12.0, 20.0, 25.0));

  /** The measured signs, with the range readings are drawn from (wider than normal, so every colour occurs). */
  private static final VitalSign[] MEASURED = {VitalSign.SYSTOLIC_BP, VitalSign.DIASTOLIC_BP, VitalSign.PULSE,
      VitalSign.SPO2, VitalSign.TEMPERATURE, VitalSign.WEIGHT, VitalSign.GLUCOSE, VitalSign.RESPIRATORY_RATE};
  private static final double[][] READING_RANGE = {{80, 200}, {40, 120}, {35, 140}, {82, 100}, {34.5, 40},
      {40, 150}, {2, 25}, {6, 30}};

  private ThresholdSet[] sets;
  private int[] patientOfReading;
  private VitalSign[] signOfReading;
  private double[] valueOfReading;
  private int nextReading;

  private Map<VitalSign, TimedValue>[] news2Sets;
  private boolean[] scale2;
  private int nextNews2;

  private org.camunda.bpm.dmn.engine.DmnEngine dmn;
  private org.camunda.bpm.dmn.engine.DmnDecision decisionTable;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    dmn = org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (java.io.InputStream model = TriageBenchmark.class.getResourceAsStream("/benchmark/triage-peer.dmn")) {
      decisionTable = dmn.parseDecision("triage-peer", model);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Random random = new Random(2026);
    sets = new ThresholdSet[PATIENTS];
    for (int patient = 0; patient < PATIENTS; patient++) {
      sets[patient] = ThresholdSet.of(DEFAULTS, individualThresholds(random));
    }

    patientOfReading = new int[READINGS];
    signOfReading = new VitalSign[READINGS];
    valueOfReading = new double[READINGS];
    for (int i = 0; i < READINGS; i++) {
      int sign = random.nextInt(MEASURED.length);
      patientOfReading[i] = random.nextInt(PATIENTS);
      signOfReading[i] = MEASURED[sign];
      double[] range = READING_RANGE[sign];
      valueOfReading[i] = range[0] + random.nextDouble() * (range[1] - range[0]);
    }

    news2Sets = new Map[NEWS2_SETS];
    scale2 = new boolean[NEWS2_SETS];
    Instant now = Instant.parse("2026-03-02T08:00:00Z");
    for (int i = 0; i < NEWS2_SETS; i++) {
      Map<VitalSign, TimedValue> set = new EnumMap<>(VitalSign.class);
      set.put(VitalSign.RESPIRATORY_RATE, timed(6 + random.nextInt(25), now, random));
      set.put(VitalSign.SPO2, timed(82 + random.nextInt(19), now, random));
      set.put(VitalSign.INHALED_OXYGEN, timed(random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 0, now, random));
      set.put(VitalSign.SYSTOLIC_BP, timed(80 + random.nextInt(150), now, random));
      set.put(VitalSign.PULSE, timed(35 + random.nextInt(110), now, random));
      set.put(VitalSign.CONSCIOUSNESS, timed(random.nextInt(10) == 0 ? 1 + random.nextInt(4) : 0, now, random));
      set.put(VitalSign.TEMPERATURE, timed(34.5 + random.nextInt(56) / 10.0, now, random));
      news2Sets[i] = set;
      scale2[i] = random.nextInt(10) == 0;
    }
  }

  /** One reading of a random patient: the S4 hot path. */
  @Benchmark
  public Interpretation classifyReading() {
    int i = nextReading++ & (READINGS - 1);
    return sets[patientOfReading[i]].classify(signOfReading[i], valueOfReading[i]);
  }

  /**
   * The peer of S4: the same triage as a Camunda decision table (FIRST hit policy, default FEEL
   * engine), the way a process model would call it, for the same readings and limits.
   */
  @Benchmark
  public Object classifyReadingWithDecisionTable() {
    int i = nextReading++ & (READINGS - 1);
    Thresholds limits = sets[patientOfReading[i]].forSign(signOfReading[i]).orElse(NO_LIMITS);
    org.camunda.bpm.engine.variable.VariableMap variables = org.camunda.bpm.engine.variable.Variables.createVariables()
        .putValue("value", valueOfReading[i])
        .putValue("redBelow", bound(limits.redBelow(), Double.NEGATIVE_INFINITY))
        .putValue("yellowBelow", bound(limits.yellowBelow(), Double.NEGATIVE_INFINITY))
        .putValue("yellowAbove", bound(limits.yellowAbove(), Double.POSITIVE_INFINITY))
        .putValue("redAbove", bound(limits.redAbove(), Double.POSITIVE_INFINITY));
    return dmn.evaluateDecisionTable(decisionTable, variables).getSingleEntry();
  }

  private static final Thresholds NO_LIMITS = new Thresholds(VitalSign.WEIGHT, null, null, null, null);

  private static double bound(Double value, double none) {
    return value == null ? none : value;
  }

  /** NEWS2 of a complete, time-aligned set, including the completeness and time-window checks. */
  @Benchmark
  public Optional<News2.Score> scoreNews2() {
    int i = nextNews2++ & (NEWS2_SETS - 1);
    return News2.of(news2Sets[i], scale2[i], HOUR);
  }

  /** Individual limits for a few signs, proposed from two simulated weeks of daily readings. */
  private static List<Thresholds> individualThresholds(Random random) {
    List<Thresholds> individual = new ArrayList<>();
    addProposal(individual, VitalSign.SYSTOLIC_BP, 135 + random.nextGaussian() * 15, 3 + random.nextDouble() * 9,
        random);
    addProposal(individual, VitalSign.PULSE, 72 + random.nextGaussian() * 10, 2 + random.nextDouble() * 6, random);
    if (random.nextBoolean()) {
      addProposal(individual, VitalSign.SPO2, 95 + random.nextGaussian() * 2, 0.5 + random.nextDouble() * 1.5, random);
    }
    if (random.nextBoolean()) {
      addProposal(individual, VitalSign.WEIGHT, 80 + random.nextGaussian() * 15, 0.2 + random.nextDouble(), random);
    }
    return individual;
  }

  private static void addProposal(List<Thresholds> individual, VitalSign sign, double baseline, double sd,
      Random random) {
    List<Double> readings = new ArrayList<>(14);
    for (int day = 0; day < 14; day++) {
      readings.add(Math.min(sign.plausibleMax(), baseline + random.nextGaussian() * sd));
    }
    ThresholdProposal.propose(sign, readings, FLOORS).ifPresent(proposal -> individual.add(proposal.thresholds()));
  }

  private static TimedValue timed(double value, Instant now, Random random) {
    return new TimedValue(value, now.minusSeconds(random.nextInt(1_800)));
  }
}
