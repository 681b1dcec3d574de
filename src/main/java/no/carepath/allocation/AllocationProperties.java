package no.carepath.allocation;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code carepath.allocation.*}: deadlines of the allocation office. */
@Validated
@ConfigurationProperties("carepath.allocation")
record AllocationProperties(
    @NotNull Duration assessmentDeadline,
    @NotNull Duration decisionDeadline,
    @NotNull LocalTime sameDayCutoff,
    @NotNull Duration appealWindow,
    @NotNull Duration appealRegistrationGrace,
    @NotNull Duration countyGovernorForwardDeadline,
    @NotNull Duration overdueFollowUpDeadline) {
}
