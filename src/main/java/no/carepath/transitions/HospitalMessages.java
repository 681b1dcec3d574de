package no.carepath.transitions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carepath.allocation.AllocationCases;
import no.carepath.followup.FollowupService;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.security.Municipalities;
import no.carepath.platform.RequestRejectedException;
import no.carepath.platform.RequestRejectedException.FieldProblem;
import no.carepath.security.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives the hospital's messages. Each is stored once (a resend with the same message id is
 * acknowledged and changes nothing), updates its stay, and either starts the stay's process (the
 * first message of a stay, whatever its type) or wakes it. The stay row is locked while this
 * happens, and the process reads it under the same lock, so a message that arrives out of order
 * (discharged before ready-for-discharge) or while the process is busy is never lost.
 */
@Service
class HospitalMessages {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

  private final StayStore stays;
  private final StayProcess process;
  private final PatientService patients;
  private final FollowupService followup;
  private final AllocationCases cases;
  private final Municipalities municipalities;
  private final MeterRegistry meters;
  private final boolean acceptRealNationalIds;
  private final Clock clock;

  HospitalMessages(StayStore stays, StayProcess process, PatientService patients, FollowupService followup,
      AllocationCases cases, Municipalities municipalities, MeterRegistry meters,
      @Value("${carepath.intake.accept-real-national-ids}") boolean acceptRealNationalIds, Clock clock) {
    this.stays = stays;
    this.process = process;
    this.patients = patients;
    this.followup = followup;
    this.cases = cases;
    this.municipalities = municipalities;
    this.meters = meters;
    this.acceptRealNationalIds = acceptRealNationalIds;
    this.clock = clock;
  }

  @Transactional
  public HospitalMessage.Receipt receive(HospitalMessage message, Actor actor) {
    NationalIdentityNumber nationalId = validate(message, actor);
    String org = message.hospital().organisationNumber();
    Optional<String> seen = stays.stayOfMessage(org, message.messageId());
    if (seen.isPresent()) {
      return new HospitalMessage.Receipt(message.messageId(), seen.get(), true, false);
    }
    Patient patient = patients.register(nationalId, message.patient().givenName().strip(),
        message.patient().familyName().strip(), message.municipalityNumber(), PatientService.NameSource.HOSPITAL,
        message.messageId());
    Optional<String> episodeId = followup.openEpisode(patient.id());
    boolean known = episodeId.isPresent() || cases.knows(patient.id(), message.municipalityNumber());
    Optional<String> created = stays.insertIfNew(message.municipalityNumber(), org, message.hospital().name().strip(),
        message.hospital().department(), message.stay().stayId().strip(), patient.id(), known, episodeId.orElse(null));
    StayStore.Stay stay = stays.lockByHospitalRef(org, message.stay().stayId().strip()).orElseThrow();
    // the same message sent twice at once: the second waited for the first's lock and finds it now
    Optional<String> raced = stays.stayOfMessage(org, message.messageId());
    if (raced.isPresent()) {
      return new HospitalMessage.Receipt(message.messageId(), raced.get(), true, false);
    }
    if (!stay.municipalityNumber().equals(message.municipalityNumber())) {
      throw RequestRejectedException.conflict("Oppholdet " + message.stay().stayId() + " er meldt til kommune "
          + stay.municipalityNumber() + ", ikke " + message.municipalityNumber() + ". Send meldingen til riktig kommune.");
    }
    if (!stay.patientId().equals(patient.id())) {
      // nothing of this message is kept (the transaction rolls back): never file it on another patient's stay
      throw RequestRejectedException.conflict("Oppholdet " + message.stay().stayId() + " gjelder en annen pasient enn"
          + " fødselsnummeret i meldingen. Sjekk stay.stayId og pasientens fødselsnummer, og send meldingen på nytt.");
    }
    boolean outOfOrder = apply(stay, message);
    stays.insertMessage(org, message.messageId(), stay.stayId(), message.type().name(),
        message.sentAt() == null ? null : message.sentAt().toInstant(), actor.id(), outOfOrder);
    if (created.isPresent()) {
      StayStore.Stay now = stays.find(stay.stayId()).orElseThrow();
      process.start(stay.stayId(), startVariables(now, patient));
    } else {
      tell(stay.stayId(), message.type());
    }
    return new HospitalMessage.Receipt(message.messageId(), stay.stayId(), false, outOfOrder);
  }

