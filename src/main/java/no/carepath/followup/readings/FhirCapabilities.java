package no.carepath.followup.readings;

import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;

import no.carepath.followup.triage.VitalSign;
import no.carepath.patient.NationalIdentityNumber;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/metadata}: the CapabilityStatement of the FHIR endpoint, with the rules a sender
 * must know written out (in Norwegian, as the OperationOutcomes): accepted codes and units (from
 * {@link VitalSign}, so never out of date), times, identifiers and resends, national ID numbers,
 * Bundles and their limits. Public, as FHIR expects: it holds no patient data.
 */
@RestController
class FhirCapabilities {

  private final byte[] statement;

  FhirCapabilities(@Value("${carepath.fhir.max-body-bytes}") long maxBodyBytes,
      @Value("${carepath.fhir.max-bundle-entries}") int maxBundleEntries,
      @Value("${carepath.intake.accept-real-national-ids}") boolean acceptRealNationalIds) {
    this.statement = FhirResponses.serialise(statement(maxBodyBytes, maxBundleEntries, acceptRealNationalIds));
  }

  @GetMapping("/fhir/metadata")
  ResponseEntity<byte[]> metadata() {
    return ResponseEntity.status(HttpStatus.OK).contentType(FhirResponses.FHIR_JSON).body(statement);
  }

