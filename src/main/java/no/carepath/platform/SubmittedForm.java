package no.carepath.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import no.carepath.security.EngineErrors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Server-side validation of what a person submitted with a task form. Camunda Forms validate only
 * in the browser, and the REST API accepts any variables, so every task listener on
 * {@code complete} reads its fields through this class. The rules come from the deployed form the
 * task's {@code camunda:formRef} resolves to ({@link FormRules}): required fields, lengths, ranges,
 * patterns, choices and labels are checked as the form says, for every field the person could see;
 * a process owner who changes the form in Modeler changes the server's checks with it. The listener
 * reads typed values by key and adds only the rules that involve several fields or the domain
 * ({@link #require}, {@link #notBefore}, {@link #problem}). All problems are reported together; the
 * engine answers the Tasklist and {@code /engine-rest} with 400 and the message, and the task stays
 * open with nothing written.
 */
public final class SubmittedForm {

  /** Deployed forms never change: their rules are read once per engine and form definition. */
  private static final Map<String, FormRules> DEPLOYED = new ConcurrentHashMap<>();
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private final FormRules rules;
  private final Map<String, Object> values = new HashMap<>();
  private final Set<String> refused = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  private SubmittedForm(FormRules rules) {
    this.rules = rules;
  }

  /** Checks the task's submission against the deployed form of the task. */
  public static SubmittedForm of(DelegateTask task) {
    return check(deployedRules(task), task);
  }

  /** Checks variables against a form's rules. */
  static SubmittedForm check(FormRules rules, VariableScope variables) {
    SubmittedForm form = new SubmittedForm(rules);
    for (FormRules.Field field : rules.fields()) {
      if (field.input() && field.hiddenWhen().stream().noneMatch(hide -> hide.hides(variables::getVariable))) {
        form.values.put(field.key(), form.checked(field, variables.getVariable(field.key()), variables));
      }
    }
    return form;
  }

  private static FormRules deployedRules(DelegateTask task) {
    if (!(task instanceof TaskEntity entity)) {
      throw new IllegalStateException("Task " + task.getTaskDefinitionKey() + " is not an engine task");
    }
    // evaluates camunda:formRef, its binding and version for this task (as the Tasklist's form query does)
    entity.initializeFormKey();
    CamundaFormRef ref = entity.getCamundaFormRef();
    if (ref == null) {
      throw new IllegalStateException("Task " + task.getTaskDefinitionKey() + " has no camunda:formRef to check against");
    }
    CommandContext context = Context.getCommandContext();
    CamundaFormDefinition definition = context.runWithoutAuthorization(
        new GetCamundaFormDefinitionCmd(ref, entity.getProcessDefinition().getDeploymentId()));
    if (definition == null) {
      throw new IllegalStateException("The form " + ref.getKey() + " of task " + task.getTaskDefinitionKey()
          + " is not deployed (binding " + ref.getBinding() + ")");
    }
    String engine = Context.getProcessEngineConfiguration().getProcessEngineName();
    return DEPLOYED.computeIfAbsent(engine + "/" + definition.getId(), cached -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
      return FormRules.parse(resource.getBytes());
    });
  }

  // ---- typed values by key ------------------------------------------------------------------------

  /** A text field's trimmed text; {@code null} when empty, hidden or refused. */
  public String text(String key) {
    return (String) value(key, FormRules.TEXT);
  }

  /** The value of a select or radio; {@code null} when none, hidden or refused. */
  public String choice(String key) {
    return (String) value(key, FormRules.CHOICE);
  }

  /** A checklist's values, each once, in the order submitted; empty when none, hidden or refused. */
  @SuppressWarnings("unchecked")
  public List<String> selection(String key) {
    Object value = value(key, FormRules.SELECTION);
    return value == null ? List.of() : (List<String>) value;
  }

  /** A checkbox; false when not ticked or hidden. */
  public boolean flag(String key) {
    return Boolean.TRUE.equals(value(key, FormRules.FLAG));
  }

  /** A date field ({@code YYYY-MM-DD}); {@code null} when empty, hidden or refused. */
  public LocalDate date(String key) {
    return (LocalDate) value(key, FormRules.DATE);
  }

  /** A number field; {@code null} when empty, hidden or refused. */
  public Double number(String key) {
    BigDecimal value = (BigDecimal) value(key, FormRules.NUMBER);
    return value == null ? null : value.doubleValue();
  }

  /**
   * A whole number: a number field, or a select or radio whose values are whole numbers (an IPLOS
   * score «1»–«5»); {@code null} when empty, hidden or refused.
   */
  public Integer score(String key) {
    FormRules.Field field = rules.field(key);
    Object value = value(key, FormRules.CHOICE.contains(field.type()) ? FormRules.CHOICE : FormRules.NUMBER);
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value.toString()).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      if (value instanceof String) {
        throw new IllegalStateException("The choice «" + value + "» of «" + key + "» in form " + rules.id()
            + " is not a whole number");
      }
      refuse(field, "«" + field.label() + "» må være et helt tall.");
      return null;
    }
  }

  /** The field's label in the form, for messages about it. */
  public String label(String key) {
    return rules.field(key).label();
  }

  // ---- rules that involve several fields or the domain --------------------------------------------

  /**
   * The field must be filled in here, though the form does not require it always: {@code when}
   * says why, as the end of a Norwegian sentence ("når tiltaket er «Annet»"), or is empty.
   */
  public void require(String key, String when) {
    FormRules.Field field = rules.field(key);
    value(key, FormRules.INPUT_TYPES);
    Object value = values.get(key);
    if (!refused.contains(key) && (value == null || value instanceof Collection<?> c && c.isEmpty()
        || Boolean.FALSE.equals(value))) {
      String reason = when == null || when.isBlank() ? "" : " " + when.strip();
      refuse(field, switch (field.type()) {
        case "select", "radio" -> "Velg «" + field.label() + "»" + reason + ".";
        case "checklist", "taglist" -> "Velg minst ett alternativ i «" + field.label() + "»" + reason + ".";
        case "checkbox" -> "Kryss av for «" + field.label() + "»" + reason + ".";
        default -> "«" + field.label() + "» må fylles ut" + reason + ".";
      });
    }
  }

  /** A date no earlier than {@code earliest}. */
  public void notBefore(String key, LocalDate earliest) {
    LocalDate date = date(key);
    if (date != null && date.isBefore(earliest)) {
      refuse(rules.field(key), "«" + label(key) + "» kan ikke være før " + earliest + ".");
    }
  }

  /** A date no later than {@code today}. */
  public void notInFuture(String key, LocalDate today) {
    LocalDate date = date(key);
    if (date != null && date.isAfter(today)) {
      refuse(rules.field(key), "«" + label(key) + "» kan ikke være fram i tid.");
    }
  }

  /** A problem that involves several fields, or the domain. */
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
          EngineErrors.FORM_REFUSED + " Rett dette og prøv igjen: " + String.join(" ", problems));
    }
  }

  // ---- checks from the form -----------------------------------------------------------------------

  private Object value(String key, Set<String> types) {
    FormRules.Field field = rules.field(key);
    if (!field.input()) {
      throw new IllegalStateException("«" + key + "» in form " + rules.id() + " only shows data (disabled or readonly)");
    }
    if (!types.contains(field.type())) {
      throw new IllegalStateException("«" + key + "» in form " + rules.id() + " is a " + field.type() + ", not one of "
          + types);
    }
    return values.get(key);
  }

  private void refuse(FormRules.Field field, String problem) {
    refused.add(field.key());
    problems.add(problem);
  }

  private Object checked(FormRules.Field field, Object value, VariableScope variables) {
    return switch (field.type()) {
      case "textfield", "textarea" -> text(field, value);
      case "select", "radio" -> choice(field, value, variables);
      case "checklist", "taglist" -> selection(field, value, variables);
      case "number" -> number(field, value);
      case "datetime" -> date(field, value);
      case "checkbox" -> flag(field, value);
      default -> throw new IllegalStateException("No check for " + field.type());
    };
  }

  private static boolean empty(Object value) {
    return value == null || value instanceof String text && text.isBlank();
  }

  private String text(FormRules.Field field, Object value) {
    String label = field.label();
    if (empty(value)) {
      if (field.required()) {
        refuse(field, "«" + label + "» må fylles ut.");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      refuse(field, "«" + label + "» må være tekst.");
      return null;
    }
    String trimmed = text.strip();
    if (field.maxLength() != null && trimmed.length() > field.maxLength()) {
      refuse(field, "«" + label + "» er for lang (" + trimmed.length() + " tegn, høyst " + field.maxLength() + ").");
      return null;
    }
    if (field.minLength() != null && trimmed.length() < field.minLength()) {
      refuse(field, "«" + label + "» er for kort (" + trimmed.length() + " tegn, minst " + field.minLength() + ").");
      return null;
    }
    if (field.pattern() != null && !field.pattern().matcher(trimmed).find()) {
      // the description under the field says what the format is ("7 til 9 sifre.")
      refuse(field, "«" + label + "» har ikke riktig format." + (field.description() == null ? ""
          : " " + field.description()));
      return null;
    }
    return trimmed;
  }

  private String choice(FormRules.Field field, Object value, VariableScope variables) {
    if (empty(value)) {
      if (field.required()) {
        refuse(field, "Velg «" + field.label() + "».");
      }
      return null;
    }
    List<String> allowed = choices(field, variables);
    String text = value instanceof Number number ? new BigDecimal(number.toString()).toPlainString() : null;
    if (value instanceof String given) {
      text = given;
    }
    if (text == null || !allowed.contains(text)) {
      refuse(field, "«" + field.label() + "» har en ugyldig verdi (" + value + "). Gyldige verdier: "
          + String.join(", ", allowed) + ".");
      return null;
    }
    return text;
  }

  private List<String> selection(FormRules.Field field, Object value, VariableScope variables) {
    List<String> selected = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(element -> selected.add(element.isString() ? element.stringValue() : element.toString()));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(element -> selected.add(String.valueOf(element)));
    } else if (value != null && !(value instanceof SpinJsonNode json && json.isNull())) {
      refuse(field, "«" + field.label() + "» må være en liste.");
      return List.of();
    }
    List<String> unique = List.copyOf(new LinkedHashSet<>(selected));
    if (unique.isEmpty() && field.required()) {
      refuse(field, "Velg minst ett alternativ i «" + field.label() + "».");
    }
    List<String> allowed = choices(field, variables);
    boolean wrong = false;
    for (String element : unique) {
      if (!allowed.contains(element)) {
        refuse(field, "«" + field.label() + "» har en ugyldig verdi (" + element + ").");
        wrong = true;
      }
    }
    return wrong ? List.of() : unique;
  }

  /** The form's choices, or those in the variable its {@code valuesKey} names ({@code [{label, value}]}). */
  private static List<String> choices(FormRules.Field field, VariableScope variables) {
    if (field.choices() != null) {
      return field.choices();
    }
    List<String> choices = new ArrayList<>();
    Object options = variables.getVariable(field.choicesKey());
    if (options instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(option -> choices.add(option.isObject() ? option.prop("value").stringValue()
          : option.isString() ? option.stringValue() : option.toString()));
    } else if (options instanceof Collection<?> collection) {
      collection.forEach(option -> choices.add(option instanceof Map<?, ?> map ? String.valueOf(map.get("value"))
          : String.valueOf(option)));
    }
    return choices;
  }

  private BigDecimal number(FormRules.Field field, Object value) {
    String label = field.label();
    if (empty(value)) {
      if (field.required()) {
        refuse(field, "«" + label + "» må fylles ut.");
      }
      return null;
    }
    BigDecimal number = null;
    try {
      if (value instanceof Number given && Double.isFinite(given.doubleValue())) {
        number = new BigDecimal(given.toString());
      } else if (value instanceof String text) {
        number = new BigDecimal(text.strip().replace(',', '.'));
      }
    } catch (NumberFormatException e) {
      number = null;
    }
    if (number == null || field.min() != null && number.compareTo(field.min()) < 0
        || field.max() != null && number.compareTo(field.max()) > 0) {
      refuse(field, "«" + label + "» må være et tall" + range(field) + ".");
      return null;
    }
    Integer digits = field.decimalDigits();
    if (digits != null && Math.max(0, number.stripTrailingZeros().scale()) > digits) {
      refuse(field, digits == 0 ? "«" + label + "» må være et helt tall."
          : "«" + label + "» kan ha høyst " + digits + (digits == 1 ? " desimal." : " desimaler."));
      return null;
    }
    return number;
  }

  private static String range(FormRules.Field field) {
    if (field.min() != null && field.max() != null) {
      return " fra " + plain(field.min()) + " til " + plain(field.max());
    }
    if (field.min() != null) {
      return " (minst " + plain(field.min()) + ")";
    }
    return field.max() == null ? "" : " (høyst " + plain(field.max()) + ")";
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private LocalDate date(FormRules.Field field, Object value) {
    if (empty(value)) {
      if (field.required()) {
        refuse(field, "«" + field.label() + "» må fylles ut.");
      }
      return null;
    }
    try {
      if (value instanceof java.util.Date legacy) {
        return legacy.toInstant().atZone(OSLO).toLocalDate();
      }
      String text = String.valueOf(value).strip();
      return LocalDate.parse(text.substring(0, Math.min(10, text.length())));
    } catch (DateTimeParseException e) {
      refuse(field, "«" + field.label() + "» må være en dato (ÅÅÅÅ-MM-DD).");
      return null;
    }
  }

  private Boolean flag(FormRules.Field field, Object value) {
    if (value != null && !(value instanceof Boolean)) {
      refuse(field, "«" + field.label() + "» må være ja eller nei.");
      return null;
    }
    if (field.required() && !Boolean.TRUE.equals(value)) {
      refuse(field, "Kryss av for «" + field.label() + "».");
    }
    return (Boolean) value;
  }
}
