package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Which processes are about no patient, so that a read of them is no warning in the access log's audit. */
class EngineReadAuditTest {

  @Test
  void everyProcessInTheModelsIsDecidedEitherAboutAPatientOrAboutNone() throws IOException {
    List<String> aboutNoPatient;
    List<String> aboutPatients;
    try (Stream<Path> models = Files.walk(Path.of(System.getProperty("carepath.project-dir", ".")).resolve("processes"))) {
      List<String> keys = models.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".bpmn"))
          .map(name -> name.substring(0, name.length() - ".bpmn".length())).sorted().toList();
      aboutNoPatient = keys.stream().filter(EngineReadAudit::aboutNoPatient).toList();
      aboutPatients = keys.stream().filter(key -> !EngineReadAudit.aboutNoPatient(key)).toList();
    }

    // a new process must be decided here: a patient's work is traced to its patient, or it is about none
    assertThat(aboutNoPatient).containsExactly("competence-training", "metrics-signal", "quality-annual-review",
        "quality-change-request", "quality-escalation", "quality-incident");
    assertThat(aboutPatients).containsExactly("allocation-case", "escalation-gp-consultation", "followup-daily-review",
        "followup-deviation", "followup-episode", "followup-plan-revision", "messaging-outbound-message",
        "transitions-hospital-stay");
    assertThat(EngineReadAudit.aboutNoPatient(null)).isFalse();
  }
}
