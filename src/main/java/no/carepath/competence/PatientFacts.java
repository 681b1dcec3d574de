package no.carepath.competence;

/**
 * What a task's conditions ask about its patient ({@link CaseCondition}), answered by the module that
 * knows the patient (follow-up); by episode, nothing else.
 */
public interface PatientFacts {

  /** Whether the patient of this episode uses insulin; false without one. */
  boolean insulinTreated(String episodeId);
}
