package no.carepath.transitions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.platform.Municipalities;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The cost clock for managers, per municipality (never per patient): {@code carepath_hospital_ready_for_discharge_patients}
 * (patients reported ready and still in hospital) and {@code carepath_hospital_ready_for_discharge_days} (the days they
 * have waited so far), refreshed every minute; {@code carepath_hospital_days_waiting_after_ready_total} counts the days
 * of the stays that ended.
 */
@Component
class StayMetrics {

  private final StayStore stays;
  private final Map<String, AtomicLong> patients = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> days = new ConcurrentHashMap<>();

  StayMetrics(StayStore stays, Municipalities municipalities, MeterRegistry meters) {
    this.stays = stays;
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      AtomicLong waiting = patients.computeIfAbsent(municipality, m -> new AtomicLong());
      AtomicLong waited = days.computeIfAbsent(municipality, m -> new AtomicLong());
      Gauge.builder("carepath.hospital.ready.for.discharge.patients", waiting, AtomicLong::get)
          .tag("municipality", municipality).description("Patients reported ready for discharge, still in hospital")
          .register(meters);
      Gauge.builder("carepath.hospital.ready.for.discharge.days", waited, AtomicLong::get)
          .tag("municipality", municipality).description("Days waited so far by patients ready for discharge")
          .register(meters);
    }
  }

  @Scheduled(fixedDelayString = "PT60S", initialDelayString = "PT10S")
  void refresh() {
    patients.values().forEach(count -> count.set(0));
    days.values().forEach(count -> count.set(0));
    for (Object[] row : stays.readyNow()) {
      AtomicLong count = patients.get((String) row[0]);
      if (count != null) {
        count.set((Long) row[1]);
        days.get((String) row[0]).set((Long) row[2]);
      }
    }
  }
}
