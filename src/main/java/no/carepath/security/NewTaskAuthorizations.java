package no.carepath.security;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The engine's default grants on a task (READ, TASK_WORK or UPDATE, READ_VARIABLE, and READ_HISTORY
 * on its history, for each candidate group and user), without asking the database for a grant that
 * cannot be there yet. Before granting, the engine looks up an existing grant of the same group or
 * user on the same task: one query per candidate group and resource, four for a task with two
 * candidate groups. For a task created in the same command (in the command's cache as new, not yet
 * flushed), no such row can exist: its id was generated in this command, and every grant on it is
 * still in the cache, where the engine looks as well ({@code updateAuthorizationBasedOnCacheEntries},
 * which merges a second grant to the same group into the first). So for such a task the lookup answers
 * "none" without the query; for every other task it is the engine's own. What is granted is the same.
 *
 * <p>That a new task's id has no grants in the database rests on two settings: ids from
 * {@link StrongUuidGenerator} (unguessable, so nobody can grant on a task before it exists, as one could
 * on the database generator's numbers) and standalone tasks off (no caller picks a task's id). With either
 * changed the engine's own provider is used ({@link #safeWith}, applied by {@link IdentityPlugin}).
 */
final class NewTaskAuthorizations extends DefaultAuthorizationProvider {

  /** Whether a new task's id is sure to have no grants yet with this configuration. */
  static boolean safeWith(ProcessEngineConfigurationImpl configuration) {
    return configuration.getIdGenerator() instanceof StrongUuidGenerator && !configuration.isStandaloneTasksEnabled();
  }

  @Override
  protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId, Resource resource) {
    if (createdInThisCommand(taskId)) {
      return null;
    }
    return super.getGrantAuthorization(taskId, userId, groupId, resource);
  }

  /** Whether the task was created in the current command and is not yet in the database. */
  private static boolean createdInThisCommand(String taskId) {
    CommandContext command = Context.getCommandContext();
    if (command == null || taskId == null) {
      return false;
    }
    DbEntityCache cache = command.getDbEntityManager().getDbEntityCache();
    TaskEntity task = cache.get(TaskEntity.class, taskId);
    return task != null && cache.isTransient(task);
  }
}
