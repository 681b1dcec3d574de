package no.carepath.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

/**
 * Refuses a deployment (from Camunda Modeler, the REST API or the application) whose user tasks
 * the Tasklist could not show or nobody would see: every user task needs a due date and candidate
 * groups that are Carepath roles, and a form bound with {@code formRefBinding="deployment"} must be
 * in the same deployment. The process owner gets the reason in Norwegian; nothing is deployed.
 */
final class DeploymentGuard extends AbstractBpmnParseListener {

  private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Set<String> formsInDeployment = deployment == null ? Set.of() : formIds(deployment);
    List<String> problems = new ArrayList<>();
    List<Element> offending = new ArrayList<>();
    for (Element process : root.elements("process")) {
      collect(process, formsInDeployment, problems, offending);
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

  private static Set<String> formIds(DeploymentEntity deployment) {
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
      }
    }
    return ids;
  }
}
