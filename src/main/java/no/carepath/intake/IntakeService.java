package no.carepath.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import no.carepath.allocation.AllocationCases;
import no.carepath.allocation.AllocationCases.Channel;
import no.carepath.intake.IntakeRequests.Consent;
import no.carepath.intake.IntakeRequests.PatientData;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.security.Municipalities;
import no.carepath.platform.RequestRejectedException;
import no.carepath.platform.RequestRejectedException.FieldProblem;
import no.carepath.security.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers what arrives at {@code /api/intake}: validates what the annotations cannot (national
 * ID, municipality, consent, dates), then in one transaction registers the patient, opens the case
 * and keeps the referral. Either all of it is stored or none of it.
 */
@Service
class IntakeService {

  private static final DateTimeFormatter NORWEGIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final int SUMMARY_LIMIT = 3900;

  private final JdbcClient jdbc;
  private final PatientService patients;
  private final AllocationCases cases;
  private final Municipalities municipalities;
  private final boolean acceptRealNationalIds;
  private final Clock clock;
  private final ObjectMapper canonical = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
      .build();

  IntakeService(JdbcClient jdbc, PatientService patients, AllocationCases cases, Municipalities municipalities,
      @Value("${carepath.intake.accept-real-national-ids}") boolean acceptRealNationalIds, Clock clock) {
    this.jdbc = jdbc;
    this.patients = patients;
    this.cases = cases;
    this.municipalities = municipalities;
    this.acceptRealNationalIds = acceptRealNationalIds;
    this.clock = clock;
  }

  @Transactional
  public IntakeRequests.Receipt application(IntakeRequests.Application request) {
    String applicant = switch (request.applicant().relation()) {
      case SELF -> "pasienten selv";
      case RELATIVE -> "pårørende" + name(request.applicant().name());
      case GUARDIAN -> "verge" + name(request.applicant().name());
    };
    String services = request.requestedServices() == null || request.requestedServices().isEmpty() ? ""
        : " Søker om: " + request.requestedServices().stream().map(IntakeService::serviceName).collect(Collectors.joining(", ")) + ".";
    String summary = "Søknad fra " + applicant + "." + services + " " + request.description();
    return register(Channel.APPLICATION, request.externalReference(), request, request.municipalityNumber(),
        request.patient(), request.consent(), true, summary, false, List.of(), null);
  }

  @Transactional
  public IntakeRequests.Receipt gpReferral(IntakeRequests.GpReferral request) {
    StringBuilder summary = new StringBuilder("Henvisning fra fastlege ").append(request.gp().name());
    if (request.gp().practice() != null) {
      summary.append(" (").append(request.gp().practice()).append(')');
    }
    summary.append('.');
    if (request.urgency() == IntakeRequests.Urgency.PRIORITY) {
      summary.append(" Fastlegen ber om prioritet.");
    }
    if (request.diagnoses() != null && !request.diagnoses().isEmpty()) {
      summary.append(" Diagnoser: ").append(request.diagnoses().stream()
          .map(d -> d.code() + (d.text() == null ? "" : " " + d.text())).collect(Collectors.joining(", "))).append('.');
    }
    summary.append(' ').append(request.reason());
    return register(Channel.GP_REFERRAL, request.externalReference(), request, request.municipalityNumber(),
        request.patient(), request.consent(), true, summary.toString(), false, List.of(),
        new AllocationCases.GpContact(request.gp().name().strip(), request.gp().hprNumber(), request.gp().practice()));
  }

