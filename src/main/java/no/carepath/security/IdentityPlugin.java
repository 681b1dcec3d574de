package no.carepath.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine's side of the access model: users and groups from Keycloak
 * ({@link KnownUsersIdentityProvider}, municipalities as tenants), every instance in its
 * municipality ({@link MunicipalityTenants}), variable reads checked with their own permissions, and
 * each instance's patient recorded for the access log ({@link ProcessPatients}).
 */
@Component
class IdentityPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityPlugin.class);

  private final ObjectProvider<KnownUsers> users;
  private final ObjectProvider<ProcessPatients> patients;
  private final Municipalities municipalities;

  IdentityPlugin(ObjectProvider<KnownUsers> users, ObjectProvider<ProcessPatients> patients,
      Municipalities municipalities) {
    this.users = users;
    this.patients = patients;
    this.municipalities = municipalities;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(
        new KnownUsersIdentityProvider.Factory(users::getObject, municipalities));
    configuration.setTenantIdProvider(new MunicipalityTenants());
    configuration.setTenantCheckEnabled(true);
    // reading an instance, a task or history is not reading its variables: those need
    // READ_INSTANCE_VARIABLE, READ_VARIABLE (a task's candidates have it) or READ_HISTORY_VARIABLE
    configuration.setEnforceSpecificVariablePermission(true);
    // a task's candidates may also read the task's own history (its comments in the Tasklist), which
    // otherwise needs READ_HISTORY on the whole definition
    configuration.setEnableHistoricInstancePermissions(true);
    // the same grants on a new task, without querying for ones a task created in this command cannot have
    configuration.setResourceAuthorizationProvider(new NewTaskAuthorizations());
    List<BpmnParseListener> parseListeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    parseListeners.add(new ProcessPatients.ParseListener(patients::getObject));
    configuration.setCustomPreBPMNParseListeners(parseListeners);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // the id generator is the starter's choice, known only now
    if (configuration.getResourceAuthorizationProvider() instanceof NewTaskAuthorizations
        && !NewTaskAuthorizations.safeWith(configuration)) {
      LOG.warn("The engine's own grant lookups are used for new tasks: ids are not random UUIDs or standalone tasks"
          + " are on, so a new task's id could already have grants");
      configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider());
    }
  }
}
