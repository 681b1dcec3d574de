package no.carepath.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import no.carepath.intake.IntakeRequests.Applicant;
import no.carepath.intake.IntakeRequests.Consent;
import no.carepath.intake.IntakeRequests.ConsentGivenBy;
import no.carepath.intake.IntakeRequests.Diagnosis;
import no.carepath.intake.IntakeRequests.Gp;
import no.carepath.intake.IntakeRequests.Hospital;
import no.carepath.intake.IntakeRequests.PatientData;
import no.carepath.patient.NationalIdentityNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo patients and referrals for the one-command platform ({@code carepath.demo.enabled}), so the
 * Tasklist has work on first login. Synthetic national ID numbers only; sent through the same
 * validation as real referrals; loaded once (an existing case means the demo data is there).
 */
@Component
@ConditionalOnProperty(name = "carepath.demo.enabled", havingValue = "true")
class DemoReferrals {

  private static final Logger log = LoggerFactory.getLogger(DemoReferrals.class);
  static final String MUNICIPALITY = "1804";
  static final String NARVIK = "1806";

  private final IntakeService intake;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  DemoReferrals(IntakeService intake, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
    this.intake = intake;
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  void load() {
    if (jdbc.sql("select count(*) from allocation_case").query(Long.class).single() > 0) {
      return;
    }
    LocalDate today = LocalDate.now(clock);
    Consent patientConsent = new Consent(true, ConsentGivenBy.PATIENT, today.minusDays(2));
    intake.application(new IntakeRequests.Application("DEMO-SOKNAD-1", MUNICIPALITY,
        patient("Astrid", "Hansen", LocalDate.of(1941, 3, 12), 101),
        new Applicant(IntakeRequests.Relation.RELATIVE, "Kari Hansen (datter)", "+47 900 00 001"),
        List.of(IntakeRequests.Service.DIGITAL_HOME_FOLLOW_UP, IntakeRequests.Service.HOME_NURSING),
        "Mor har KOLS og har vært innlagt to ganger i høst. Hun bor alene og vil gjerne bo hjemme. Hun bruker"
            + " nettbrett til å snakke med barnebarna.",
        new Consent(true, ConsentGivenBy.POWER_OF_ATTORNEY, today.minusDays(3))));
    String ole = intake.gpReferral(new IntakeRequests.GpReferral("DEMO-HENVISNING-1", MUNICIPALITY,
        patient("Ole", "Johansen", LocalDate.of(1950, 7, 2), 211),
        new Gp("Marit Solheim", "1234567", "Sentrum legekontor", "+47 755 00 000"),
        "Hjertesvikt NYHA II–III. Ønsker tett oppfølging av vekt og blodtrykk hjemme etter endring i medisinene.",
        List.of(new Diagnosis(IntakeRequests.CodeSystem.ICPC_2, "K77", "Hjertesvikt")),
        IntakeRequests.Urgency.PRIORITY, patientConsent)).caseId();
    intake.hospitalNotice(new IntakeRequests.HospitalNotice("DEMO-SYKEHUS-1", MUNICIPALITY,
        patient("Per", "Nilsen", LocalDate.of(1938, 11, 20), 307),
        new Hospital("Nordlandssykehuset Bodø", "Medisinsk avdeling", "+47 755 34 000"),
        today.minusDays(3), today.plusDays(1), true,
        "Innlagt med KOLS-forverring, nå stabil. Trenger hjelp med medisiner og oppfølging av oksygenmetning hjemme."));
    intake.application(new IntakeRequests.Application("DEMO-SOKNAD-2", MUNICIPALITY,
        patient("Ingeborg", "Lund", LocalDate.of(1946, 5, 8), 401),
        new Applicant(IntakeRequests.Relation.SELF, null, "+47 900 00 004"),
        List.of(IntakeRequests.Service.DIGITAL_HOME_FOLLOW_UP),
        "Jeg har diabetes og vil gjerne måle blodsukkeret hjemme og få hjelp når verdiene er dårlige.", patientConsent));
    String knut = intake.gpReferral(new IntakeRequests.GpReferral("DEMO-HENVISNING-2", MUNICIPALITY,
        patient("Knut", "Berg", LocalDate.of(1955, 1, 15), 151),
        new Gp("Henrik Aas", "7654321", "Rønvik legesenter", null),
        "Ustabilt blodsukker etter oppstart med insulin. Ber om hjemmeoppfølging og opplæring.",
        List.of(new Diagnosis(IntakeRequests.CodeSystem.ICPC_2, "T90", "Diabetes type 2")),
        IntakeRequests.Urgency.ROUTINE, patientConsent)).caseId();
    intake.hospitalNotice(new IntakeRequests.HospitalNotice("DEMO-SYKEHUS-2", MUNICIPALITY,
        patient("Solveig", "Andersen", LocalDate.of(1944, 9, 30), 255),
        new Hospital("Nordlandssykehuset Bodø", "Ortopedisk avdeling", null),
        today.minusDays(1), today.plusDays(7), false,
        "Innlagt etter fall i hjemmet med brudd i håndleddet. Vil trolig trenge hjemmesykepleie og trygghetsalarm."));
    // Narvik's own case: Bodø's people never see it, Narvik's (and the regional nurse) do
    intake.application(new IntakeRequests.Application("DEMO-SOKNAD-3", NARVIK,
        patient("Inga", "Pedersen", LocalDate.of(1943, 2, 21), 181),
        new Applicant(IntakeRequests.Relation.SELF, null, "+47 900 00 007"),
        List.of(IntakeRequests.Service.DIGITAL_HOME_FOLLOW_UP),
        "Har hjertesvikt og bor på Ankenes. Vil gjerne følges opp hjemme i stedet for å reise til legen hver uke.",
        patientConsent));
    log.info("Demo data loaded: 6 synthetic referrals for municipality {} and 1 for {}", MUNICIPALITY, NARVIK);
    events.publishEvent(new DemoReferralsLoaded(List.of(ole, knut)));
  }

  private static PatientData patient(String given, String family, LocalDate birthDate, int individual) {
    return new PatientData(NationalIdentityNumber.synthetic(birthDate, individual).value(), given, family, null);
  }
}