  /** Updates the stay; returns whether the message came out of order. */
  private boolean apply(StayStore.Stay stay, HospitalMessage message) {
    boolean discharged = stay.dischargedAt() != null;
    stays.admitted(stay.stayId(), instant(message.stay().admittedAt()), message.stay().plannedDischargeDate(),
        message.hospital().department());
    switch (message.type()) {
      case ADMITTED -> {
        return discharged;
      }
      case HEALTH_INFORMATION -> {
        stays.healthInformation(stay.stayId(), "[" + DATE.format(LocalDate.now(clock)) + "] " + message.text().strip());
        return false;
      }
      case READY_FOR_DISCHARGE -> {
        Instant readyAt = message.readyForDischargeAt().toInstant();
        if (discharged) {
          int days = DaysWaiting.between(readyAt, stay.dischargedAt(), zone());
          if (stays.lateReadyForDischarge(stay.stayId(), readyAt, days)) {
            DaysWaiting.countAfterCommit(meters, stay.municipalityNumber(), days);
          }
          return true;
        }
        if (stay.status() == StayStore.Status.CLOSED) {
          // the allocation office closed it as not the municipality's patient
          return true;
        }
        stays.readyForDischarge(stay.stayId(), readyAt);
        return false;
      }
      case READY_FOR_DISCHARGE_WITHDRAWN -> {
        if (discharged || stay.status() == StayStore.Status.CLOSED) {
          return true;
        }
        stays.readyWithdrawn(stay.stayId());
        return stay.readyAt() == null;
      }
      case DISCHARGED -> {
        if (discharged) {
          return true;
        }
        Instant at = message.dischargedAt().toInstant();
        Integer days = stay.readyAt() == null ? null : DaysWaiting.between(stay.readyAt(), at, zone());
        stays.discharged(stay.stayId(), at, days);
        if (days != null) {
          DaysWaiting.countAfterCommit(meters, stay.municipalityNumber(), days);
        }
        return false;
      }
      case DISCHARGE_SUMMARY -> {
        stays.dischargeSummary(stay.stayId(), message.author(), message.text().strip());
        return false;
      }
      default -> throw new IllegalStateException(message.type().name());
    }
  }

  private void tell(String stayId, HospitalMessage.Type type) {
    switch (type) {
      case READY_FOR_DISCHARGE -> process.tell(stayId, TransitionsVariables.MESSAGE_READY);
      case READY_FOR_DISCHARGE_WITHDRAWN -> process.tell(stayId, TransitionsVariables.MESSAGE_READY_WITHDRAWN);
      case DISCHARGED -> process.tell(stayId, TransitionsVariables.MESSAGE_DISCHARGED);
      case DISCHARGE_SUMMARY -> process.tell(stayId, TransitionsVariables.MESSAGE_SUMMARY);
      case HEALTH_INFORMATION -> process.tell(stayId, TransitionsVariables.MESSAGE_HEALTH_INFORMATION);
      default -> {
        // admission details are read from the stay when needed
      }
    }
  }

