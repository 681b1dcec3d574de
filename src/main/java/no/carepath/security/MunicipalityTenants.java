package no.carepath.security;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;

/**
 * Every process instance belongs to the municipality it is about: its tenant id is the
 * municipality number ({@code municipalityNumber}, a start variable of every process), or its
 * caller's for a called process, or for an avvik reported with the Tasklist's start form, the
 * reporter's municipality. Definitions are shared (deployed without a tenant); tasks, jobs,
 * incidents and history rows inherit the instance's tenant, and the engine's queries and commands
 * show a person only the tenants of their {@code municipality-NNNN} groups.
 */
final class MunicipalityTenants implements TenantIdProvider {

  static final String MUNICIPALITY_VARIABLE = "municipalityNumber";
  /** The one process a person may start (its start form in the Tasklist): an avvik. */
  static final String AVVIK = "quality-incident";

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    DelegateExecution caller = context.getSuperExecution();
    if (caller != null && caller.getTenantId() != null) {
      return caller.getTenantId();
    }
    Object municipality = context.getVariables().get(MUNICIPALITY_VARIABLE);
    if (municipality instanceof String number && number.matches("\\d{4}")) {
      return number;
    }
    // a person's start form in the Tasklist (an avvik): the starter's own municipality, when there is one
    org.camunda.bpm.engine.impl.interceptor.CommandContext command =
        org.camunda.bpm.engine.impl.context.Context.getCommandContext();
    org.camunda.bpm.engine.impl.identity.Authentication starter = command == null ? null : command.getAuthentication();
    if (starter != null && starter.getTenantIds() != null && starter.getTenantIds().size() == 1
        && AVVIK.equals(context.getProcessDefinition().getKey())) {
      return starter.getTenantIds().get(0);
    }
    if (starter != null && AVVIK.equals(context.getProcessDefinition().getKey())) {
      throw new org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException("carepath",
          EngineErrors.FORM_REFUSED + " Du hører til flere kommuner. Meld avviket på siden «Meld avvik» i Carepath,"
              + " der du velger kommunen.");
    }
    throw new ProcessEngineException("Every process instance belongs to a municipality: start "
        + context.getProcessDefinition().getKey() + " with the variable " + MUNICIPALITY_VARIABLE);
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    return context.getExecution() == null ? null : context.getExecution().getTenantId();
  }
}
