package no.carepath.competence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * The competence a user task requires, as its model declares it in Camunda Modeler (Properties panel,
 * "Extension properties"): {@code competence} names codes of the catalogue the task always needs
 * (comma-separated, or the property repeated); {@code competenceIf} adds codes when something about the
 * patient holds, written {@code <condition>: <code>} (for example {@code insulin: diabetes-followup}).
 *
 * @param always the codes every task of this kind needs
 * @param when the codes a condition adds
 */
public record Requirement(List<String> always, Map<CaseCondition, List<String>> when) {

  public static final String PROPERTY = "competence";
  public static final String CONDITIONAL_PROPERTY = "competenceIf";
  static final Requirement NONE = new Requirement(List.of(), Map.of());
  private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

  public boolean isEmpty() {
    return always.isEmpty() && when.isEmpty();
  }

  /** The codes a task needs when these conditions hold, in the order declared, without repeats. */
  public List<String> codes(Set<CaseCondition> holding) {
    Set<String> codes = new LinkedHashSet<>(always);
    when.forEach((condition, added) -> {
      if (holding.contains(condition)) {
        codes.addAll(added);
      }
    });
    return List.copyOf(codes);
  }

  /**
   * The requirement of a user task element; what is wrong with it (an unknown code or condition, a
   * malformed {@code competenceIf}) goes to {@code problems} in Norwegian.
   */
  public static Requirement parse(Element task, List<String> problems) {
    Element extensions = task.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
    if (properties == null) {
      return NONE;
    }
    String where = "Oppgaven «" + (task.attribute("name") == null ? task.attribute("id") : task.attribute("name")) + "» ("
        + task.attribute("id") + ")";
    List<String> always = new ArrayList<>();
    Map<CaseCondition, List<String>> when = new EnumMap<>(CaseCondition.class);
    for (Element property : properties.elementsNS(CAMUNDA, "property")) {
      String name = property.attribute("name");
      String value = property.attribute("value") == null ? "" : property.attribute("value").strip();
      if (PROPERTY.equals(name)) {
        for (String code : value.split(",")) {
          if (known(code.strip(), where, problems)) {
            always.add(code.strip());
          }
        }
      } else if (CONDITIONAL_PROPERTY.equals(name)) {
        int colon = value.indexOf(':');
        if (colon < 0) {
          problems.add(where + " har competenceIf=«" + value + "»; skriv <vilkår>: <kompetanse>, for eksempel «insulin:"
              + " diabetes-followup».");
          continue;
        }
        String conditionCode = value.substring(0, colon).strip();
        CaseCondition condition = CaseCondition.of(conditionCode).orElse(null);
        if (condition == null) {
          problems.add(where + " bruker vilkåret «" + conditionCode + "», som ikke finnes. Kjente vilkår: "
              + String.join(", ", java.util.Arrays.stream(CaseCondition.values()).map(CaseCondition::code).toList()) + ".");
          continue;
        }
        for (String code : value.substring(colon + 1).split(",")) {
          if (known(code.strip(), where, problems)) {
            when.computeIfAbsent(condition, key -> new ArrayList<>()).add(code.strip());
          }
        }
      }
    }
    return always.isEmpty() && when.isEmpty() ? NONE : new Requirement(List.copyOf(always), Map.copyOf(when));
  }

  private static boolean known(String code, String where, List<String> problems) {
    if (CompetenceCatalogue.known(code)) {
      return true;
    }
    problems.add(where + " krever kompetansen «" + code + "», som ikke finnes i kompetansekatalogen ("
        + CompetenceCatalogue.LOCATION + "). Kjente koder: " + String.join(", ",
        CompetenceCatalogue.all().stream().map(Competence::code).toList()) + ".");
    return false;
  }
}
