package no.carepath.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.camunda.spin.json.SpinJsonNode;

/**
 * A form field's {@code conditional.hide}, evaluated on the server as form-js evaluates it in the
 * browser: a hidden field is not submitted, so it is not checked. Only the FEEL our forms use is
 * understood: names, text, number, {@code true}/{@code false}/{@code null}, {@code =} and
 * {@code !=}, {@code and}, {@code or}, {@code not(...)}, {@code list contains(name, value)} and
 * parentheses. Anything else is refused when the form is read (at deployment and in the tests),
 * never guessed at. FEEL's three-valued logic: a comparison with a value of another type is
 * {@code null}, and a field is hidden only when the expression is {@code true}.
 */
final class FeelCondition {

  private final String source;
  private final Node root;

  private FeelCondition(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  /** Parses {@code =expression}; {@link IllegalArgumentException} with a Norwegian reason if not understood. */
  static FeelCondition parse(String expression) {
    String text = expression == null ? "" : expression.strip();
    if (!text.startsWith("=")) {
      throw new IllegalArgumentException("uttrykket «" + expression + "» er ikke FEEL (det må begynne med =)");
    }
    Parser parser = new Parser(text.substring(1), expression);
    Node root = parser.expression();
    parser.end();
    return new FeelCondition(expression, root);
  }

  /** True only when the expression is {@code true} for these variables. */
  boolean hides(Function<String, Object> variables) {
    return Boolean.TRUE.equals(root.evaluate(variables));
  }

  @Override
  public String toString() {
    return source;
  }

  private interface Node {
    Object evaluate(Function<String, Object> variables);
  }

  private record Literal(Object value) implements Node {
    public Object evaluate(Function<String, Object> variables) {
      return value;
    }
  }

  private record Name(String name) implements Node {
    public Object evaluate(Function<String, Object> variables) {
      return normalise(variables.apply(name));
    }
  }

  private record Equals(Node left, Node right, boolean negated) implements Node {
    public Object evaluate(Function<String, Object> variables) {
      Boolean equal = equal(left.evaluate(variables), right.evaluate(variables));
      return equal == null ? null : equal != negated;
    }
  }

  private record Not(Node operand) implements Node {
    public Object evaluate(Function<String, Object> variables) {
      return operand.evaluate(variables) instanceof Boolean value ? !value : null;
    }
  }

  private record Junction(List<Node> operands, boolean and) implements Node {
    public Object evaluate(Function<String, Object> variables) {
      boolean unknown = false;
      for (Node operand : operands) {
        Object value = operand.evaluate(variables);
        if (Boolean.valueOf(!and).equals(value)) {
          return !and;
        }
        unknown |= !(value instanceof Boolean);
      }
      return unknown ? null : and;
    }
  }

  private record ListContains(Node list, Node element) implements Node {
    public Object evaluate(Function<String, Object> variables) {
      if (!(list.evaluate(variables) instanceof List<?> values)) {
        return null;
      }
      Object wanted = element.evaluate(variables);
      return values.stream().anyMatch(value -> Boolean.TRUE.equals(equal(value, wanted)));
    }
  }

  /** FEEL equality: null equals only null; values of different types are not comparable (null). */
  private static Boolean equal(Object left, Object right) {
    if (left == null || right == null) {
      return left == right;
    }
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    if (left.getClass() != right.getClass() && !(left instanceof List && right instanceof List)) {
      return null;
    }
    return Objects.equals(left, right);
  }

  /** Variables as FEEL sees them: text, numbers as decimals, booleans, lists, or null. */
  private static Object normalise(Object value) {
    if (value instanceof SpinJsonNode json) {
      if (json.isNull()) {
        return null;
      }
      if (json.isString()) {
        return json.stringValue();
      }
      if (json.isBoolean()) {
        return json.boolValue();
      }
      if (json.isNumber()) {
        return new BigDecimal(json.numberValue().toString());
      }
      if (json.isArray()) {
        return json.elements().stream().map(FeelCondition::normalise).toList();
      }
      return json;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof Collection<?> collection) {
      List<Object> list = new ArrayList<>();
      collection.forEach(element -> list.add(normalise(element)));
      return list;
    }
    if (value instanceof Character || value instanceof Enum<?>) {
      return value.toString();
    }
    return value;
  }

  /** Recursive descent over the supported subset; positions in messages count from the '='. */
  private static final class Parser {
    private final String text;
    private final String expression;
    private int at;

    Parser(String text, String expression) {
      this.text = text;
      this.expression = expression;
    }

    Node expression() {
      List<Node> operands = new ArrayList<>(List.of(conjunction()));
      while (keyword("or")) {
        operands.add(conjunction());
      }
      return operands.size() == 1 ? operands.get(0) : new Junction(operands, false);
    }

    private Node conjunction() {
      List<Node> operands = new ArrayList<>(List.of(comparison()));
      while (keyword("and")) {
        operands.add(comparison());
      }
      return operands.size() == 1 ? operands.get(0) : new Junction(operands, true);
    }

    private Node comparison() {
      Node left = operand();
      if (symbol("!=")) {
        return new Equals(left, operand(), true);
      }
      if (symbol("=")) {
        return new Equals(left, operand(), false);
      }
      return left;
    }

    private Node operand() {
      skipSpace();
      if (symbol("(")) {
        Node inner = expression();
        expect(")");
        return inner;
      }
      if (at < text.length() && text.charAt(at) == '"') {
        return new Literal(string());
      }
      if (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
        return new Literal(number());
      }
      String word = word();
      switch (word) {
        case "true", "false" -> {
          return new Literal(Boolean.valueOf(word));
        }
        case "null" -> {
          return new Literal(null);
        }
        case "not" -> {
          expect("(");
          Node inner = expression();
          expect(")");
          return new Not(inner);
        }
        case "list" -> {
          if (!keyword("contains")) {
            throw unsupported("«list» uten «contains»");
          }
          expect("(");
          Node list = operand();
          expect(",");
          Node element = operand();
          expect(")");
          return new ListContains(list, element);
        }
        case "and", "or", "if", "then", "else", "for", "some", "every", "in", "satisfies", "between", "instance" ->
            throw unsupported("«" + word + "»");
        default -> {
          skipSpace();
          if (at < text.length() && (text.charAt(at) == '(' || text.charAt(at) == '.' || text.charAt(at) == '[')) {
            throw unsupported("«" + word + text.charAt(at) + "»");
          }
          return new Name(word);
        }
      }
    }

    void end() {
      skipSpace();
      if (at < text.length()) {
        throw unsupported("«" + text.substring(at) + "»");
      }
    }

    private String string() {
      StringBuilder value = new StringBuilder();
      at++;
      while (at < text.length() && text.charAt(at) != '"') {
        if (text.charAt(at) == '\\' && at + 1 < text.length()) {
          at++;
        }
        value.append(text.charAt(at++));
      }
      if (at >= text.length()) {
        throw unsupported("tekst uten avsluttende \"");
      }
      at++;
      return value.toString();
    }

    private BigDecimal number() {
      int start = at;
      if (text.charAt(at) == '-') {
        at++;
      }
      while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
        at++;
      }
      try {
        return new BigDecimal(text.substring(start, at));
      } catch (NumberFormatException e) {
        throw unsupported("«" + text.substring(start, at) + "»");
      }
    }

    private String word() {
      skipSpace();
      int start = at;
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      if (start == at) {
        throw unsupported(at < text.length() ? "«" + text.substring(at) + "»" : "et uttrykk som slutter for tidlig");
      }
      return text.substring(start, at);
    }

    private boolean keyword(String keyword) {
      skipSpace();
      int end = at + keyword.length();
      if (text.startsWith(keyword, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        at = end;
        return true;
      }
      return false;
    }

    private boolean symbol(String symbol) {
      skipSpace();
      if (text.startsWith(symbol, at)) {
        at += symbol.length();
        return true;
      }
      return false;
    }

    private void expect(String symbol) {
      if (!symbol(symbol)) {
        throw unsupported(at < text.length() ? "«" + text.substring(at) + "» der «" + symbol + "» var ventet"
            : "et uttrykk som slutter der «" + symbol + "» var ventet");
      }
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private IllegalArgumentException unsupported(String what) {
      return new IllegalArgumentException("uttrykket «" + expression + "» har " + what + ", som serveren ikke kan regne ut"
          + " (den forstår navn, tekst, tall, true/false/null, =, !=, and, or, not(...) og list contains(...))");
    }
  }
}
