package no.carepath.platform;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request Carepath will not carry out, with a message the person (or the integration's
 * developer) can act on. Thrown before anything is written; answered as problem JSON by
 * {@link ApiExceptionHandler}.
 */
public class RequestRejectedException extends RuntimeException {

  /** One field that is wrong, named by its JSON path (e.g. {@code patient.nationalId}). */
  public record FieldProblem(String field, String message) {
  }

  private final HttpStatus status;
  private final List<FieldProblem> problems;

  private RequestRejectedException(HttpStatus status, String message, List<FieldProblem> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public static RequestRejectedException invalid(List<FieldProblem> problems) {
    String message = problems.size() == 1 ? problems.get(0).message()
        : "Forespørselen har " + problems.size() + " feil; se listen under.";
    return new RequestRejectedException(HttpStatus.BAD_REQUEST, message, problems);
  }

  public static RequestRejectedException invalid(String field, String message) {
    return invalid(List.of(new FieldProblem(field, message)));
  }

  public static RequestRejectedException conflict(String message) {
    return new RequestRejectedException(HttpStatus.CONFLICT, message, List.of());
  }

  public static RequestRejectedException notFound(String message) {
    return new RequestRejectedException(HttpStatus.NOT_FOUND, message, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
