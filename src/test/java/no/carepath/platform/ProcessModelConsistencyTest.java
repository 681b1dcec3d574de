package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Static checks of what the engine or the Tasklist would reveal only at run time: models in
 * {@code processes/}, forms in {@code forms/}, groups in {@code realm/} and the Java beans and
 * workers they name must agree (house style §2.3 and §2.5).
 */
class ProcessModelConsistencyTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  private static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
  private static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_([0-9][0-9a-z]{6}|\\d+)$");
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{(\\w+)(?:\\.(\\w+)\\(\\))?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path ROOT = Path.of(System.getProperty("carepath.project-dir", "."));
  private static Map<Path, Document> processes;
  private static Map<String, Class<?>> beans;
  private static Map<String, JsonNode> forms;
  private static Set<String> realmGroups;

  @BeforeAll
  static void load() throws Exception {
    processes = new HashMap<>();
    for (Path file : files("processes", ".bpmn")) {
      processes.put(file, parse(file));
    }
    beans = new HashMap<>();
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    for (BeanDefinition candidate : scanner.findCandidateComponents("no.carepath")) {
      Class<?> type = Class.forName(candidate.getBeanClassName());
      Component component = type.getAnnotation(Component.class);
      String name = component != null && !component.value().isEmpty() ? component.value()
          : Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
      beans.put(name, type);
    }
    forms = new HashMap<>();
    for (Path file : files("forms", ".form")) {
      JsonNode form = JSON.readTree(file.toFile());
      assertThat(form.path("id").asText()).as("id of " + file).isEqualTo(baseName(file));
      assertThat(forms.put(form.path("id").asText(), form)).as("two forms with id " + form.path("id")).isNull();
    }
    realmGroups = new HashSet<>();
    JSON.readTree(ROOT.resolve("realm/carepath-realm.json").toFile()).path("groups")
        .forEach(group -> realmGroups.add(group.path("name").asText()));
  }

  @Test
  void theModelsExist() {
    assertThat(processes).isNotEmpty();
    assertThat(files("processes", ".dmn")).isNotEmpty();
  }

  @Test
  void everyProcessIsExecutableWithHistoryTimeToLiveAndNamedLikeItsFile() {
    processes.forEach((file, document) -> {
      List<Element> processElements = elements(document, BPMN, "process");
      assertThat(processElements).as(file.toString()).hasSize(1);
      Element process = processElements.get(0);
      String module = file.getParent().getFileName().toString();
      assertThat(process.getAttribute("id")).as("process id of " + file).isEqualTo(baseName(file)).startsWith(module + "-");
      assertThat(process.getAttribute("isExecutable")).as(file.toString()).isEqualTo("true");
      assertThat(process.getAttributeNS(CAMUNDA, "historyTimeToLive")).as("historyTimeToLive of " + file).matches("P\\d+D");
    });
  }

  @Test
  void everyDecisionHasHistoryTimeToLiveAndIsNamedLikeItsFile() throws Exception {
    for (Path file : files("processes", ".dmn")) {
      List<Element> decisions = elements(parse(file), DMN, "decision");
      assertThat(decisions).as(file.toString()).hasSize(1);
      assertThat(decisions.get(0).getAttribute("id")).isEqualTo(baseName(file));
      assertThat(decisions.get(0).getAttributeNS(CAMUNDA_DMN, "historyTimeToLive")).as(file.toString()).matches("P\\d+D");
    }
  }

  @Test
  void noModelElementKeepsAGeneratedId() {
    processes.forEach((file, document) -> allElements(document).stream()
        .filter(element -> element.getNamespaceURI().equals(BPMN) && !element.getAttribute("id").isEmpty())
        .forEach(element -> assertThat(element.getAttribute("id")).as("id in " + file)
            .doesNotMatch(GENERATED_ID.pattern())));
  }

  /** User tasks of people who work patients' tasks that need no particular competence, and why. */
  private static final Map<String, String> NO_COMPETENCE = Map.of(
      "Task_ChaseSummary", "a reminder to the hospital that either the nurses or the allocation office may send");

  @Test
  void everyPatientTaskDeclaresAKnownCompetence() {
    List<String> declared = new ArrayList<>();
    processes.forEach((file, document) -> {
      for (Element task : elements(document, BPMN, "userTask")) {
        String groups = task.getAttributeNS(CAMUNDA, "candidateGroups");
        List<String> codes = new ArrayList<>();
        NodeList properties = task.getElementsByTagNameNS(CAMUNDA, "property");
        for (int i = 0; i < properties.getLength(); i++) {
          Element property = (Element) properties.item(i);
          String name = property.getAttribute("name");
          String value = property.getAttribute("value");
          if (name.equals(no.carepath.competence.Requirement.PROPERTY)) {
            codes.addAll(List.of(value.split(",")));
          } else if (name.equals(no.carepath.competence.Requirement.CONDITIONAL_PROPERTY)) {
            assertThat(value).as(file + " " + task.getAttribute("id")).matches("[a-z-]+: ?[a-z-]+(, ?[a-z-]+)*");
            codes.addAll(List.of(value.substring(value.indexOf(':') + 1).split(",")));
          }
        }
        codes.replaceAll(String::strip);
        codes.forEach(code -> assertThat(no.carepath.competence.CompetenceCatalogue.known(code))
            .as(file + " " + task.getAttribute("id") + " requires " + code).isTrue());
        boolean patientWork = groups.contains("home-follow-up-nurses") || groups.contains("allocation-office");
        if (patientWork && !NO_COMPETENCE.containsKey(task.getAttribute("id"))) {
          assertThat(codes).as(file + " " + task.getAttribute("id") + " is patient work: which competence does it need?")
              .isNotEmpty();
        }
        if (!patientWork) {
          assertThat(codes).as(file + " " + task.getAttribute("id") + " goes to leaders: no competence gate").isEmpty();
        }
        if (!codes.isEmpty()) {
          declared.add(task.getAttribute("id") + "=" + String.join("+", codes));
        }
      }
    });
    // the red deviation of a patient on insulin needs diabetes follow-up (issue 13)
    assertThat(declared).contains("Task_HandleRedDeviation=dho-red-triage+diabetes-followup",
        "Task_DecideService=legal-decisions", "Task_ConductHomeVisit=home-visit-installation");
  }

  @Test
  void noModelUsesCamundaClass() {
    processes.forEach((file, document) -> allElements(document)
        .forEach(element -> assertThat(element.hasAttributeNS(CAMUNDA, "class"))
            .as(element.getAttribute("id") + " in " + file + " uses camunda:class; use delegateExpression").isFalse()));
  }

  @Test
  void everyDelegateExpressionNamesABeanOfTheRightKind() {
    processes.forEach((file, document) -> {
      for (Element element : allElements(document)) {
        String expression = element.getAttributeNS(CAMUNDA, "delegateExpression");
        if (expression.isEmpty()) {
          expression = element.getAttribute("delegateExpression");
        }
        if (expression.isEmpty()) {
          continue;
        }
        String bean = expression.replaceAll("^\\$\\{(\\w+)}$", "$1");
        assertThat(beans).as(expression + " in " + file).containsKey(bean);
        Class<?> expected = switch (element.getLocalName()) {
          case "taskListener" -> TaskListener.class;
          case "executionListener" -> ExecutionListener.class;
          default -> JavaDelegate.class;
        };
        assertThat(expected.isAssignableFrom(beans.get(bean))).as(bean + " is a " + expected.getSimpleName()).isTrue();
        if (expected == JavaDelegate.class) {
          String taskName = element.getAttribute("id").replaceFirst("^Task_", "");
          assertThat(beans.get(bean).getSimpleName()).as("class of " + element.getAttribute("id"))
              .isEqualTo(taskName + "Delegate");
        }
      }
    });
  }

  @Test
  void everyBeanMethodInAnExpressionExistsAndIsPublic() {
    processes.forEach((file, document) -> {
      for (Element element : allElements(document)) {
        List<String> expressions = new ArrayList<>();
        for (String attribute : new String[] {"dueDate", "priority"}) {
          expressions.add(element.getAttributeNS(CAMUNDA, attribute));
        }
        if (element.getLocalName().equals("timeDate") || element.getLocalName().equals("timeDuration")) {
          expressions.add(element.getTextContent());
        }
        for (String expression : expressions) {
          Matcher matcher = BEAN_EXPRESSION.matcher(expression);
          while (matcher.find()) {
            if (matcher.group(2) == null) {
              continue;
            }
            Class<?> bean = beans.get(matcher.group(1));
            assertThat(bean).as(matcher.group() + " in " + file).isNotNull();
            assertThat(Modifier.isPublic(bean.getModifiers())).as(bean + " must be public for the expression language").isTrue();
            assertThat(Stream.of(bean.getMethods()).map(Method::getName)).as(matcher.group() + " in " + file)
                .contains(matcher.group(2));
          }
        }
      }
    });
  }

  @Test
  void everyExternalTaskTopicHasExactlyOneWorker() {
    Map<String, List<Class<?>>> workers = new HashMap<>();
    beans.values().forEach(type -> {
      ExternalTaskSubscription subscription = type.getAnnotation(ExternalTaskSubscription.class);
      if (subscription != null) {
        String topic = subscription.topicName().equals(ExternalTaskSubscription.STRING_NULL_VALUE)
            ? subscription.value() : subscription.topicName();
        workers.computeIfAbsent(topic, t -> new ArrayList<>()).add(type);
      }
    });
    processes.forEach((file, document) -> allElements(document).stream()
        .filter(element -> element.hasAttributeNS(CAMUNDA, "topic"))
        .forEach(element -> {
          String topic = element.getAttributeNS(CAMUNDA, "topic");
          String module = file.getParent().getFileName().toString();
          assertThat(topic).as("topic of " + element.getAttribute("id")).startsWith(module + "-");
          assertThat(workers.getOrDefault(topic, List.of())).as("workers for " + topic).hasSize(1);
          assertThat(workers.get(topic).get(0).getSimpleName()).isEqualTo(element.getAttribute("id").replaceFirst("^Task_", "") + "Worker");
        }));
  }

  @Test
  void everyUserTaskHasACandidateGroupFromTheRealmAFormAndADueDate() {
    processes.forEach((file, document) -> {
      for (Element task : elements(document, BPMN, "userTask")) {
        String id = task.getAttribute("id") + " in " + file;
        String groups = task.getAttributeNS(CAMUNDA, "candidateGroups");
        assertThat(groups).as("candidate groups of " + id).isNotBlank();
        for (String group : groups.split(",")) {
          assertThat(realmGroups).as("group " + group + " of " + id + " in realm/").contains(group.strip());
        }
        assertThat(task.getAttributeNS(CAMUNDA, "dueDate")).as("due date of " + id).isNotBlank();
        String formRef = task.getAttributeNS(CAMUNDA, "formRef");
        assertThat(task.getAttributeNS(CAMUNDA, "formRefBinding")).as("form binding of " + id).isEqualTo("deployment");
        assertThat(forms).as("form " + formRef + " of " + id + " in forms/").containsKey(formRef);
        String module = file.getParent().getFileName().toString();
        assertThat(formRef).as("form of " + id).startsWith(module + "-");
      }
    });
  }

  @Test
  void everyFormFieldIsAVariableOfItsModuleContract() throws Exception {
    for (Map.Entry<String, JsonNode> form : forms.entrySet()) {
      String module = form.getKey().substring(0, form.getKey().indexOf('-'));
      Class<?> contract = Class.forName("no.carepath." + module + "." + Character.toUpperCase(module.charAt(0))
          + module.substring(1) + "Variables");
      Set<String> names = stringConstants(contract);
      List<String> keys = new ArrayList<>();
      collectKeys(form.getValue(), keys);
      assertThat(keys).as("fields of form " + form.getKey()).isNotEmpty();
      for (String key : keys) {
        assertThat(names).as("field «" + key + "» of form " + form.getKey() + " in " + contract.getSimpleName()).contains(key);
      }
    }
  }

  /** How a listener reads a form field: {@code form.text(KEY)}, {@code noNationalId(form, KEY)} ... */
  private static final Pattern FORM_READ = Pattern.compile(
      "(?:form\\.(text|choice|selection|flag|date|number|score|label|require|notBefore|notInFuture)\\(|"
          + "noNationalId\\(form,)\\s*([A-Za-z_][\\w.]*)");
  /** Keys a listener reads in a loop over a constant: listener bean → class#constant (its elements or keys). */
  private static final Map<String, String> KEYS_READ_IN_A_LOOP = Map.of(
      "assessNeedsListener", "no.carepath.allocation.AllocationVariables#FUNCTION_ITEMS",
      "firstAssessmentListener", "no.carepath.transitions.FirstAssessmentListener#CHECKLIST",
      "editPlanListener", "no.carepath.followup.FollowupVariables#THRESHOLD_FIELDS");

  @Test
  void everyFieldAListenerReadsIsAnInputOfTheFormOfEachOfItsTasks() throws Exception {
    Map<String, Set<String>> formsByListener = new HashMap<>();
    processes.forEach((file, document) -> {
      for (Element task : elements(document, BPMN, "userTask")) {
        for (Element listener : elements(task, CAMUNDA, "taskListener")) {
          Matcher bean = BEAN_EXPRESSION.matcher(listener.getAttribute("delegateExpression"));
          if ("complete".equals(listener.getAttribute("event")) && bean.find()) {
            formsByListener.computeIfAbsent(bean.group(1), name -> new HashSet<>()).add(task.getAttributeNS(CAMUNDA, "formRef"));
          }
        }
      }
    });
    int checked = 0;
    for (Map.Entry<String, Set<String>> entry : formsByListener.entrySet()) {
      Class<?> type = beans.get(entry.getKey());
      Path source = ROOT.resolve("src/main/java/" + type.getName().replace('.', '/') + ".java");
      String code = Files.readString(source);
      if (!code.contains("SubmittedForm.of")) {
        continue;
      }
      Map<String, String> reads = new HashMap<>();
      Matcher read = FORM_READ.matcher(code);
      while (read.find()) {
        String key = constant(type, read.group(2));
        if (key != null) {
          reads.put(key, read.group(1) == null ? "text" : read.group(1));
        }
      }
      if (KEYS_READ_IN_A_LOOP.containsKey(entry.getKey())) {
        String[] constant = KEYS_READ_IN_A_LOOP.get(entry.getKey()).split("#");
        Field field = Class.forName(constant[0]).getDeclaredField(constant[1]);
        field.setAccessible(true);
        Object keys = field.get(null);
        (keys instanceof Map<?, ?> map ? map.keySet() : (java.util.Collection<?>) keys)
            .forEach(key -> reads.put(String.valueOf(key), "any"));
      }
      // a listener may read nothing: the form's own rules are checked all the same (ChaseSummaryListener)
      for (String formId : entry.getValue()) {
        FormRules rules = FormRules.parse(Files.readAllBytes(files("forms", "/" + formId + ".form").get(0)));
        reads.forEach((key, how) -> {
          assertThat(rules.has(key)).as(entry.getKey() + " reads «" + key + "», which form " + formId + " lacks").isTrue();
          FormRules.Field field = rules.field(key);
          assertThat(field.input()).as("«" + key + "» of " + formId + " only shows data").isTrue();
          Set<String> types = switch (how) {
            case "text" -> FormRules.TEXT;
            case "choice" -> FormRules.CHOICE;
            case "selection" -> FormRules.SELECTION;
            case "flag" -> FormRules.FLAG;
            case "date", "notBefore", "notInFuture" -> FormRules.DATE;
            case "number" -> FormRules.NUMBER;
            case "score" -> Set.of("number", "select", "radio");
            default -> FormRules.INPUT_TYPES;
          };
          assertThat(types).as(entry.getKey() + " reads «" + key + "» of " + formId + " with " + how).contains(field.type());
        });
        checked += reads.size();
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  /** The value of a String constant named in a listener ({@code KEY}, {@code Variables.KEY}); null for a local. */
  private static String constant(Class<?> listener, String name) throws Exception {
    if (!name.matches("([A-Z]\\w*\\.)?[A-Z][A-Z0-9_]*")) {
      return null;
    }
    String owner = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
    String field = name.substring(name.indexOf('.') + 1);
    String module = listener.getPackageName();
    String contract = module + "." + Character.toUpperCase(module.substring(module.lastIndexOf('.') + 1).charAt(0))
        + module.substring(module.lastIndexOf('.') + 2) + "Variables";
    for (String candidate : owner != null ? List.of(module + "." + owner) : List.of(listener.getName(), contract)) {
      try {
        Field constant = Class.forName(candidate).getDeclaredField(field);
        constant.setAccessible(true);
        return (String) constant.get(null);
      } catch (NoSuchFieldException e) {
        // try the next
      }
    }
    throw new AssertionError(listener.getSimpleName() + " reads the form field " + name + ", which is not a constant");
  }

  @Test
  void everyMessageNameIsAConstantOfItsModule() {
    processes.forEach((file, document) -> {
      String module = file.getParent().getFileName().toString();
      Set<String> names;
      try {
        names = stringConstants(Class.forName("no.carepath." + module + "." + Character.toUpperCase(module.charAt(0))
            + module.substring(1) + "Variables"));
      } catch (ClassNotFoundException e) {
        throw new AssertionError("no variable contract for module " + module, e);
      }
      for (Element message : elements(document, BPMN, "message")) {
        assertThat(message.getAttribute("name")).startsWith(module + "-");
        assertThat(names).as("message " + message.getAttribute("name") + " in " + file).contains(message.getAttribute("name"));
      }
    });
  }

  @Test
  void everyFlowOutOfAnExclusiveGatewayHasAConditionOrIsTheDefault() {
    processes.forEach((file, document) -> {
      for (Element gateway : elements(document, BPMN, "exclusiveGateway")) {
        List<Element> outgoing = elements(document, BPMN, "sequenceFlow").stream()
            .filter(flow -> flow.getAttribute("sourceRef").equals(gateway.getAttribute("id"))).toList();
        if (outgoing.size() < 2) {
          continue;
        }
        for (Element flow : outgoing) {
          boolean isDefault = flow.getAttribute("id").equals(gateway.getAttribute("default"));
          boolean conditional = flow.getElementsByTagNameNS(BPMN, "conditionExpression").getLength() == 1;
          assertThat(isDefault || conditional).as(flow.getAttribute("id") + " in " + file).isTrue();
          assertThat(flow.getAttribute("id")).startsWith("Flow_" + gateway.getAttribute("id").replaceFirst("^Gateway_", "") + "_");
          assertThat(flow.getAttribute("name")).as("name of " + flow.getAttribute("id")).isNotBlank();
        }
      }
    });
  }

  private static void collectKeys(JsonNode node, List<String> keys) {
    if (node.has("key") && node.has("type")) {
      keys.add(node.path("key").asText());
    }
    node.path("components").forEach(child -> collectKeys(child, keys));
  }

  /** The names a variable contract declares: its String constants and the keys of its constant maps. */
  private static Set<String> stringConstants(Class<?> type) {
    Set<String> values = new HashSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      try {
        field.setAccessible(true);
        if (field.getType() == String.class) {
          values.add((String) field.get(null));
        } else if (Map.class.isAssignableFrom(field.getType())) {
          ((Map<?, ?>) field.get(null)).keySet().forEach(key -> values.add(String.valueOf(key)));
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  private static List<Path> files(String folder, String suffix) {
    try (Stream<Path> paths = Files.walk(ROOT.resolve(folder))) {
      return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> elements(Document document, String namespace, String name) {
    NodeList nodes = document.getElementsByTagNameNS(namespace, name);
    List<Element> result = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  private static List<Element> elements(Element parent, String namespace, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(namespace, name);
    List<Element> result = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  private static List<Element> allElements(Document document) {
    return elements(document, "*", "*");
  }
}