  static CapabilityStatement statement(long maxBodyBytes, int maxBundleEntries, boolean acceptRealNationalIds) {
    CapabilityStatement statement = new CapabilityStatement();
    statement.setId("carepath");
    statement.setName("CarepathHomeMonitoring").setTitle("Carepath: målinger fra digital hjemmeoppfølging")
        .setStatus(PublicationStatus.ACTIVE).setDate(new Date()).setPublisher("Carepath")
        .setKind(CapabilityStatementKind.INSTANCE).setFhirVersion(FHIRVersion._4_0_1);
    statement.addFormat("application/fhir+json");
    statement.getSoftware().setName("Carepath");
    statement.getImplementation().setDescription("Mottak av målinger (Observation) fra plattformen for digital"
        + " hjemmeoppfølging, etter velferdsteknologiens (VKP) og PMD sine observasjonsprofiler.");
    CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
    rest.setDocumentation(String.join("\n\n", general(maxBodyBytes, maxBundleEntries)));
    rest.getSecurity().setDescription("OAuth2 client credentials fra kommunens Keycloak; tokenet må tilhøre gruppen"
        + " system-monitoring. Plattformen sender bare for pasienter i kommunene kontoen er knyttet til.");
    rest.getSecurity().addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
        .setCode("OAuth");
    rest.addInteraction().setCode(SystemRestfulInteraction.BATCH).setDocumentation("POST /fhir med Bundle.type «batch»:"
        + " hver oppføring behandles for seg og får sitt eget svar (201, 200, 400, 405, 409 eller 422), i samme"
        + " rekkefølge, med oppføringens fullUrl.");
    rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION).setDocumentation("POST /fhir med Bundle.type"
        + " «transaction»: alt eller ingenting. Feiler én oppføring, lagres ingen, og svaret (OperationOutcome) nevner"
        + " hver oppføring som feilet.");
    CapabilityStatement.CapabilityStatementRestResourceComponent observation = rest.addResource().setType("Observation");
    observation.addInteraction().setCode(TypeRestfulInteraction.CREATE).setDocumentation("POST /fhir/Observation:"
        + " 201 når målingen er lagret, 200 når den er sendt før med samme innhold.");
    observation.setDocumentation(String.join("\n\n", observation(acceptRealNationalIds)));
    observation.setConditionalCreate(false).setConditionalUpdate(false);
    return statement;
  }

  private static java.util.List<String> general(long maxBodyBytes, int maxBundleEntries) {
    return java.util.List.of(
        "Bare FHIR R4 JSON (Content-Type: application/fhir+json). Største forespørsel: " + maxBodyBytes / 1024
            + " KB; største Bundle: " + maxBundleEntries + " oppføringer.",
        "Streng JSON: en nøkkel kan bare stå én gang i hvert objekt; høyst " + StrictJson.MAX_DEPTH + " nivåer med"
            + " objekter og lister inni hverandre; tall med høyst " + StrictJson.MAX_NUMBER_LENGTH + " tegn; ingen tomme"
            + " tekster.",
        "Svar på feil er OperationOutcome med en forklaring på norsk og FHIRPath til det som er galt. 400: ugyldig"
            + " innhold; 405: annen metode enn POST i en Bundle; 409: samme identifikator med annet innhold; 422: ukjent"
            + " pasient; 413/400: for stor forespørsel.",
        "Tekst (narrative), notater og utvidelser lagres ikke og sendes ikke tilbake: svaret er målingen slik den er"
            + " lagret, med triageresultatet som interpretation.");
  }

  private static java.util.List<String> observation(boolean acceptRealNationalIds) {
    String codes = Arrays.stream(VitalSign.values())
        .map(sign -> sign.loinc() + " " + sign.label().toLowerCase()
            + (sign.otherCodes().isEmpty() ? "" : " (også " + String.join(", ", sign.otherCodes()) + ")")
            + (sign.ucum() == null ? ": valueCodeableConcept med ACVPU (A, C, V, P, U)"
                : ": " + Units.dimension(sign) + "; lagres i " + sign.ucum() + ", mulig "
                    + ObservationMapper.format(sign.plausibleMin()) + "–" + ObservationMapper.format(sign.plausibleMax())))
        .collect(Collectors.joining("; "));
    return java.util.List.of(
        "Koder (LOINC, eller SNOMED CT der profilen har en): " + codes + ". Blodtrykk sendes som panel "
            + VitalSign.BLOOD_PRESSURE_PANEL + " med komponentene " + VitalSign.SYSTOLIC_BP.loinc() + " og "
            + VitalSign.DIASTOLIC_BP.loinc() + ".",
        "Enheter: UCUM (system " + ObservationMapper.UCUM + "), som skiller mellom store og små bokstaver. Enhver enhet"
            + " med riktig dimensjon godtas og regnes om til enheten over (for eksempel g og [lb_av] til kg, mg/dL til"
            + " mmol/L med glukosens molare masse " + Units.GLUCOSE_MOLAR_MASS + " g/mol, [degF] og K til Cel); verdien og"
            + " enheten slik de ble sendt, lagres ved siden av. Verdier lagres med presisjonen de ble sendt med (høyst "
            + ObservationMapper.MAX_INTEGER_DIGITS + " sifre før og " + ObservationMapper.MAX_DECIMALS + " etter"
            + " desimaltegnet), uten comparator.",
        "Tid: effectiveDateTime (eller effectivePeriod.start) med dato, klokkeslett med sekunder og tidssone. Bare en"
            + " dato, eller et tidspunkt uten tidssone, avvises; det samme gjør tidspunkt mer enn 5 minutter fram i tid.",
        "Status: final, amended eller corrected.",
        "Identifikator: Observation.identifier med system og value er påkrevd (value høyst "
            + ObservationMapper.MAX_IDENTIFIER_LENGTH + " tegn, uten mellomrom foran eller bak). Samme identifikator med"
            + " samme innhold er en ny sending: 200, lagret én gang. Samme identifikator med annet innhold er en"
            + " konflikt: 409, ingenting lagret. En rettelse må derfor sendes som en ny måling med ny identifikator.",
        "Pasient: subject.identifier med fødselsnummer (system " + ObservationMapper.FNR_SYSTEM + ") eller D-nummer"
            + " (system " + ObservationMapper.DNR_SYSTEM + "), 11 sifre uten mellomrom, med gyldige kontrollsifre."
            + " Hjelpenumre (H-nummer, måned + 40) og felles hjelpenumre (FH-nummer) avvises."
            + (acceptRealNationalIds ? "" : " " + NationalIdentityNumber.SYNTHETIC_ONLY)
            + " Pasienten må være registrert for målinger i en kommune plattformen sender for; ellers 422.");
  }
}
