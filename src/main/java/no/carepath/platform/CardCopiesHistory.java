package no.carepath.platform;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * History level FULL (id 3, name {@code full}: what the database was created with), except for the
 * task-local copies a Tasklist card shows ({@link TaskCards}, and the competence card): they repeat
 * a process variable or the task's required competences, whose history is kept, so their own
 * history rows ({@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL}, two per copy) say nothing new.
 * Leaving them out takes 8 of the 64 engine rows a deviation's process start wrote (S3). The copies
 * themselves stay in {@code ACT_RU_VARIABLE}, where the Tasklist reads them.
 *
 * <p>Registered as a custom history level under FULL's name, so {@code camunda.bpm.history-level:
 * full} chooses it (the engine takes the last level of that name); it is equal to the engine's own
 * FULL, which the engine compares it with to decide whether details are written at all.
 */
final class CardCopiesHistory extends HistoryLevelFull {

  /** {@link TaskCards}' three, and {@code TaskCompetence.CARD} (the competence module's card line). */
  static final Set<String> COPIES = Set.of(TaskCards.PATIENT, TaskCards.REFERENCE, TaskCards.DEVIATION, "cardCompetence");

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (entity instanceof VariableInstanceEntity variable && variable.getTaskId() != null
        && COPIES.contains(variable.getName())) {
      return false;
    }
    if (entity instanceof HistoricVariableUpdateEventEntity update && update.getTaskId() != null
        && COPIES.contains(update.getVariableName())) {
      return false;
    }
    return super.isHistoryEventProduced(eventType, entity);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HistoryLevel level && level.getId() == getId();
  }

  @Override
  public int hashCode() {
    return getId();
  }
}
