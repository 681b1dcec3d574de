package no.carepath.followup.readings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
import no.carepath.followup.triage.VitalSign;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes readings in: validate every Observation, find the patient's open episode, triage each value
 * against the thresholds that apply, store what is new, and open or grow a deviation for new
 * deviating readings. One database transaction per request, committed before the answer, so a 2xx
 * means the reading is durable.
 *
 * <p>One rule for idempotency, within a request and across requests: an Observation is known by its
 * identifier ({@code system|value}). The same identifier with the same content (patient, signs,
 * values, time) is a resend: answered 200 with what was stored the first time, stored once. With
 * other content it is a conflict: answered 409 naming both, nothing stored for it. A deviation is
 * opened only from readings this request stored, with the values stored, in the same transaction.
 *
 * <p>Bad entries are reported and never written; with {@code allOrNothing} (a FHIR transaction) one
 * bad entry stops the whole request, and every bad entry is named.
 */
@Service
public class ReadingIngestion {

  /** One Observation of a request. */
  public record Entry(int index, Observation observation, String path) {
  }

  /** What became of an entry, with the HTTP status FHIR gives it. */
  public enum Status {
    CREATED(201, "201 Created"), DUPLICATE(200, "200 OK"), INVALID(400, "400 Bad Request"),
    NOT_ALLOWED(405, "405 Method Not Allowed"), CONFLICT(409, "409 Conflict"),
    UNKNOWN_PATIENT(422, "422 Unprocessable Entity");

    private final int code;
    private final String line;

    Status(int code, String line) {
      this.code = code;
      this.line = line;
    }

    public int code() {
      return code;
    }

    /** As {@code Bundle.entry.response.status}. */
    public String line() {
      return line;
    }

    public boolean failed() {
      return code >= 400;
    }
  }

  /** What became of one Observation: its stored readings (triaged), or its problems. */
  public record EntryResult(Entry entry, Status status, List<StoredReading> readings, List<FhirIssue> issues) {
    public Colour colour() {
      return readings.stream().map(reading -> reading.interpretation().colour()).reduce(Colour.GREEN, Colour::max);
    }

    static EntryResult failed(Entry entry, Status status, List<FhirIssue> issues) {
      return new EntryResult(entry, status, List.of(), issues);
    }
  }

  /** A FHIR transaction with a bad entry: nothing was stored. */
  public static final class Rejected extends RuntimeException {
    private final List<EntryResult> results;

    public Rejected(List<EntryResult> results) {
      super("transaction rejected");
      this.results = results;
    }

    public List<EntryResult> results() {
      return results;
    }
  }

  private static final java.time.format.DateTimeFormatter EXACT_TIME =
      java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm:ss");

