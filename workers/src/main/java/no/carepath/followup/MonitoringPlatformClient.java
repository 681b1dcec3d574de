package no.carepath.followup;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import no.carepath.followup.readings.ObservationMapper;
import no.carepath.followup.triage.VitalSign;
import no.carepath.patient.Patient;
import no.carepath.platform.OutboundHttp;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * FHIR client of the home-monitoring platform: the patient is registered with
 * {@code PUT {url}/Patient/{episodeId}} (an update-as-create, so a retry is harmless) and removed
 * with {@code DELETE}. The URL carries the episode id, never the national ID number, which travels
 * in the body ({@code Patient.identifier}).
 */
@Component
class MonitoringPlatformClient {

  static final String EPISODE_SYSTEM = "urn:carepath:episode";
  static final String SIGNS_EXTENSION = "urn:carepath:fhir:measured-signs";
  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final RestClient http;

  MonitoringPlatformClient(FollowupProperties properties, RestClient.Builder builder) {
    FollowupProperties.MonitoringPlatform settings = properties.monitoringPlatform();
    this.http = OutboundHttp.client(builder, settings.url().toString(), settings.connectTimeout(), settings.readTimeout());
  }

  void register(String episodeId, Patient patient, List<VitalSign> signs) {
    org.hl7.fhir.r4.model.Patient resource = new org.hl7.fhir.r4.model.Patient();
    resource.setId(episodeId);
    resource.addIdentifier().setSystem(patient.nationalId().kind() == no.carepath.patient.NationalIdentityNumber.Kind.D_NUMMER
        ? ObservationMapper.DNR_SYSTEM : ObservationMapper.FNR_SYSTEM).setValue(patient.nationalId().value());
    resource.addIdentifier().setSystem(EPISODE_SYSTEM).setValue(episodeId);
    resource.addName().setFamily(patient.familyName()).addGiven(patient.givenName());
    resource.setBirthDate(java.sql.Date.valueOf(patient.birthDate()));
    resource.setGender(AdministrativeGender.UNKNOWN);
    for (VitalSign sign : signs) {
      resource.addExtension(new Extension(SIGNS_EXTENSION, new StringType(sign.loinc())));
    }
    String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource);
    OutboundHttp.call("The home-monitoring platform", () -> http.put().uri("/Patient/{id}", episodeId)
        .contentType(FHIR_JSON).body(body).retrieve().toBodilessEntity());
  }

  void deregister(String episodeId) {
    OutboundHttp.call("The home-monitoring platform", () -> http.delete().uri("/Patient/{id}", episodeId)
        .retrieve().toBodilessEntity());
  }
}
