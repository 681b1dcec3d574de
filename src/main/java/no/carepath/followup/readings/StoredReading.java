package no.carepath.followup.readings;

import java.time.Instant;
import java.util.UUID;

import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.VitalSign;

/** A reading as stored: one value of one sign, triaged when it arrived. */
public record StoredReading(UUID id, int monitoringKey, VitalSign sign, Interpretation interpretation, double value,
    Instant measuredAt, Instant receivedAt) {
}
