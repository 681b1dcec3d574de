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
 * caller's for a called process. Definitions are shared (deployed without a tenant); tasks, jobs,
 * incidents and history rows inherit the instance's tenant, and the engine's queries and commands
 * show a person only the tenants of their {@code municipality-NNNN} groups.
 */
final class MunicipalityTenants implements TenantIdProvider {

  static final String MUNICIPALITY_VARIABLE = "municipalityNumber";

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
