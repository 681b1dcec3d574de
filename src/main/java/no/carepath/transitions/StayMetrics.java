package no.carepath.transitions;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.security.Municipalities;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The cost clock for managers, per municipality (never per patient): {@code carepath_hospital_ready_for_discharge_patients}
 * (patients reported ready and still in hospital) and {@code carepath_hospital_ready_for_discharge_days} (the days they
 * have waited so far), refreshed every minute; {@code carepath_hospital_days_waiting_after_ready_total} counts the days
 * of the stays that ended. Whether the hospital's messages came in time, over the stays begun in the last 90 days:
 * {@code carepath_hospital_messages_on_time{message}} of {@code carepath_hospital_messages_expected{message}} for
 * {@code message} = {@code admission_notice} (within 24 hours), {@code health_information} and
 * {@code discharge_summary} (on the discharge day), {@code carepath_hospital_admissions_not_notified} and
 * {@code carepath_hospital_discharges_not_notified}.
 */
@Component
class StayMetrics {

  static final List<String> MESSAGES = List.of("admission_notice", "health_information", "discharge_summary");

  private final StayStore stays;
  private final TransitionsProperties properties;
  private final Clock clock;
  private final Map<String, AtomicLong> onTime = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> notNotified = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> dischargesNotNotified = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> patients = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> days = new ConcurrentHashMap<>();

  StayMetrics(StayStore stays, Municipalities municipalities, MeterRegistry meters, TransitionsProperties properties,
      Clock clock) {
    this.stays = stays;
    this.properties = properties;
    this.clock = clock;
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      AtomicLong waiting = patients.computeIfAbsent(municipality, m -> new AtomicLong());
      AtomicLong waited = days.computeIfAbsent(municipality, m -> new AtomicLong());
      Gauge.builder("carepath.hospital.ready.for.discharge.patients", waiting, AtomicLong::get)
          .tag("municipality", municipality).description("Patients reported ready for discharge, still in hospital")
          .register(meters);
      Gauge.builder("carepath.hospital.ready.for.discharge.days", waited, AtomicLong::get)
          .tag("municipality", municipality).description("Days waited so far by patients ready for discharge")
          .register(meters);
      for (String message : MESSAGES) {
        Gauge.builder("carepath.hospital.messages.on.time", onTime.computeIfAbsent(municipality + "/" + message,
                key -> new AtomicLong()), AtomicLong::get)
            .tags("municipality", municipality, "message", message)
            .description("Hospital messages that came in time, stays begun in the last 90 days").register(meters);
        Gauge.builder("carepath.hospital.messages.expected", expected.computeIfAbsent(municipality + "/" + message,
                key -> new AtomicLong()), AtomicLong::get)
            .tags("municipality", municipality, "message", message)
            .description("Hospital messages due, stays begun in the last 90 days").register(meters);
      }
      Gauge.builder("carepath.hospital.admissions.not.notified", notNotified.computeIfAbsent(municipality,
              key -> new AtomicLong()), AtomicLong::get)
          .tag("municipality", municipality)
          .description("Stays begun in the last 90 days the hospital sent no admission notice for").register(meters);
      Gauge.builder("carepath.hospital.discharges.not.notified", dischargesNotNotified.computeIfAbsent(municipality,
              key -> new AtomicLong()), AtomicLong::get)
          .tag("municipality", municipality)
          .description("Stays begun in the last 90 days whose discharge the municipality learned of only by asking")
          .register(meters);
    }
  }

  @Scheduled(fixedDelayString = "PT60S", initialDelayString = "PT10S")
  synchronized void refresh() {
    patients.values().forEach(count -> count.set(0));
    days.values().forEach(count -> count.set(0));
    for (Object[] row : stays.readyNow()) {
      AtomicLong count = patients.get((String) row[0]);
      if (count != null) {
        count.set((Long) row[1]);
        days.get((String) row[0]).set((Long) row[2]);
      }
    }
    Map<String, List<MessageTimeliness.StayTimes>> byMunicipality = stays.times(notNotified.keySet(),
            clock.instant().minus(StayPages.TIMELINESS_DAYS, ChronoUnit.DAYS)).stream()
        .collect(Collectors.groupingBy(MessageTimeliness.StayTimes::municipalityNumber));
    for (String municipality : notNotified.keySet()) {
      MessageTimeliness timeliness = MessageTimeliness.of(byMunicipality.getOrDefault(municipality, List.of()),
          properties.healthInformationWithin(), clock.instant(), clock.getZone());
      set(municipality, "admission_notice", timeliness.admissionNotice());
      set(municipality, "health_information", timeliness.healthInformation());
      set(municipality, "discharge_summary", timeliness.dischargeSummary());
      notNotified.get(municipality).set(timeliness.admissionsNotNotified());
      dischargesNotNotified.get(municipality).set(timeliness.dischargesNotNotified());
    }
  }

  private void set(String municipality, String message, MessageTimeliness.Measure measure) {
    onTime.get(municipality + "/" + message).set(measure.onTime());
    expected.get(municipality + "/" + message).set(measure.expected());
  }
}
