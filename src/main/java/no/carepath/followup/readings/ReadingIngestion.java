package no.carepath.followup.readings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.followup.readings.ObservationMapper.ReadingInput;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.ThresholdSet;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes readings in: validate every Observation, find the patient's open episode, triage each value
 * against the thresholds that apply, store what is new (idempotent), and open or grow a deviation
 * for new deviating readings. One database transaction per request, committed before the answer,
 * so a 2xx means the reading is durable. Bad entries are reported and never written; with
 * {@code allOrNothing} (a FHIR transaction) one bad entry stops the whole request.
 */
@Service
public class ReadingIngestion {

  /** One Observation of a request. */
  public record Entry(int index, Observation observation, String path) {
  }

  public enum Status { CREATED, DUPLICATE, INVALID }

  /** What became of one Observation: its stored readings (triaged), or its problems. */
  public record EntryResult(Entry entry, Status status, List<StoredReading> readings, List<FhirIssue> issues) {
    public Colour colour() {
      return readings.stream().map(reading -> reading.interpretation().colour()).reduce(Colour.GREEN, Colour::max);
    }
  }

  /** A FHIR transaction with a bad entry: nothing was stored. */
  public static final class Rejected extends RuntimeException {
    private final List<EntryResult> results;

    Rejected(List<EntryResult> results) {
      super("transaction rejected");
      this.results = results;
    }

    public List<EntryResult> results() {
      return results;
    }
  }

  private final ObservationMapper mapper;
  private final Enrollments enrollments;
  private final ReadingStore store;
  private final Deviations deviations;
  private final Clock clock;
  private final Counter stored;
  private final Counter duplicates;
  private final Counter rejected;
  private final Map<Colour, Counter> deviating = new LinkedHashMap<>();

  ReadingIngestion(Enrollments enrollments, ReadingStore store, Deviations deviations, MeterRegistry meters,
      @Value("${carepath.intake.accept-real-national-ids}") boolean acceptRealNationalIds, Clock clock) {
    this.mapper = new ObservationMapper(clock, acceptRealNationalIds);
    this.enrollments = enrollments;
    this.store = store;
    this.deviations = deviations;
    this.clock = clock;
    this.stored = Counter.builder("carepath.readings").tag("result", "stored")
        .description("Readings received from the home-monitoring platform").register(meters);
    this.duplicates = Counter.builder("carepath.readings").tag("result", "duplicate").register(meters);
    this.rejected = Counter.builder("carepath.readings").tag("result", "rejected").register(meters);
    for (Colour colour : List.of(Colour.YELLOW, Colour.RED)) {
      deviating.put(colour, Counter.builder("carepath.readings.deviating").tag("colour", colour.name().toLowerCase())
          .description("New readings outside the patient's thresholds").register(meters));
    }
  }

  /**
   * @param municipalities the municipalities the sender serves; a patient of another municipality
   *     is answered as unknown
   */
  @Transactional
  public List<EntryResult> ingest(List<Entry> entries, boolean allOrNothing, Collection<String> municipalities) {
    Instant receivedAt = clock.instant();
    List<ObservationMapper.Result> mapped = entries.stream().map(entry -> mapper.map(entry.observation(), entry.path())).toList();
    Set<String> nationalIds = new HashSet<>();
    mapped.forEach(result -> result.readings().forEach(reading -> nationalIds.add(reading.nationalId())));
    Map<String, Enrollment> enrolled = enrollments.byNationalIds(nationalIds);

    List<EntryResult> results = new ArrayList<>();
    List<StoredReading> candidates = new ArrayList<>();
    Map<Integer, Enrollment> byKey = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      ObservationMapper.Result result = mapped.get(i);
      if (!result.valid()) {
        results.add(new EntryResult(entry, Status.INVALID, List.of(), result.issues()));
        continue;
      }
      Enrollment enrollment = enrolled.get(result.readings().get(0).nationalId());
      FhirIssue notEnrolled = check(enrollment, municipalities, entry.path());
      if (notEnrolled != null) {
        results.add(new EntryResult(entry, Status.INVALID, List.of(), List.of(notEnrolled)));
        continue;
      }
      ThresholdSet thresholds = enrollments.thresholds(enrollment);
      byKey.put(enrollment.monitoringKey(), enrollment);
      List<StoredReading> readings = new ArrayList<>();
      for (ReadingInput input : result.readings()) {
        Interpretation interpretation = thresholds.classify(input.sign(), input.value());
        readings.add(new StoredReading(input.id(), enrollment.monitoringKey(), input.sign(), interpretation,
            input.value(), input.measuredAt(), receivedAt));
      }
      candidates.addAll(readings);
      results.add(new EntryResult(entry, Status.CREATED, readings, List.of()));
    }
    long invalid = results.stream().filter(result -> result.status() == Status.INVALID).count();
    if (allOrNothing && invalid > 0) {
      rejected.increment(entries.size());
      throw new Rejected(results);
    }
    rejected.increment(invalid);

    Set<UUID> inserted = store.insertNew(distinct(candidates));
    List<UUID> resent = candidates.stream().map(StoredReading::id).filter(id -> !inserted.contains(id)).toList();
    Map<UUID, StoredReading> earlier = store.findByIds(resent);
    stored.increment(inserted.size());
    duplicates.increment(resent.size());

    Map<Integer, List<StoredReading>> newDeviating = new LinkedHashMap<>();
    List<EntryResult> answered = new ArrayList<>();
    for (EntryResult result : results) {
      if (result.status() == Status.INVALID) {
        answered.add(result);
        continue;
      }
      boolean anyNew = result.readings().stream().anyMatch(reading -> inserted.contains(reading.id()));
      List<StoredReading> readings = result.readings().stream()
          .map(reading -> inserted.contains(reading.id()) ? reading : earlier.getOrDefault(reading.id(), reading))
          .toList();
      for (StoredReading reading : readings) {
        if (inserted.contains(reading.id()) && reading.interpretation().colour().isDeviation()) {
          newDeviating.computeIfAbsent(reading.monitoringKey(), key -> new ArrayList<>()).add(reading);
          deviating.get(reading.interpretation().colour()).increment();
        }
      }
      answered.add(new EntryResult(result.entry(), anyNew ? Status.CREATED : Status.DUPLICATE, readings, List.of()));
    }
    newDeviating.forEach((key, readings) -> deviations.record(byKey.get(key).episodeId(), readings));
    return answered;
  }

  /**
   * A patient the sender may not send readings for. Whether Carepath knows the national ID number
   * (in the allocation office, or in follow-up not yet measuring) is not the sender's business: every
   * such case gets the same answer, so the endpoint cannot be used to find out who is a patient.
   */
  private static FhirIssue check(Enrollment enrollment, Collection<String> municipalities, String path) {
    if (enrollment == null || !municipalities.contains(enrollment.municipalityNumber()) || !enrollment.measuring()) {
      return FhirIssue.notFound(path + ".subject.identifier", "Ukjent pasient: ingen pasient med dette"
          + " fødselsnummeret er registrert for målinger med digital hjemmeoppfølging i kommunene du sender for."
          + " Sjekk fødselsnummeret; målinger kan sendes når kommunen har registrert pasienten hos dere.");
    }
    return null;
  }

  /** A request may carry the same Observation twice; it is one reading. */
  private static List<StoredReading> distinct(List<StoredReading> readings) {
    Map<UUID, StoredReading> unique = new LinkedHashMap<>();
    readings.forEach(reading -> unique.putIfAbsent(reading.id(), reading));
    return List.copyOf(unique.values());
  }
}