  private final ObservationMapper mapper;
  private final Enrollments enrollments;
  private final ReadingStore store;
  private final Deviations deviations;
  private final Clock clock;
  private final Counter stored;
  private final Counter duplicates;
  private final Counter rejected;
  private final Counter conflicts;
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
    this.conflicts = Counter.builder("carepath.readings").tag("result", "conflict").register(meters);
    for (Colour colour : List.of(Colour.YELLOW, Colour.RED)) {
      deviating.put(colour, Counter.builder("carepath.readings.deviating").tag("colour", colour.name().toLowerCase())
          .description("New readings outside the patient's thresholds").register(meters));
    }
  }

  /**
   * @param municipalities the municipalities the sender serves; a patient of another municipality
   *     is answered as unknown
   * @return one result per entry, in the entries' order
   */
  @Transactional
  public List<EntryResult> ingest(List<Entry> entries, boolean allOrNothing, Collection<String> municipalities) {
    return ingest(entries, allOrNothing, false, municipalities);
  }

  /**
   * @param othersFailed other entries of the same transaction failed before they got here: judge these
   *     (to name every failing entry) but store none
   */
  @Transactional
  public List<EntryResult> ingest(List<Entry> entries, boolean allOrNothing, boolean othersFailed,
      Collection<String> municipalities) {
    List<ObservationMapper.Result> mapped = entries.stream().map(this::validate).toList();
    return ingest(entries, mapped, allOrNothing, othersFailed, i -> municipalities);
  }

  /** Checks one Observation on its own, without the database: its structure, values, unit, time and identifier. */
  public ObservationMapper.Result validate(Entry entry) {
    return mapper.map(entry.observation(), entry.path());
  }

  /** The answer to an Observation that {@link #validate} refused (counted as rejected). */
  public EntryResult refuse(Entry entry, ObservationMapper.Result mapped) {
    rejected.increment();
    return EntryResult.failed(entry, Status.INVALID, mapped.issues());
  }

  /**
   * Stores the Observations of several single requests in the caller's one transaction (group
   * commit), each answered as if it had come alone: an unknown patient or a conflict fails only its
   * own entry. The entries must have different identifiers (a later request with the identifier of
   * an earlier one goes in a later group, so that it sees what the earlier one stored).
   *
   * @param mapped each entry's {@link #validate} result, all valid
   * @param municipalities each entry's sender's municipalities
   */
  @Transactional
  public List<EntryResult> ingestGroup(List<Entry> entries, List<ObservationMapper.Result> mapped,
      List<? extends Collection<String>> municipalities) {
    return ingest(entries, mapped, false, false, municipalities::get);
  }

  private List<EntryResult> ingest(List<Entry> entries, List<ObservationMapper.Result> mapped, boolean allOrNothing,
      boolean othersFailed, java.util.function.IntFunction<Collection<String>> municipalities) {
    Instant receivedAt = clock.instant();
    Set<String> nationalIds = new HashSet<>();
    mapped.forEach(result -> result.readings().forEach(reading -> nationalIds.add(reading.nationalId())));
    Map<String, Enrollment> enrolled = enrollments.byNationalIds(nationalIds);

    EntryResult[] results = new EntryResult[entries.size()];
    Map<Integer, Enrollment> byKey = new HashMap<>();
    // the first valid entry of each identifier in this request, and its triaged readings
    Map<String, Integer> firstOfKey = new LinkedHashMap<>();
    Map<Integer, List<StoredReading>> proposed = new HashMap<>();
    Map<Integer, Integer> repeats = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      ObservationMapper.Result result = mapped.get(i);
      if (!result.valid()) {
        results[i] = EntryResult.failed(entry, Status.INVALID, result.issues());
        continue;
      }
      Enrollment enrollment = enrolled.get(result.readings().get(0).nationalId());
      FhirIssue notEnrolled = check(enrollment, municipalities.apply(i), entry.path());
      if (notEnrolled != null) {
        results[i] = EntryResult.failed(entry, Status.UNKNOWN_PATIENT, List.of(notEnrolled));
        continue;
      }
      ThresholdSet thresholds = enrollments.thresholds(enrollment);
      byKey.put(enrollment.monitoringKey(), enrollment);
      List<StoredReading> readings = new ArrayList<>();
      for (ReadingInput input : result.readings()) {
        Interpretation interpretation = thresholds.classify(input.sign(), input.value().doubleValue());
        readings.add(new StoredReading(input.id(), enrollment.monitoringKey(), input.sign(), interpretation,
            input.value(), input.sentValue(), input.sentUnit(), input.measuredAt(), receivedAt));
      }
      String key = result.readings().get(0).observationKey();
      Integer first = firstOfKey.putIfAbsent(key, i);
      if (first == null) {
        proposed.put(i, readings);
      } else if (sameContent(proposed.get(first), readings)) {
        repeats.put(i, first); // answered as the first, below
      } else {
        results[i] = EntryResult.failed(entry, Status.CONFLICT, List.of(conflictInRequest(entry, entries.get(first), key)));
      }
    }

    if (allOrNothing && (othersFailed
        || Arrays.stream(results).anyMatch(result -> result != null && result.status().failed()))) {
      // a transaction that fails anyway: name the conflicts with stored readings too, then store nothing
      markConflictsWithStored(results, entries, firstOfKey, proposed);
      rejected.increment(entries.size());
      throw new Rejected(complete(results, entries, proposed, repeats));
    }

    // one statement: insert what is new, and find what earlier requests stored under the same
    // identifiers for other signs (a reused identifier with another sign is other content)
    List<StoredReading> toInsert = new ArrayList<>();
    Map<UUID, String> keyOfOther = new HashMap<>();
    for (Map.Entry<String, Integer> first : firstOfKey.entrySet()) {
      List<StoredReading> readings = proposed.get(first.getValue());
      toInsert.addAll(readings);
      Set<VitalSign> signs = readings.stream().map(StoredReading::sign).collect(java.util.stream.Collectors.toSet());
      for (VitalSign sign : VitalSign.values()) {
        if (!signs.contains(sign)) {
          keyOfOther.put(ObservationMapper.readingId(first.getKey(), sign), first.getKey());
        }
      }
    }
    ReadingStore.Inserted outcome = store.insertNew(toInsert, keyOfOther.keySet());
    Set<UUID> inserted = new HashSet<>(outcome.inserted());
    Set<String> keysWithOthers = new HashSet<>();
    outcome.present().forEach(id -> keysWithOthers.add(keyOfOther.get(id)));
    for (Map.Entry<String, Integer> first : firstOfKey.entrySet()) {
      int i = first.getValue();
      List<StoredReading> readings = proposed.get(i);
      boolean allNew = readings.stream().allMatch(reading -> inserted.contains(reading.id()));
      if (allNew && !keysWithOthers.contains(first.getKey())) {
        results[i] = new EntryResult(entries.get(i), Status.CREATED, readings, List.of());
        continue;
      }
      // a resend or a conflict: compare with what was there before this request
      List<UUID> ours = readings.stream().map(StoredReading::id).filter(inserted::contains).toList();
      List<UUID> all = java.util.Arrays.stream(VitalSign.values())
          .map(sign -> ObservationMapper.readingId(first.getKey(), sign)).filter(id -> !ours.contains(id)).toList();
      List<StoredReading> before = sorted(List.copyOf(store.findByIds(all).values()));
      if (ours.isEmpty() && sameContent(before, readings)) {
        results[i] = new EntryResult(entries.get(i), Status.DUPLICATE, before, List.of());
        continue;
      }
      results[i] = EntryResult.failed(entries.get(i), Status.CONFLICT,
          List.of(conflictWithStored(entries.get(i), first.getKey(), before, readings)));
      if (allOrNothing) {
        rejected.increment(entries.size());
        throw new Rejected(complete(results, entries, proposed, repeats));
      }
      // what this request inserted for a conflicting entry goes again
      store.delete(ours);
      inserted.removeAll(ours);
    }
    List<EntryResult> answered = complete(results, entries, proposed, repeats);

    Map<Integer, List<StoredReading>> newDeviating = new LinkedHashMap<>();
    for (EntryResult result : answered) {
      switch (result.status()) {
        case CREATED -> {
          stored.increment(result.readings().size());
          for (StoredReading reading : result.readings()) {
            if (reading.interpretation().colour().isDeviation()) {
              newDeviating.computeIfAbsent(reading.monitoringKey(), key -> new ArrayList<>()).add(reading);
              deviating.get(reading.interpretation().colour()).increment();
            }
          }
        }
        case DUPLICATE -> duplicates.increment(result.readings().size());
        case CONFLICT -> conflicts.increment();
        default -> rejected.increment();
      }
    }
    newDeviating.forEach((key, readings) -> deviations.record(byKey.get(key).episodeId(), readings));
    return answered;
  }

  private void markConflictsWithStored(EntryResult[] results, List<Entry> entries, Map<String, Integer> firstOfKey,
      Map<Integer, List<StoredReading>> proposed) {
    Map<UUID, String> keyOfId = new HashMap<>();
    firstOfKey.forEach((key, i) -> {
      if (results[i] == null) {
        for (VitalSign sign : VitalSign.values()) {
          keyOfId.put(ObservationMapper.readingId(key, sign), key);
        }
      }
    });
    Map<String, List<StoredReading>> stored = new HashMap<>();
    store.findByIds(keyOfId.keySet()).values()
        .forEach(reading -> stored.computeIfAbsent(keyOfId.get(reading.id()), key -> new ArrayList<>()).add(reading));
    stored.forEach((key, before) -> {
      int i = firstOfKey.get(key);
      if (!sameContent(before, proposed.get(i))) {
        results[i] = EntryResult.failed(entries.get(i), Status.CONFLICT,
            List.of(conflictWithStored(entries.get(i), key, sorted(before), proposed.get(i))));
      }
    });
  }

  /**
   * Fills in the entries that repeat an earlier entry of the request (answered as that entry: a resend
   * of something stored is a 200, of something refused the same refusal), and, when a transaction
   * stops before storing, the entries not yet decided.
   */
  private static List<EntryResult> complete(EntryResult[] results, List<Entry> entries,
      Map<Integer, List<StoredReading>> proposed, Map<Integer, Integer> repeats) {
    List<EntryResult> complete = new ArrayList<>(results.length);
    for (int i = 0; i < results.length; i++) {
      EntryResult result = results[i];
      Integer first = repeats.get(i);
      if (first != null) {
        EntryResult original = results[first];
        result = original == null || !original.status().failed()
            ? new EntryResult(entries.get(i), Status.DUPLICATE, original == null ? proposed.get(first) : original.readings(),
                List.of())
            : EntryResult.failed(entries.get(i), original.status(), original.issues());
      } else if (result == null) {
        result = new EntryResult(entries.get(i), Status.CREATED, proposed.getOrDefault(i, List.of()), List.of());
      }
      complete.add(result);
    }
    return complete;
  }

  private static boolean sameContent(List<StoredReading> a, List<StoredReading> b) {
    if (a.size() != b.size()) {
      return false;
    }
    List<StoredReading> left = sorted(a);
    List<StoredReading> right = sorted(b);
    for (int i = 0; i < left.size(); i++) {
      if (!left.get(i).sameContent(right.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<StoredReading> sorted(List<StoredReading> readings) {
    return readings.stream().sorted(java.util.Comparator.comparingInt(reading -> reading.sign().code())).toList();
  }

  private static FhirIssue conflictInRequest(Entry entry, Entry first, String key) {
    return FhirIssue.conflict(entry.path() + ".identifier", "Observation.identifier «" + key + "» er brukt to ganger i"
        + " samme Bundle med ulikt innhold: i " + first.path() + " og i " + entry.path() + ". Samme identifikator betyr"
        + " samme måling; en ny måling må ha sin egen identifikator. Bare den første er behandlet.");
  }

  /** Names what is stored only when it is the same patient's: an identifier must not show another patient's values. */
  private FhirIssue conflictWithStored(Entry entry, String key, List<StoredReading> stored, List<StoredReading> sent) {
    boolean samePatient = !stored.isEmpty() && !sent.isEmpty()
        && stored.stream().allMatch(reading -> reading.monitoringKey() == sent.get(0).monitoringKey());
    return FhirIssue.conflict(entry.path() + ".identifier", "Observation.identifier «" + key + "» er mottatt før med"
        + " annet innhold (" + (samePatient ? "lagret: " + exactly(sorted(stored)) + "; nå sendt: "
        + exactly(sorted(sent)) : "for en annen måling") + "). Samme identifikator betyr samme måling: den"
        + " lagrede målingen er beholdt, og denne er ikke lagret. En ny måling må ha sin egen identifikator.");
  }

  /** Values and times to the second: two readings that differ only in the seconds must not read the same. */
  private String exactly(List<StoredReading> readings) {
    return readings.stream().map(reading -> Deviations.describe(reading) + " målt "
            + EXACT_TIME.format(reading.measuredAt().atZone(clock.getZone())))
        .collect(java.util.stream.Collectors.joining(", "));
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
}
