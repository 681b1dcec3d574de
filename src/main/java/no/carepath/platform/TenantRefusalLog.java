package no.carepath.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Someone asking for a task or instance of a municipality not theirs is refused by the engine's
 * tenant check, and Carepath answers 404 ({@code security.EngineErrors}). The engine, though, logs
 * every such refusal as a failed command (ERROR, ENGINE-16004, with a stack trace of about a hundred
 * lines) and its REST API again as a server error (WARN, ENGINE-REST-HTTP500, another stack trace): two
 * stack traces per refused request, an "error" an operator would chase, and a log flooded by anyone
 * probing. Here each such refusal is one WARN line instead, with the engine's message (the task's or
 * instance's id, never a patient's); every other failure is logged by the engine as before.
 */
final class TenantRefusalLog extends TurboFilter {

  static final String REFUSAL = "because it belongs to no authenticated tenant";
  static final String COMMAND_LOGGER = "org.camunda.bpm.engine.context";
  static final String REST_LOGGER = "org.camunda.bpm.engine.rest.exception";
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TenantRefusalLog.class);

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN)
        || !logger.getName().equals(COMMAND_LOGGER) && !logger.getName().equals(REST_LOGGER)) {
      return FilterReply.NEUTRAL;
    }
    String refusal = refusal(FormValidationFailures.logged(t, params));
    if (refusal == null && logger.getName().equals(REST_LOGGER)) {
      // the REST API writes the exception's stack trace into the message itself, as text
      refusal = refusalIn(format, params);
    }
    if (refusal == null) {
      return FilterReply.NEUTRAL;
    }
    // one line per refused command, where the engine logs the command's failure; the REST API's second log of it
    // (a request's, and only for requests) is then left out
    if (logger.getName().equals(COMMAND_LOGGER)) {
      LOG.warn("Refused by the tenant check (answered as not found): {}", refusal);
    }
    return FilterReply.DENY;
  }

  private static String refusalIn(String format, Object[] params) {
    if (format != null && format.contains(REFUSAL)) {
      return format;
    }
    if (params != null) {
      for (Object param : params) {
        if (param instanceof String text && text.contains(REFUSAL)) {
          return text;
        }
      }
    }
    return null;
  }

  /** The engine's message of a tenant refusal in the failure's causes, or null if it is none. */
  static String refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.contains(REFUSAL)) {
        return message;
      }
    }
    return null;
  }
}
