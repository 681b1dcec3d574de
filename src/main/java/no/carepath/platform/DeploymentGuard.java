package no.carepath.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Refuses a deployment (from Camunda Modeler, the REST API or the application) whose user tasks
 * the Tasklist could not show or nobody would see: every user task needs a due date and candidate
 * groups that are Carepath roles, and a form bound with {@code formRefBinding="deployment"} must be
 * in the same deployment. Every form in the deployment must have rules the server can check
 * ({@link FormRules}). The process owner gets the reason in Norwegian; nothing is deployed.
 *
 * <p>A model is code that runs with the engine's rights, in every municipality (definitions are
 * shared), so a model deployed from Modeler may not widen who sees patients: user tasks go only to
 * the groups that work with patients, process owners and managers only in the quality loop's
 * definitions (which hold no patient), never to a named person, no
 * scripts, and only expressions that the models in {@code processes/} already use (those are
 * reviewed as code). A new expression comes in through {@code processes/} and review.
 */
final class DeploymentGuard extends AbstractBpmnParseListener {

  private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*}");
  /** The groups a user task may be offered to. */
  static final List<String> TASK_GROUPS = List.of(CarepathGroups.ALLOCATION_OFFICE, CarepathGroups.HOME_FOLLOW_UP_NURSES,
      CarepathGroups.TEAM_LEADERS);
  /** Groups that never see a patient: their tasks only in the quality loop's definitions that hold none. */
  static final List<String> QUALITY_TASK_GROUPS = List.of(CarepathGroups.PROCESS_OWNERS, CarepathGroups.MANAGERS);
  /**
   * The quality loop's definitions without the avvik's own process: its variables hold the report's
   * texts, which its team leaders read and the managers and process owners do not.
   */
  static final List<String> QUALITY_TASK_DEFINITIONS = no.carepath.security.EngineGrants.QUALITY_DEFINITIONS.stream()
      .filter(key -> !key.equals("quality-incident")).toList();
  private static final Set<String> PERSON_ATTRIBUTES = Set.of("assignee", "candidateUsers", "candidateStarterUsers");

  private final Set<String> trustedExpressions;

  /** Trusts the expressions of the models on the class path under {@code processes/}. */
  DeploymentGuard() {
    this("classpath*:processes/**/*.bpmn");
  }

  /** Trusts the expressions of the models at these locations (Spring resource patterns). */
  DeploymentGuard(String... trustedModels) {
    Set<String> trusted = new HashSet<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(DeploymentGuard.class.getClassLoader());
    try {
      for (String pattern : trustedModels) {
        for (Resource model : resolver.getResources(pattern)) {
          try (InputStream in = model.getInputStream()) {
            // as the engine's parser reads them: attribute values and text with XML references resolved
            collectExpressions(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement(),
                trusted);
          } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("Could not read the model " + model, e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the models in processes/", e);
    }
    this.trustedExpressions = Set.copyOf(trusted);
  }

  @Override
  public void parseRootElement(Element root, List<ProcessDefinitionEntity> definitions) {
    if (definitions.isEmpty()) {
      return;
    }
    DeploymentEntity deployment = Context.getCommandContext().getDbEntityManager()
        .selectById(DeploymentEntity.class, definitions.get(0).getDeploymentId());
    if (deployment != null && !deployment.isNew()) {
      // the engine parses a model it deployed earlier again (after a restart, when its cache forgot it) with
      // only the model's own resource loaded: it was checked when it was deployed
      return;
    }
    List<String> problems = new ArrayList<>();
    Set<String> formsInDeployment = deployment == null ? Set.of() : formIds(deployment, problems);
    List<Element> offending = new ArrayList<>();
    for (Element process : root.elements("process")) {
      collect(process, formsInDeployment, problems, offending);
    }
    checkCode(root, null, problems, offending);
    if (!problems.isEmpty() && offending.isEmpty()) {
      offending.add(root);
    }
    if (!problems.isEmpty()) {
      // the parser reports it as a parse error: 400 with the element to the REST client (and Modeler)
      throw new BpmnParseException("Modellen kan ikke tas i bruk: " + String.join(" ", problems), offending.get(0));
    }
  }

  private static void collect(Element scope, Set<String> forms, List<String> problems, List<Element> offending) {
    for (Element element : scope.elements()) {
      if (element.getTagName().equals("userTask")) {
        int before = problems.size();
        check(element, forms, problems);
        if (problems.size() > before) {
          offending.add(element);
        }
      }
      if (element.getTagName().equals("subProcess") || element.getTagName().equals("transaction")) {
        collect(element, forms, problems, offending);
      }
    }
  }

  private static void collectExpressions(org.w3c.dom.Node node, Set<String> into) {
    List<String> values = new ArrayList<>();
    if (node.getAttributes() != null) {
      for (int i = 0; i < node.getAttributes().getLength(); i++) {
        values.add(node.getAttributes().item(i).getNodeValue());
      }
    }
    if (node.getNodeType() == org.w3c.dom.Node.TEXT_NODE || node.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
      values.add(node.getNodeValue());
    }
    for (String value : values) {
      Matcher expressions = EXPRESSION.matcher(value);
      while (expressions.find()) {
        into.add(expressions.group());
      }
    }
    for (org.w3c.dom.Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      collectExpressions(child, into);
    }
  }

  /** Scripts, tasks for named people, and expressions the reviewed models do not use. */
  private void checkCode(Element element, String processKey, List<String> problems, List<Element> offending) {
    int before = problems.size();
    if (element.getTagName().equals("process")) {
      processKey = element.attribute("id");
    }
    boolean quality = processKey != null && QUALITY_TASK_DEFINITIONS.contains(processKey);
    String where = "«" + (element.attribute("name") == null ? element.getTagName() : element.attribute("name")) + "» ("
        + (element.attribute("id") == null ? element.getTagName() : element.attribute("id")) + ")";
    if (element.getTagName().equals("scriptTask") || element.getTagName().equals("script")
        || element.attribute("scriptFormat") != null || element.attributeNS(CAMUNDA, "resource") != null) {
      problems.add(where + " inneholder et skript. Skript kan ikke rulles ut fra Modeler.");
    }
    for (String attribute : PERSON_ATTRIBUTES) {
      if (element.attributeNS(CAMUNDA, attribute) != null) {
        problems.add(where + " tildeler til en navngitt person (camunda:" + attribute + "). Oppgaver går til grupper.");
      }
    }
    String groups = element.attributeNS(CAMUNDA, "candidateGroups");
    if (groups != null) {
      for (String group : groups.split(",")) {
        String name = group.strip();
        if (!name.isEmpty() && !name.contains("${") && !TASK_GROUPS.contains(name)
            && !(quality && QUALITY_TASK_GROUPS.contains(name))) {
          problems.add(where + " gir oppgaven til «" + name + "». Oppgaver kan bare gå til " + String.join(", ", TASK_GROUPS)
              + ": de som arbeider med pasientene (prosesseiere og ledere bare i avviksprosessene, "
              + String.join(", ", QUALITY_TASK_DEFINITIONS) + ").");
        }
      }
    }
    for (String value : values(element)) {
      Matcher expressions = EXPRESSION.matcher(value);
      while (expressions.find()) {
        if (!trustedExpressions.contains(expressions.group())) {
          problems.add(where + " bruker uttrykket " + expressions.group() + ", som ikke finnes i de godkjente modellene."
              + " Nye uttrykk kommer inn gjennom processes/ og kodegjennomgang.");
        }
      }
    }
    if (problems.size() > before) {
      offending.add(element);
    }
    for (Element child : element.elements()) {
      checkCode(child, processKey, problems, offending);
    }
  }

  private static List<String> values(Element element) {
    List<String> values = new ArrayList<>();
    for (String attribute : element.attributes()) {
      String value = element.attribute(attribute);
      if (value == null) {
        int colon = attribute.indexOf(':');
        value = colon < 0 ? null : element.attribute(attribute.substring(colon + 1));
      }
      if (value != null) {
        values.add(value);
      }
    }
    if (element.getText() != null) {
      values.add(element.getText());
    }
    return values;
  }

  private static void check(Element task, Set<String> forms, List<String> problems) {
    String id = "Oppgaven «" + (task.attribute("name") == null ? task.attribute("id") : task.attribute("name"))
        + "» (" + task.attribute("id") + ")";
    String groups = task.attributeNS(CAMUNDA, "candidateGroups");
    if (groups == null || groups.isBlank()) {
      problems.add(id + " mangler kandidatgruppe (camunda:candidateGroups), så ingen ville sett den.");
    } else {
      for (String group : groups.split(",")) {
        String name = group.strip();
        if (!name.contains("${") && !CarepathGroups.ROLES.contains(name)) {
          problems.add(id + " har kandidatgruppen «" + name + "», som ikke er en rolle i Carepath ("
              + String.join(", ", CarepathGroups.ROLES) + ").");
        }
      }
    }
    String dueDate = task.attributeNS(CAMUNDA, "dueDate");
    if (dueDate == null || dueDate.isBlank()) {
      problems.add(id + " mangler frist (camunda:dueDate).");
    }
    String formRef = task.attributeNS(CAMUNDA, "formRef");
    String binding = task.attributeNS(CAMUNDA, "formRefBinding");
    String formKey = task.attributeNS(CAMUNDA, "formKey");
    if ((formRef == null || formRef.isBlank()) && (formKey == null || formKey.isBlank())) {
      problems.add(id + " mangler skjema (camunda:formRef).");
    } else if (formRef != null && !formRef.contains("${") && "deployment".equals(binding) && !forms.contains(formRef)) {
      problems.add(id + " bruker skjemaet «" + formRef + "», som ikke er med i denne deployeringen. Ta med "
          + formRef + ".form (i Camunda Modeler: legg skjemafilen til i deployeringen).");
    }
  }

  /** The ids of the deployment's forms; a form whose rules the server could not check is a problem. */
  private static Set<String> formIds(DeploymentEntity deployment, List<String> problems) {
    Set<String> ids = new HashSet<>();
    if (deployment.getResources() == null) {
      return ids;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".form")) {
        try {
          ids.add(JSON.readTree(new String(resource.getBytes(), StandardCharsets.UTF_8)).path("id").asText());
        } catch (IOException e) {
          throw new ProcessEngineException("Skjemaet " + resource.getName() + " er ikke gyldig JSON: " + e.getMessage());
        }
        try {
          FormRules.parse(resource.getBytes());
        } catch (IllegalArgumentException e) {
          // the server checks every submission by the form's rules (SubmittedForm): it must understand them all
          problems.add("Skjemaet " + resource.getName() + " kan ikke kontrolleres av serveren: " + e.getMessage() + ".");
        }
      }
    }
    return ids;
  }
}
