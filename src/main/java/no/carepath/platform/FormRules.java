package no.carepath.platform;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The per-field rules of one Camunda Form, read from its {@code .form} JSON: what the browser
 * checks, for the server to check again ({@link SubmittedForm}). Each field with a {@code key}
 * gives its label, type, {@code validate} (required, minLength, maxLength, min, max, pattern),
 * {@code decimalDigits}, its choices ({@code values}, or the variable named by {@code valuesKey}),
 * whether a person types it at all ({@code disabled}/{@code readonly} fields only show data) and
 * its {@code conditional.hide}; fields in groups are read too, and a group's label and condition
 * pass to its fields. What the server cannot check the same way as the browser is refused here,
 * with the reason in Norwegian, so a form is refused at deployment and in the tests, not at the
 * first submission.
 */
final class FormRules {

  static final Set<String> TEXT = Set.of("textfield", "textarea");
  static final Set<String> CHOICE = Set.of("select", "radio");
  static final Set<String> SELECTION = Set.of("checklist", "taglist");
  static final Set<String> NUMBER = Set.of("number");
  static final Set<String> DATE = Set.of("datetime");
  static final Set<String> FLAG = Set.of("checkbox");
  static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "select", "radio", "checklist", "taglist",
      "number", "datetime", "checkbox");
  private static final Set<String> VALIDATIONS = Set.of("required", "minLength", "maxLength", "min", "max", "pattern");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One field; {@code input} is false for a field that only shows data, {@code description} the hint under it. */
  record Field(String key, String label, String description, String type, boolean input, boolean required,
      Integer minLength, Integer maxLength, BigDecimal min, BigDecimal max, Pattern pattern, Integer decimalDigits,
      List<String> choices, String choicesKey, List<FeelCondition> hiddenWhen) {
  }

  private final String id;
  private final Map<String, Field> fields;

  private FormRules(String id, Map<String, Field> fields) {
    this.id = id;
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** Reads a form; {@link IllegalArgumentException} with a Norwegian reason if the server could not check it. */
  static FormRules parse(byte[] form) {
    JsonNode root;
    try {
      root = JSON.readTree(form);
    } catch (IOException e) {
      throw new IllegalArgumentException("skjemaet er ikke gyldig JSON: " + e.getMessage());
    }
    String id = root.path("id").asText("");
    Map<String, Field> fields = new LinkedHashMap<>();
    read(id, root.path("components"), "", List.of(), fields);
    return new FormRules(id, fields);
  }

  /** The form's {@code id}, which a task's {@code camunda:formRef} names. */
  String id() {
    return id;
  }

  /** Every field with a key, in the order of the form. */
  List<Field> fields() {
    return List.copyOf(fields.values());
  }

  /** The field, or {@link IllegalStateException}: asking for a key the form lacks is a programming error. */
  Field field(String key) {
    Field field = fields.get(key);
    if (field == null) {
      throw new IllegalStateException("The form " + id + " has no field «" + key + "»");
    }
    return field;
  }

  boolean has(String key) {
    return fields.containsKey(key);
  }

  private static void read(String form, JsonNode components, String labelPrefix, List<FeelCondition> hiddenWhen,
      Map<String, Field> into) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      String where = "feltet " + (key == null ? component.path("id").asText(type) : "«" + key + "»");
      List<FeelCondition> hidden = hiddenWhen;
      JsonNode hide = component.path("conditional").path("hide");
      if (!hide.isMissingNode() && !hide.isNull() && !hide.asText().isBlank()) {
        hidden = new ArrayList<>(hiddenWhen);
        try {
          hidden.add(FeelCondition.parse(hide.asText()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        hidden = List.copyOf(hidden);
      }
      if (type.equals("group")) {
        if (!component.path("path").asText("").isBlank()) {
          throw new IllegalArgumentException(where + ": grupper med «path» (nøstede data) støttes ikke av serveren");
        }
        String label = component.path("label").asText("").strip();
        read(form, component.path("components"), label.isEmpty() ? labelPrefix : labelPrefix + label + ": ", hidden, into);
        continue;
      }
      if (component.has("components") || type.equals("dynamiclist")) {
        throw new IllegalArgumentException(where + ": komponenttypen «" + type + "» støttes ikke av serveren");
      }
      if (key == null) {
        continue;
      }
      if (!INPUT_TYPES.contains(type)) {
        throw new IllegalArgumentException(where + ": felttypen «" + type + "» kan ikke kontrolleres av serveren");
      }
      if (into.containsKey(key)) {
        throw new IllegalArgumentException(where + " finnes to ganger i skjemaet");
      }
      into.put(key, field(component, type, key, labelPrefix, hidden, where));
    }
  }

  private static Field field(JsonNode component, String type, String key, String labelPrefix,
      List<FeelCondition> hidden, String where) {
    boolean input = !flag(component, "disabled", where) && !flag(component, "readonly", where);
    String label = component.path(type.equals("datetime") ? "dateLabel" : "label").asText("").strip();
    if (label.isEmpty()) {
      throw new IllegalArgumentException(where + " mangler ledetekst (label), som feilmeldingene bruker");
    }
    if (type.equals("datetime") && !"date".equals(component.path("subtype").asText("date"))) {
      throw new IllegalArgumentException(where + ": bare datofelt (subtype date) støttes av serveren");
    }
    JsonNode validate = component.path("validate");
    validate.fieldNames().forEachRemaining(name -> {
      if (!VALIDATIONS.contains(name)) {
        throw new IllegalArgumentException(where + ": valideringen «" + name + "» støttes ikke av serveren");
      }
    });
    Pattern pattern = null;
    if (!validate.path("pattern").asText("").isEmpty()) {
      try {
        pattern = Pattern.compile(validate.path("pattern").asText());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(where + ": mønsteret «" + validate.path("pattern").asText() + "» er ugyldig");
      }
    }
    List<String> choices = null;
    String choicesKey = null;
    if (CHOICE.contains(type) || SELECTION.contains(type)) {
      if (component.has("valuesExpression")) {
        throw new IllegalArgumentException(where + ": valg fra et uttrykk (valuesExpression) støttes ikke av serveren");
      }
      if (component.has("valuesKey")) {
        choicesKey = component.path("valuesKey").asText();
      } else {
        choices = new ArrayList<>();
        for (JsonNode value : component.path("values")) {
          choices.add(value.path("value").asText());
        }
        if (choices.isEmpty()) {
          throw new IllegalArgumentException(where + " har ingen valg (values)");
        }
        choices = List.copyOf(choices);
      }
    }
    String description = component.path("description").asText("").strip();
    return new Field(key, labelPrefix + label, description.isEmpty() ? null : description, type, input, validate.path("required").asBoolean(false),
        integer(validate, "minLength"), integer(validate, "maxLength"), decimal(validate, "min"),
        decimal(validate, "max"), pattern, integer(component, "decimalDigits"), choices, choicesKey, hidden);
  }

  /** {@code disabled} and {@code readonly}: true or false; an expression is not supported. */
  private static boolean flag(JsonNode component, String name, String where) {
    JsonNode value = component.path(name);
    if (value.isMissingNode() || value.isNull() || value.isBoolean()) {
      return value.asBoolean(false);
    }
    throw new IllegalArgumentException(where + ": «" + name + "» som uttrykk støttes ikke av serveren");
  }

  private static Integer integer(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isNumber() ? Integer.valueOf(value.intValue()) : null;
  }

  private static BigDecimal decimal(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isNumber() ? value.decimalValue() : null;
  }
}
