package no.carepath.platform;

import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * The engine refuses a person's request in three ordinary ways: a task or instance of a municipality not theirs
 * (its tenant check), one that does not exist or no longer does (its "not found" checks), and a task someone else
 * has claimed meanwhile. Carepath answers them 404, 404 and 409 ({@code security.EngineErrors}). The engine, though,
 * logs such a refusal as a failed command (ERROR, ENGINE-16004, with a stack trace of about a hundred lines) and its
 * REST API again as a server error (WARN, ENGINE-REST-HTTP500, another stack trace): up to two stack traces per
 * refused request, an "error" an operator would chase, and a log flooded by anyone probing. Here each such refusal
 * is one WARN line instead, with the engine's message (the id asked for; the log's pattern masks an 11-digit number
 * in it, in case someone put a national ID number in the URL); every other failure is logged by the engine as
 * before.
 *
 * <p>"Not found" is the engine's own kind of it: a {@link NullValueException} or {@link BadUserRequestException}
 * (its {@code NotFoundException} among them) whose message says that what was asked for does not exist. A plain
 * {@code ProcessEngineException} with such words (a model's or a worker's failure) is logged as before.
 */
final class EngineRefusalLog extends TurboFilter {

  static final String REFUSAL = "because it belongs to no authenticated tenant";
  static final String COMMAND_LOGGER = "org.camunda.bpm.engine.context";
  static final String REST_LOGGER = "org.camunda.bpm.engine.rest.exception";
  /** How the engine's not-found checks word it ("task x doesn't exist", "Cannot find task with id 'x'", ...). */
  static final Pattern NOT_FOUND = Pattern.compile("(?i)(doesn't exist|does not exist|cannot find|could not find"
      + "|(?:^|\\s)no \\S+(?: \\S+)? found|no deployed \\S+(?: \\S+)? found)");
  private static final Pattern NOT_FOUND_IN_TEXT = Pattern.compile("(?:NullValueException|NotFoundException"
      + "|BadUserRequestException|InvalidRequestException): ([^\\n]*)");
  private static final String ALREADY_CLAIMED_IN_TEXT = TaskAlreadyClaimedException.class.getName() + ": ";
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(EngineRefusalLog.class);

  /** The refusal this thread's engine command has just logged, for the REST API's log of the same to be left out. */
  private final ThreadLocal<String> saidByCommand = new ThreadLocal<>();

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
    // one line per refusal: where the engine logs the command's failure, and the REST API's second log of it (a
    // request's, on the same thread right after) is then left out; where only the REST API logs it (a claim of a
    // task someone else has), there
    if (logger.getName().equals(COMMAND_LOGGER)) {
      LOG.warn("Refused: {}", refusal);
      saidByCommand.set(refusal);
    } else {
      String said = saidByCommand.get();
      saidByCommand.remove();
      if (said == null || !refusal.contains(said) && !mentions(format, params, said)) {
        LOG.warn("Refused: {}", refusal);
      }
    }
    return FilterReply.DENY;
  }

  private static boolean mentions(String format, Object[] params, String said) {
    if (format != null && format.contains(said)) {
      return true;
    }
    if (params != null) {
      for (Object param : params) {
        if (param instanceof String text && text.contains(said)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String refusalIn(String format, Object[] params) {
    String found = refusalInText(format);
    if (found == null && params != null) {
      for (Object param : params) {
        if (param instanceof String text && (found = refusalInText(text)) != null) {
          break;
        }
      }
    }
    return found;
  }

  private static String refusalInText(String text) {
    if (text == null) {
      return null;
    }
    if (text.contains(REFUSAL)) {
      return text;
    }
    int claimed = text.indexOf(ALREADY_CLAIMED_IN_TEXT);
    if (claimed >= 0) {
      int end = text.indexOf('\n', claimed);
      return text.substring(claimed + ALREADY_CLAIMED_IN_TEXT.length(), end < 0 ? text.length() : end);
    }
    java.util.regex.Matcher exception = NOT_FOUND_IN_TEXT.matcher(text);
    while (exception.find()) {
      if (NOT_FOUND.matcher(exception.group(1)).find()) {
        return exception.group(1);
      }
    }
    return null;
  }

  /** The engine's message of a tenant, not-found or already-claimed refusal in the failure's causes, or null. */
  static String refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      String message = cause.getMessage();
      if (message == null) {
        continue;
      }
      if (message.contains(REFUSAL) || cause instanceof TaskAlreadyClaimedException) {
        return message;
      }
      boolean notFoundKind = cause instanceof NullValueException || cause instanceof BadUserRequestException;
      if (notFoundKind && NOT_FOUND.matcher(message).find()) {
        return message;
      }
    }
    return null;
  }
}
