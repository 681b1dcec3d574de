package no.carepath.platform;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Server-side validation of what a person submitted with a task form. Camunda Forms validate only
 * in the browser, and the REST API accepts any variables, so every task listener on
 * {@code complete} reads its fields through this class. All problems are collected and reported
 * together; the engine answers the Tasklist and {@code /engine-rest} with 400 and the message, and
 * the task stays open with nothing written.
 */
public final class SubmittedForm {

  private final VariableScope variables;
  private final List<String> problems = new ArrayList<>();

  private SubmittedForm(VariableScope variables) {
    this.variables = variables;
  }

  public static SubmittedForm of(VariableScope variables) {
    return new SubmittedForm(variables);
  }

  public String requiredText(String name, String label, int maxLength) {
    String value = optionalText(name, label, maxLength);
    if (value == null && empty(variables.getVariable(name))) {
      problems.add("«" + label + "» må fylles ut.");
    }
    return value;
  }

  /** Nothing submitted: no value, or only whitespace. */
  private static boolean empty(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  /** The trimmed text, or {@code null} when empty. */
  public String optionalText(String name, String label, int maxLength) {
    Object value = variables.getVariable(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      problems.add("«" + label + "» må være tekst.");
      return null;
    }
    String trimmed = text.strip();
    if (trimmed.length() > maxLength) {
      problems.add("«" + label + "» er for lang (" + trimmed.length() + " tegn, høyst " + maxLength + ").");
      return null;
    }
    return trimmed.isEmpty() ? null : trimmed;
  }

  public String requiredChoice(String name, String label, Collection<String> allowed) {
    String value = optionalChoice(name, label, allowed);
    if (value == null && empty(variables.getVariable(name))) {
      problems.add("Velg «" + label + "».");
    }
    return value;
  }

  public String optionalChoice(String name, String label, Collection<String> allowed) {
    Object value = variables.getVariable(name);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (!(value instanceof String text) || !allowed.contains(text)) {
      problems.add("«" + label + "» har en ugyldig verdi (" + value + "). Gyldige verdier: " + String.join(", ", allowed) + ".");
      return null;
    }
    return text;
  }

  /** A checklist: at least one value, each from {@code allowed}. */
  public List<String> requiredSelection(String name, String label, Collection<String> allowed) {
    Object value = variables.getVariable(name);
    List<String> selected = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(element -> selected.add(element.isString() ? element.stringValue() : element.toString()));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(element -> selected.add(String.valueOf(element)));
    } else if (value != null) {
      problems.add("«" + label + "» må være en liste.");
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>(selected);
    if (unique.isEmpty()) {
      problems.add("Velg minst ett alternativ i «" + label + "».");
    }
    for (String element : unique) {
      if (!allowed.contains(element)) {
        problems.add("«" + label + "» har en ugyldig verdi (" + element + ").");
      }
    }
    return List.copyOf(unique);
  }

  /** A date field ({@code YYYY-MM-DD}) no earlier than {@code earliest}, if given. */
  public LocalDate requiredDate(String name, String label, LocalDate earliest) {
    Object value = variables.getVariable(name);
    if (value == null || (value instanceof String text && text.isBlank())) {
      problems.add("«" + label + "» må fylles ut.");
      return null;
    }
    LocalDate date;
    try {
      date = value instanceof java.util.Date legacy
          ? legacy.toInstant().atZone(java.time.ZoneId.of("Europe/Oslo")).toLocalDate()
          : LocalDate.parse(String.valueOf(value).substring(0, Math.min(10, String.valueOf(value).length())));
    } catch (DateTimeParseException e) {
      problems.add("«" + label + "» må være en dato (ÅÅÅÅ-MM-DD).");
      return null;
    }
    if (earliest != null && date.isBefore(earliest)) {
      problems.add("«" + label + "» kan ikke være før " + earliest + ".");
      return null;
    }
    return date;
  }

  /** A score such as an IPLOS item, submitted as text ("3") or number. */
  public Integer requiredScore(String name, String label, int min, int max) {
    Object value = variables.getVariable(name);
    Integer score = null;
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
      score = (int) number.doubleValue();
    } else if (value instanceof String text && text.strip().matches("\\d{1,9}")) {
      score = Integer.parseInt(text.strip());
    }
    if (score == null || score < min || score > max) {
      problems.add("«" + label + "» må være et tall fra " + min + " til " + max + ".");
      return null;
    }
    return score;
  }

  /** A number field, or {@code null} when empty; outside {@code [min, max]} is a problem. */
  public Double optionalNumber(String name, String label, double min, double max) {
    Object value = variables.getVariable(name);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    Double number = null;
    if (value instanceof Number given) {
      number = given.doubleValue();
    } else if (value instanceof String text) {
      try {
        number = Double.parseDouble(text.strip().replace(',', '.'));
      } catch (NumberFormatException e) {
        number = null;
      }
    }
    if (number == null || number.isNaN() || number < min || number > max) {
      problems.add("«" + label + "» må være et tall fra " + format(min) + " til " + format(max) + ".");
      return null;
    }
    return number;
  }

  public Double requiredNumber(String name, String label, double min, double max) {
    Object value = variables.getVariable(name);
    if (value == null || (value instanceof String text && text.isBlank())) {
      problems.add("«" + label + "» må fylles ut.");
      return null;
    }
    return optionalNumber(name, label, min, max);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** A checklist that may be empty. */
  public List<String> optionalSelection(String name, String label, Collection<String> allowed) {
    Object value = variables.getVariable(name);
    if (value == null) {
      return List.of();
    }
    int before = problems.size();
    List<String> selected = requiredSelection(name, label, allowed);
    if (selected.isEmpty() && problems.size() == before + 1) {
      problems.remove(problems.size() - 1);
    }
    return selected;
  }

  public boolean flag(String name, String label) {
    Object value = variables.getVariable(name);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    problems.add("«" + label + "» må være ja eller nei.");
    return false;
  }

  /** A problem that involves several fields. */
  public void problem(String message) {
    problems.add(message);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** Reports every problem at once, as a 400 to the Tasklist or REST client; the task stays open. */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException("carepath",
          no.carepath.security.EngineErrors.FORM_REFUSED + " Rett dette og prøv igjen: " + String.join(" ", problems));
    }
  }
}
