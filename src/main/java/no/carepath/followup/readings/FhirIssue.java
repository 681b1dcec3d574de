package no.carepath.followup.readings;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One problem with a posted resource, as an {@code OperationOutcome.issue}: what kind of problem,
 * a diagnostic in Norwegian that says what to do, and where (a FHIRPath expression).
 */
public record FhirIssue(IssueType type, String diagnostics, String expression) {

  static FhirIssue required(String expression, String diagnostics) {
    return new FhirIssue(IssueType.REQUIRED, diagnostics, expression);
  }

  static FhirIssue invalid(String expression, String diagnostics) {
    return new FhirIssue(IssueType.INVALID, diagnostics, expression);
  }

  static FhirIssue value(String expression, String diagnostics) {
    return new FhirIssue(IssueType.VALUE, diagnostics, expression);
  }

  static FhirIssue unknownCode(String expression, String diagnostics) {
    return new FhirIssue(IssueType.CODEINVALID, diagnostics, expression);
  }

  static FhirIssue notFound(String expression, String diagnostics) {
    return new FhirIssue(IssueType.NOTFOUND, diagnostics, expression);
  }

  static FhirIssue conflict(String expression, String diagnostics) {
    return new FhirIssue(IssueType.CONFLICT, diagnostics, expression);
  }

  static FhirIssue notSupported(String expression, String diagnostics) {
    return new FhirIssue(IssueType.NOTSUPPORTED, diagnostics, expression);
  }

  static FhirIssue businessRule(String expression, String diagnostics) {
    return new FhirIssue(IssueType.BUSINESSRULE, diagnostics, expression);
  }
}