  @Transactional
  public IntakeRequests.Receipt hospitalNotice(IntakeRequests.HospitalNotice request) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    if (request.admittedDate().isAfter(today)) {
      problems.add(new FieldProblem("admittedDate", "Innleggelsesdatoen kan ikke være i fremtiden."));
    }
    if (request.expectedDischargeDate() != null && request.expectedDischargeDate().isBefore(request.admittedDate())) {
      problems.add(new FieldProblem("expectedDischargeDate", "Forventet utskrivningsdato kan ikke være før innleggelsesdatoen."));
    }
    StringBuilder summary = new StringBuilder("Melding fra ").append(request.hospital().name());
    if (request.hospital().department() != null) {
      summary.append(", ").append(request.hospital().department());
    }
    summary.append(". Innlagt ").append(NORWEGIAN_DATE.format(request.admittedDate())).append('.');
    if (request.expectedDischargeDate() != null) {
      summary.append(" Forventet utskrevet ").append(NORWEGIAN_DATE.format(request.expectedDischargeDate())).append('.');
    }
    if (request.readyForDischarge()) {
      summary.append(" Pasienten er meldt utskrivningsklar: svar sykehuset i dag.");
    }
    summary.append(' ').append(request.summary());
    return register(Channel.HOSPITAL_NOTICE, request.externalReference(), request, request.municipalityNumber(),
        request.patient(), null, false, summary.toString(), request.readyForDischarge(), problems, null);
  }

  private IntakeRequests.Receipt register(Channel channel, String externalReference, Object request,
      String municipalityNumber, PatientData patientData, Consent consent, boolean consentRequired, String summary,
      boolean readyForDischarge, List<FieldProblem> earlierProblems, AllocationCases.GpContact gp) {
    List<FieldProblem> problems = new ArrayList<>(earlierProblems);
    Actor actor = Actor.current();
    checkMunicipality(municipalityNumber, actor, problems);
    NationalIdentityNumber nationalId = nationalId(patientData.nationalId(), problems);
    if (consentRequired) {
      checkConsent(consent, problems);
    }
    if (!problems.isEmpty()) {
      throw RequestRejectedException.invalid(problems);
    }

    String contentJson = canonicalJson(request);
    String contentHash = sha256(contentJson);
    if (externalReference != null && !externalReference.isBlank()) {
      jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
          .param("key", actor.id() + "|" + channel + "|" + externalReference).query().singleRow();
      Optional<IntakeRequests.Receipt> earlier = earlierReceipt(actor.id(), channel, externalReference, contentHash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    Patient patient = patients.register(nationalId, patientData.givenName().strip(), patientData.familyName().strip(),
        municipalityNumber, PatientService.NameSource.REFERRAL,
        externalReference == null || externalReference.isBlank() ? channel.name() : externalReference);
    String caseId = cases.open(new AllocationCases.NewCase(channel, patient, municipalityNumber, abbreviate(summary),
        readyForDischarge, gp));
    Instant now = clock.instant();
    jdbc.sql("""
            insert into intake_referral (id, case_id, channel, sender, external_reference, content_sha256, content, received_at)
            values (:id, :caseId, :channel, :sender, :reference, :hash, cast(:content as jsonb), :receivedAt)
            """)
        .param("id", UUID.randomUUID()).param("caseId", caseId).param("channel", channel.name())
        .param("sender", actor.id()).param("reference", blankToNull(externalReference)).param("hash", contentHash)
        .param("content", contentJson).param("receivedAt", Timestamp.from(now))
        .update();
    return new IntakeRequests.Receipt(caseId, "RECEIVED", now, false);
  }

  private Optional<IntakeRequests.Receipt> earlierReceipt(String sender, Channel channel, String reference, String hash) {
    return jdbc.sql("""
            select case_id, content_sha256, received_at from intake_referral
            where sender = :sender and channel = :channel and external_reference = :reference
            """)
        .param("sender", sender).param("channel", channel.name()).param("reference", reference)
        .query((row, n) -> {
          if (!row.getString("content_sha256").equals(hash)) {
            throw RequestRejectedException.conflict("Referansen «" + reference + "» er allerede brukt for en annen"
                + " henvendelse (sak " + row.getString("case_id") + "). Bruk en ny externalReference for en ny henvendelse.");
          }
          return new IntakeRequests.Receipt(row.getString("case_id"), "RECEIVED",
              row.getTimestamp("received_at").toInstant(), true);
        })
        .optional();
  }

  private void checkMunicipality(String number, Actor actor, List<FieldProblem> problems) {
    if (!municipalities.serves(number)) {
      problems.add(new FieldProblem("municipalityNumber", "Kommunenummer «" + number + "» betjenes ikke av denne"
          + " installasjonen. Gyldige kommunenumre: " + municipalities.getMunicipalities().entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")) + "."));
    } else if (!actor.equals(Actor.SYSTEM) && !actor.municipalities().contains(number)) {
      problems.add(new FieldProblem("municipalityNumber", "Du kan bare registrere saker for kommunen du arbeider for ("
          + (actor.municipalities().isEmpty() ? "ingen kommune er knyttet til brukeren din" : String.join(", ", actor.municipalities()))
          + "). Kontakt en administrator om dette er feil."));
    }
  }

  private NationalIdentityNumber nationalId(String raw, List<FieldProblem> problems) {
    try {
      NationalIdentityNumber nationalId = NationalIdentityNumber.parse(raw);
      if (!acceptRealNationalIds && !nationalId.isSynthetic()) {
        problems.add(new FieldProblem("patient.nationalId", NationalIdentityNumber.SYNTHETIC_ONLY));
      }
      return nationalId;
    } catch (NationalIdentityNumber.InvalidNationalIdException e) {
      problems.add(new FieldProblem("patient.nationalId", e.getMessage()));
      return null;
    }
  }

  private void checkConsent(Consent consent, List<FieldProblem> problems) {
    if (consent == null) {
      problems.add(new FieldProblem("consent", "Samtykke mangler. Kommunen kan bare behandle henvendelsen når pasienten"
          + " (eller den som har fullmakt eller er verge) har samtykket. Send med consent: {given, givenBy, date}."));
      return;
    }
    if (Boolean.FALSE.equals(consent.given())) {
      problems.add(new FieldProblem("consent.given", "Pasienten har ikke samtykket. Henvendelsen kan ikke registreres"
          + " før samtykke er gitt; ta kontakt med pasienten."));
    }
    if (consent.date() != null && consent.date().isAfter(LocalDate.now(clock))) {
      problems.add(new FieldProblem("consent.date", "Datoen for samtykket kan ikke være i fremtiden."));
    }
  }

  private static String serviceName(IntakeRequests.Service service) {
    return switch (service) {
      case DIGITAL_HOME_FOLLOW_UP -> "digital hjemmeoppfølging";
      case HOME_NURSING -> "hjemmesykepleie";
      case PRACTICAL_ASSISTANCE -> "praktisk bistand";
      case SAFETY_ALARM -> "trygghetsalarm";
      case OTHER -> "annet";
    };
  }

  private static String name(String name) {
    return name == null || name.isBlank() ? "" : " (" + name.strip() + ")";
  }

  private static String abbreviate(String text) {
    String clean = text.strip();
    return clean.length() <= SUMMARY_LIMIT ? clean : clean.substring(0, SUMMARY_LIMIT) + " …";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private String canonicalJson(Object request) {
    try {
      return canonical.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