  private Map<String, Object> startVariables(StayStore.Stay stay, Patient patient) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(TransitionsVariables.STAY_ID, stay.stayId());
    variables.put(TransitionsVariables.MUNICIPALITY_NUMBER, stay.municipalityNumber());
    variables.put(TransitionsVariables.PATIENT_ID, patient.id().toString());
    variables.put(TransitionsVariables.PATIENT_LABEL, patient.label());
    variables.put(TransitionsVariables.PATIENT_KNOWN, stay.patientKnown());
    variables.put(TransitionsVariables.EPISODE_ID, stay.episodeId());
    variables.put(TransitionsVariables.HOSPITAL_NAME, stay.hospitalName());
    variables.put(TransitionsVariables.DISCHARGED_AT_START, stay.dischargedAt() != null);
    variables.put(TransitionsVariables.STAY_URL, "/app/stays/" + stay.stayId());
    variables.put(TransitionsVariables.STAY_SUMMARY, StayPages.summary(stay, zone()));
    return variables;
  }

  private NationalIdentityNumber validate(HospitalMessage message, Actor actor) {
    List<FieldProblem> problems = new ArrayList<>();
    String number = message.municipalityNumber().strip();
    if (!municipalities.serves(number)) {
      problems.add(new FieldProblem("municipalityNumber", "Kommune " + number + " bruker ikke Carepath her."));
    } else if (!actor.municipalities().contains(number)) {
      problems.add(new FieldProblem("municipalityNumber", "Klienten din kan ikke sende meldinger for kommune " + number
          + ". Kontakt kommunen om avtalen om meldingsutveksling."));
    }
    if (!actor.hospitals().contains(message.hospital().organisationNumber())) {
      problems.add(new FieldProblem("hospital.organisationNumber", "Klienten din kan ikke sende meldinger for sykehuset med"
          + " organisasjonsnummer " + message.hospital().organisationNumber() + ". Hver sykehusklient sender bare for sitt"
          + " eget helseforetak."));
    }
    NationalIdentityNumber nationalId = null;
    try {
      nationalId = NationalIdentityNumber.parse(message.patient().nationalId());
      if (!acceptRealNationalIds && !nationalId.isSynthetic()) {
        problems.add(new FieldProblem("patient.nationalId", NationalIdentityNumber.SYNTHETIC_ONLY));
      }
    } catch (NationalIdentityNumber.InvalidNationalIdException e) {
      problems.add(new FieldProblem("patient.nationalId", e.getMessage()));
    }
    Instant latest = clock.instant().plus(CLOCK_SKEW);
    notInFuture("sentAt", message.sentAt(), latest, problems);
    notInFuture("stay.admittedAt", message.stay().admittedAt(), latest, problems);
    notInFuture("readyForDischargeAt", message.readyForDischargeAt(), latest, problems);
    notInFuture("dischargedAt", message.dischargedAt(), latest, problems);
    switch (message.type()) {
      case ADMITTED -> required("stay.admittedAt", message.stay().admittedAt(), "Når ble pasienten lagt inn?", problems);
      case READY_FOR_DISCHARGE -> required("readyForDischargeAt", message.readyForDischargeAt(),
          "Når ble pasienten meldt utskrivningsklar?", problems);
      case DISCHARGED -> required("dischargedAt", message.dischargedAt(), "Når ble pasienten utskrevet?", problems);
      case HEALTH_INFORMATION, DISCHARGE_SUMMARY -> {
        if (message.text() == null || message.text().isBlank()) {
          problems.add(new FieldProblem("text", "Teksten mangler: en " + (message.type() == HospitalMessage.Type.DISCHARGE_SUMMARY
              ? "epikrise" : "melding med helseopplysninger") + " må ha innhold."));
        }
      }
      default -> {
      }
    }
    if (message.stay().admittedAt() != null && message.stay().plannedDischargeDate() != null
        && message.stay().plannedDischargeDate().isBefore(message.stay().admittedAt().atZoneSameInstant(zone()).toLocalDate())) {
      problems.add(new FieldProblem("stay.plannedDischargeDate", "Planlagt utskrivning kan ikke være før innleggelsen."));
    }
    if (!problems.isEmpty()) {
      throw RequestRejectedException.invalid(problems);
    }
    return nationalId;
  }

  private static void notInFuture(String field, OffsetDateTime value, Instant latest, List<FieldProblem> problems) {
    if (value != null && value.toInstant().isAfter(latest)) {
      problems.add(new FieldProblem(field, "Tidspunktet kan ikke være fram i tid (" + value + ")."));
    }
  }

  private static void required(String field, Object value, String question, List<FieldProblem> problems) {
    if (value == null) {
      problems.add(new FieldProblem(field, field + " mangler. " + question));
    }
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private ZoneId zone() {
    return clock.getZone();
  }
}
