package no.carepath.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Marker;

/**
 * A form a person submitted and the server refused ({@link SubmittedForm}) is a 400, not an engine
 * failure. The engine wraps a task listener's exception twice, which its REST API (and the
 * Tasklist) would answer with 500; this interceptor hands the validation failure itself to the
 * REST layer, which answers it with 400 and the message. The transaction is rolled back either way.
 */
public final class FormValidationFailures {

  /**
   * An exception a listener throws to refuse what a person asked for, with a message for her (the
   * competence register's {@code CompetenceRefused}): handed to the REST layer as it is, not logged as
   * an engine failure.
   */
  public interface Refusal {
  }

  private FormValidationFailures() {
  }

  /** The refusal a person can act on inside an engine failure: a refused form, or another {@link Refusal}. */
  static RuntimeException validationCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FormFieldValidationException validation) {
        return validation;
      }
      if (cause instanceof Refusal && cause instanceof RuntimeException refusal) {
        return refusal;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** The exception of a logging call: given as such, or as SLF4J's last parameter (as the engine logs it). */
  static Throwable logged(Throwable t, Object[] params) {
    if (t == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
      return last;
    }
    return t;
  }

  /** Outermost engine command interceptor. */
  static final class Unwrapping extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException failure) {
        RuntimeException validation = validationCause(failure);
        if (validation != null && validation != failure) {
          throw validation;
        }
        throw failure;
      }
    }
  }

  /** Keeps refused forms out of the error log; the engine logs every failed command at ERROR. */
  static final class QuietLog extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith("org.camunda.bpm.engine")) {
        return FilterReply.NEUTRAL;
      }
      return validationCause(logged(t, params)) != null ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }
}
