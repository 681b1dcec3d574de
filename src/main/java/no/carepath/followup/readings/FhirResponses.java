package no.carepath.followup.readings;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** FHIR answers: {@code application/fhir+json}, errors as OperationOutcome. */
public final class FhirResponses {

  public static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private FhirResponses() {
  }

  public static FhirContext context() {
    return FHIR;
  }

  public static OperationOutcome outcome(List<FhirIssue> issues) {
    OperationOutcome outcome = new OperationOutcome();
    for (FhirIssue issue : issues) {
      OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
          .setSeverity(IssueSeverity.ERROR).setCode(issue.type()).setDiagnostics(issue.diagnostics());
      if (issue.expression() != null) {
        component.setExpression(List.of(new StringType(issue.expression())));
      }
    }
    return outcome;
  }

  public static ResponseEntity<byte[]> error(HttpStatus status, IssueType type, String diagnostics) {
    return respond(status, outcome(List.of(new FhirIssue(type, diagnostics, null))));
  }

  public static ResponseEntity<byte[]> respond(HttpStatus status, Resource resource) {
    return ResponseEntity.status(status).contentType(FHIR_JSON).body(serialise(resource));
  }

  /** A parser's message without its code and without names of Java classes. */
  public static String plain(String message) {
    if (message == null) {
      return "";
    }
    return message.replaceFirst("^HAPI-\\d+: ", "")
        .replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Za-z_$][A-Za-z0-9_$.]*", "")
        .replaceAll("\\s+", " ").strip();
  }

  public static byte[] serialise(Resource resource) {
    return FHIR.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
  }
}
