package no.carepath.platform;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Platform beans; scheduling is on for periodic checks (missed readings). */
@Configuration
@EnableScheduling
class PlatformConfiguration {

  /** Every date a person sees (due dates, letters, deadlines) is in the municipality's time zone. */
  @Bean
  Clock clock(@Value("${carepath.time-zone}") String zone) {
    return Clock.system(ZoneId.of(zone));
  }
}
