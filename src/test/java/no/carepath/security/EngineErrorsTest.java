package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The engine's error answers, rewritten: the right status, plain Norwegian, no Java class names. */
class EngineErrorsTest {

  @Test
  void aTaskThatDoesNotExistIsNotFoundNotAServerError() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "NullValueException",
        "Cannot find task with id 6f1c: task is null", false);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.type()).isEqualTo("NotFound");
    assertThat(answer.message()).startsWith("Oppgaven finnes ikke").doesNotContain("null");
  }

  @Test
  void aJobThatDoesNotExistIsNotFound() {
    for (String message : List.of("ENGINE-13053 No job found with id '6f1c'.'", "No job found with id '6f1c'.")) {
      EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "InvalidRequestException", message, false);
      assertThat(answer.status()).as(message).isEqualTo(404);
      assertThat(answer.message()).as(message).doesNotContain("6f1c", "job");
    }
  }

  @Test
  void anotherMunicipalitysTaskIsAnsweredExactlyAsOneThatDoesNotExist() {
    EngineErrors.Rewritten other = EngineErrors.rewrite(500, "ProcessEngineException",
        "ENGINE-03110 Cannot read the task '6f1c' because it belongs to no authenticated tenant.", false);
    EngineErrors.Rewritten missing = EngineErrors.rewrite(404, "InvalidRequestException",
        "No matching task with id 6f1c", false);
    assertThat(other).isEqualTo(missing);
    assertThat(other.message()).doesNotContain("tenant");
  }

  @Test
  void aMissingTaskOrDefinitionTheRestApiAnswers400ForIsNotFoundToo() {
    // what the REST API answers for forms and form variables of a task or definition that does not exist
    String[][] missing = {
        {"Cannot get form for task 6f1c", "Oppgaven"},
        {"Cannot find task with id '6f1c'.: task is null", "Oppgaven"},
        {"no deployed process definition found with id '6f1c': processDefinition is null", "Definisjonen"},
        {"Cannot get start form data for process definition 6f1c", "Definisjonen"},
        {"Deployment with id 6f1c does not exist", "Utrullingen"},
        {"incident is null", "Det du ba om"}};
    EngineErrors.Rewritten otherMunicipalitys = EngineErrors.rewrite(500, "ProcessEngineException",
        "ENGINE-03110 Cannot read the task '6f1c' because it belongs to no authenticated tenant.", false);
    for (String[] raw : missing) {
      EngineErrors.Rewritten answer = EngineErrors.rewrite(400, "InvalidRequestException", raw[0], false);
      assertThat(answer.status()).as(raw[0]).isEqualTo(404);
      assertThat(answer.type()).as(raw[0]).isEqualTo("NotFound");
      assertThat(answer.message()).as(raw[0]).startsWith(raw[1] + " finnes ikke").doesNotContain("6f1c", "null");
    }
    // and a missing task reads exactly as another municipality's: the answer tells nothing of which it is
    assertThat(EngineErrors.rewrite(400, "InvalidRequestException", missing[1][0], false)).isEqualTo(otherMunicipalitys);
    // the Tasklist clears a vanished task on these words
    assertThat(EngineErrors.rewrite(400, "InvalidRequestException", missing[0][0], true).message())
        .contains("No matching task");
    // a request that is wrong stays a 400 with its detail, even where it names a task or an id
    for (String wrong : List.of("Cannot set query parameter 'sortBy' to value 'bogus'",
        "Cannot find the property 'foo' of task 6f1c: wrong type", "Task with id 6f1c is already claimed")) {
      assertThat(EngineErrors.rewrite(400, "InvalidRequestException", wrong, false).status()).as(wrong).isEqualTo(400);
    }
  }

  @Test
  void aRefusalByTheCompetenceRegisterIsForbiddenWithItsOwnMessageHoweverTheEngineWrapsIt() {
    String message = "Kompetanse mangler: Oppgaven krever «Diabetesoppfølging», som du ikke har.";
    for (String[] raw : new String[][] {
        {"CompetenceRefused", message},
        {"ProcessEngineException", "ENGINE-03051 There was an exception while invoking the TaskListener. Message: '"
            + message + "'"},
        {"RestException", "Cannot complete task 1c2a: ENGINE-03051 There was an exception while invoking the"
            + " TaskListener. Message: '" + message + "'"}}) {
      EngineErrors.Rewritten answer = EngineErrors.rewrite(500, raw[0], raw[1], true);
      assertThat(answer.status()).as(raw[0]).isEqualTo(403);
      assertThat(answer.type()).isEqualTo("Forbidden");
      assertThat(answer.message()).isEqualTo(message);
    }
  }

  @Test
  void theTasklistStillRecognisesAVanishedTask() {
    assertThat(EngineErrors.rewrite(500, "NullValueException", "Cannot find task with id 1: task is null", true)
        .message()).contains("No matching task");
    assertThat(EngineErrors.rewrite(500, "ProcessEngineException", "ENGINE-13016 ... is suspended", true)
        .message()).contains("is suspended");
  }

  @Test
  void aMissingPermissionSaysNothingOfResourcesOrClasses() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(403, "AuthorizationException",
        "The user with id 'erik.moen' does not have one of the following permissions: 'READ_INSTANCE_VARIABLE'"
            + " permission on resource 'allocation-case' of type 'ProcessDefinition'", false);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.type()).isEqualTo("Forbidden");
    assertThat(answer.message()).doesNotContain("erik.moen").doesNotContain("allocation-case")
        .doesNotContain("READ_INSTANCE_VARIABLE");
  }

  @Test
  void aTaskSomeoneElseHasClaimedIsAConflictInNorwegian() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "TaskAlreadyClaimedException",
        "Task '6f1c' is already claimed by someone else.", true);
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.type()).isEqualTo("Conflict");
    assertThat(answer.message()).startsWith("Oppgaven er allerede tatt av en annen").doesNotContain("6f1c", "claimed");
  }

  @Test
  void whatTheProcessDoesNotAllowIsTheRequestsFaultInNorwegianNotAServerError() {
    String[][] refused = {
        {"ENGINE-13033 Propagation of bpmn error matrixProbe failed. ", "400", "BPMN-feilen"},
        {"ENGINE-02043 Execution with id 'Task_EditPlan' throws an escalation event with escalationCode 'x', but no"
            + " escalation handler was defined. ", "400", "eskaleringen"},
        {"The task cannot be deleted because is part of a running process", "409", "kan ikke slettes"},
        {"ENGINE-03072 Cannot change tenantId of Task '6f1c'. Current tenant id '1804', Tenant id to set 'null'", "400",
            "annen kommune"},
        {"Cannot save standalone task. They are disabled in the process engine configuration.", "400", "utenfor en"
            + " prosess"},
        {"ENGINE-13054 The number of job retries must be a non-negative Integer, but '-1' has been provided.", "400",
            "0 eller flere"}};
    for (String[] raw : refused) {
      EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "ProcessEngineException", raw[0], false);
      assertThat(answer.status()).as(raw[0]).isEqualTo(Integer.parseInt(raw[1]));
      assertThat(answer.message()).as(raw[0]).contains(raw[2]).doesNotContain("ENGINE", "6f1c", "Task_");
    }
  }

  @Test
  void aConcurrentChangeIsAConflictToRetry() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "OptimisticLockingException",
        "ENGINE-03005 Execution of 'UPDATE TaskEntity[6f1c]' failed. Entity was updated by another transaction"
            + " concurrently.", false);
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.message()).contains("Last siden på nytt");
  }

  @Test
  void aRefusedFormKeepsTheServersMessageThatNamesTheField() {
    String message = "Hva er viktig for deg? må fylles ut.";
    EngineErrors.Rewritten answer = EngineErrors.rewrite(400, "FormFieldValidationException", message, true);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo(message);
  }

  @Test
  void aRefusedFormWrappedByTheRestApiIsUnwrapped() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(400, "InvalidRequestException", "Cannot submit task form"
        + " 5bb282af-ee91-11f1: Skjemaet er ikke sendt inn. Rett dette og prøv igjen: «Hva er viktig for deg?» må fylles ut.",
        true);
    assertThat(answer.type()).isEqualTo("ValidationFailed");
    assertThat(answer.message()).startsWith("Skjemaet er ikke sendt inn.").contains("«Hva er viktig for deg?»")
        .doesNotContain("Cannot submit");
  }

  @Test
  void anUnexpectedEngineFailureShowsNoInternals() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "ProcessEngineException",
        "ENGINE-16004 Exception while closing command context: org.postgresql.util.PSQLException: duplicate key", false);
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.message()).doesNotContain("ENGINE").doesNotContain("org.").doesNotContain("duplicate");
  }

  @Test
  void aDatabaseThatCannotServeIsUnavailableWithNothingOfTheEngine() {
    String[] messages = {
        "Could not open JDBC Connection for transaction",
        "### Error querying database.  Cause: org.postgresql.util.PSQLException: Connection to localhost:15432 refused."
            + " Check that the hostname and port are correct",
        "HikariPool-1 - Connection is not available, request timed out after 5001ms.",
        "ENGINE-03004 Exception while executing Database Operation: FATAL: terminating connection due to administrator"
            + " command",
        "FATAL: the database system is starting up",
        "ERROR: could not extend file \"base/16384/2619\": No space left on device"};
    for (String message : messages) {
      EngineErrors.Rewritten answer = EngineErrors.rewrite(500, "ProcessEngineException", message, true);
      assertThat(answer.status()).as(message).isEqualTo(503);
      assertThat(answer.type()).isEqualTo("ServiceUnavailable");
      assertThat(answer.message()).as(message).contains("Databasen er ikke tilgjengelig").contains("Ingenting er lagret")
          .doesNotContain("org.").doesNotContain("ENGINE").doesNotContain("15432");
    }
    // a failure that is the database's answer, not its absence, stays a 500
    assertThat(EngineErrors.rewrite(500, "ProcessEngineException", "ERROR: duplicate key value violates unique"
        + " constraint", false).status()).isEqualTo(500);
  }

  @Test
  void aBadRequestKeepsItsDetailWithoutJavaClassNames() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(400, "InvalidRequestException",
        "Cannot convert value 'abc' of type 'String' to java type java.lang.Integer", false);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).startsWith("Forespørselen er ugyldig").contains("abc").doesNotContain("java.lang");
  }

  @Test
  void anErrorInPlainTextIsAnsweredInNorwegianWithNothingOfIt() {
    // e.g. the JSON provider's "Cannot deserialize value of type `java.util.LinkedHashMap<...>` from Array value"
    for (int status : new int[] {400, 404, 405, 415, 409, 500}) {
      EngineErrors.Rewritten answer = EngineErrors.rewriteText(status);
      assertThat(answer.status()).isEqualTo(status);
      assertThat(answer.message()).isNotBlank().doesNotContain("java", "Exception");
    }
    assertThat(EngineErrors.rewriteText(400).message()).startsWith("Forespørselen er ugyldig").contains("JSON");
  }

  @Test
  void ourOwnAnswersPassUnchanged() {
    EngineErrors.Rewritten answer = EngineErrors.rewrite(403, "Forbidden", "Søk på variabelverdier er ikke tillatt", false);
    assertThat(answer.message()).isEqualTo("Søk på variabelverdier er ikke tillatt");
  }
}
