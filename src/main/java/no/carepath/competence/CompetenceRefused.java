package no.carepath.competence;

import no.carepath.platform.FormValidationFailures;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A claim, assignment, delegation or completion the register does not allow: the message, in
 * Norwegian, names the competence and the way out. Nothing of the refused command is kept. The REST
 * API answers 403 with this message ({@code EngineErrors}).
 */
public class CompetenceRefused extends ProcessEngineException implements FormValidationFailures.Refusal {

  /** How every such message begins: the webapps and EngineErrors recognise it. */
  public static final String PREFIX = "Kompetanse mangler:";

  public CompetenceRefused(String message) {
    super(PREFIX + " " + message);
  }
}
