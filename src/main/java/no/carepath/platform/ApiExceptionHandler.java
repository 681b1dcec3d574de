package no.carepath.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletResponse;
import no.carepath.platform.RequestRejectedException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of Carepath's JSON API as problem JSON (RFC 9457) with a {@code detail} a person can
 * act on and, for field errors, an {@code errors} list of {@code {field, message}}. Never a stack
 * trace; an unexpected error gets a reference to find it in the log.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<Object> rejected(RequestRejectedException e) {
    String title = switch (e.status()) {
      case CONFLICT -> "Konflikt";
      case NOT_FOUND -> "Finnes ikke";
      default -> "Ugyldig forespørsel";
    };
    return problem(e.status(), title, e.getMessage(), e.problems());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) throws Exception {
    // the database or Keycloak is down: 503 with Retry-After (availability.OutageFilter)
    no.carepath.availability.Outage.rethrowIfOutage(e);
    String reference = logUnexpected(e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Intern feil",
        "Noe gikk galt hos oss, og ingenting er lagret. Prøv igjen, og oppgi referansen " + reference
            + " hvis feilen gjentar seg.", List.of());
  }

  /** Logs an unexpected error without the values a database error quotes; returns its reference. */
  static String logUnexpected(Exception e) {
    String reference = UUID.randomUUID().toString();
    if (fromDatabase(e)) {
      // a database error quotes statements and key values (a national ID number, for one): the
      // log gets the kinds of error only
      log.error("Unexpected database error, reference {}: {}", reference, kinds(e));
    } else {
      log.error("Unexpected error, reference {}", reference, e);
    }
    return reference;
  }

  private static boolean fromDatabase(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.springframework.dao.DataAccessException || cause instanceof java.sql.SQLException) {
        return true;
      }
    }
    return false;
  }

  private static String kinds(Throwable e) {
    StringBuilder kinds = new StringBuilder();
    for (Throwable cause = e; cause != null && kinds.length() < 1000; cause = cause.getCause()) {
      kinds.append(kinds.isEmpty() ? "" : " <- ").append(cause.getClass().getName());
      if (cause instanceof java.sql.SQLException sql) {
        kinds.append(" (SQLState ").append(sql.getSQLState()).append(')');
      }
    }
    return kinds.toString();
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Throwable cause = e.getCause();
    if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge
        || (cause != null && cause.getCause() instanceof RequestBodyLimitFilter.BodyTooLargeException)) {
      long max = cause instanceof RequestBodyLimitFilter.BodyTooLargeException t ? t.maxBytes
          : ((RequestBodyLimitFilter.BodyTooLargeException) cause.getCause()).maxBytes;
      return problem(HttpStatus.BAD_REQUEST, "For stor forespørsel", tooLargeMessage(-1, max), List.of());
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      String allowed = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      return problem(HttpStatus.BAD_REQUEST, "Ukjent felt",
          "Feltet «" + field + "» finnes ikke i kontrakten. Fjern det eller rett skrivemåten. Tillatte felt her: " + allowed + ".",
          List.of(new FieldProblem(field, "ukjent felt")));
    }
    if (cause instanceof InvalidFormatException invalid) {
      String field = path(invalid);
      String expected = invalid.getTargetType().isEnum()
          ? "én av " + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
          : describe(invalid.getTargetType());
      return problem(HttpStatus.BAD_REQUEST, "Ugyldig verdi",
          "Feltet «" + field + "» har verdien «" + invalid.getValue() + "», men må være " + expected + ".",
          List.of(new FieldProblem(field, "må være " + expected)));
    }
    if (cause instanceof MismatchedInputException mismatched && !(cause instanceof JsonParseException)) {
      String field = path(mismatched);
      String message = field.isEmpty()
          ? "Innholdet må være et JSON-objekt etter kontrakten i README (avsnitt «Intake API»)."
          : "Feltet «" + field + "» har feil type: forventet " + describe(mismatched.getTargetType()) + ".";
      return problem(HttpStatus.BAD_REQUEST, "Feil type", message,
          field.isEmpty() ? List.of() : List.of(new FieldProblem(field, "feil type")));
    }
    if (cause instanceof JsonProcessingException json) {
      String where = json.getLocation() == null ? ""
          : " (linje " + json.getLocation().getLineNr() + ", kolonne " + json.getLocation().getColumnNr() + ")";
      String original = String.valueOf(json.getOriginalMessage());
      java.util.regex.Matcher duplicate = java.util.regex.Pattern.compile("^Duplicate field '([^']*)'").matcher(original);
      if (duplicate.find()) {
        return problem(HttpStatus.BAD_REQUEST, "Ugyldig JSON", "Feltet «" + duplicate.group(1) + "» står to ganger i samme"
            + " objekt" + where + ". Hvert felt kan bare brukes én gang; fjern det ene.",
            List.of(new FieldProblem(duplicate.group(1), "står to ganger")));
      }
      if (json instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
        return problem(HttpStatus.BAD_REQUEST, "For stort eller dypt innhold", "Forespørselen er større enn tillatt"
            + where + ": for dypt nøstet, for langt tall eller for lang tekst. Send innholdet slik kontrakten i README"
            + " beskriver.", List.of());
      }
      // the parser's own words are English and name its internals: the place is what helps
      return problem(HttpStatus.BAD_REQUEST, "Ugyldig JSON",
          "Forespørselen er ikke gyldig JSON" + where + ". Sjekk anførselstegn, komma og klammer.", List.of());
    }
    return problem(HttpStatus.BAD_REQUEST, "Mangler innhold",
        "Forespørselen må ha et JSON-objekt som innhold (Content-Type: application/json).", List.of());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
        .sorted(java.util.Comparator.comparing(FieldProblem::field))
        .toList();
    RequestRejectedException rejected = RequestRejectedException.invalid(problems);
    return problem(HttpStatus.BAD_REQUEST, "Ugyldig forespørsel", rejected.getMessage(), problems);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Feil innholdstype",
        "Send JSON med 'Content-Type: application/json'.", List.of());
  }

  static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<FieldProblem> problems) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setTitle(title);
    if (!problems.isEmpty()) {
      body.setProperty("errors", problems.stream()
          .map(problem -> Map.of("field", problem.field(), "message", problem.message())).toList());
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  static void writeTooLarge(HttpServletResponse response, long length, long max) throws IOException {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"For stor forespørsel\",\"status\":400,\"detail\":\""
        + tooLargeMessage(length, max) + "\"}");
  }

  private static String tooLargeMessage(long length, long max) {
    return "Forespørselen er for stor" + (length > 0 ? " (" + length + " byte)" : "") + ". Største tillatte størrelse er "
        + max / 1024 + " KB. Korte ned fritekstfeltene, eller send vedlegg på annen måte.";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "en annen type";
    }
    if (type == String.class) {
      return "tekst";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true eller false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "et tall";
    }
    if (type == java.time.LocalDate.class) {
      return "en dato på formen ÅÅÅÅ-MM-DD";
    }
    if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
      return "et tidspunkt på formen 2026-11-23T14:05:00+01:00";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "en liste";
    }
    return "et objekt";
  }
}
