package no.carepath.followup.readings;

/**
 * A patient enrolled for measuring: the open episode that readings belong to.
 *
 * @param monitoringKey the compact key readings are stored under ({@code null} before the home visit)
 * @param status the episode's status (PLANNED, ACTIVE, ON_HOLD)
 * @param thresholdsVersion changes whenever the thresholds that apply change
 */
public record Enrollment(String nationalId, String episodeId, Integer monitoringKey, String status,
    String municipalityNumber, int thresholdsVersion) {

  public boolean measuring() {
    return monitoringKey != null && ("ACTIVE".equals(status) || "ON_HOLD".equals(status));
  }
}
