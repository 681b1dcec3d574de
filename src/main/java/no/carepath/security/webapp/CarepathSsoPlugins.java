package no.carepath.security.webapp;

import java.util.Set;

import jakarta.ws.rs.Path;
import org.camunda.bpm.admin.plugin.spi.impl.AbstractAdminPlugin;
import org.camunda.bpm.admin.resource.AbstractAdminPluginRootResource;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.camunda.bpm.welcome.plugin.spi.impl.AbstractWelcomePlugin;
import org.camunda.bpm.welcome.resource.AbstractWelcomePluginRootResource;

/**
 * A small front-end plugin for Tasklist, Cockpit, Admin and the welcome page
 * ({@code plugin-webapp/carepath-sso/app/plugin.js}): "Log out" ends the Keycloak session, and
 * Camunda's own login page, which cannot log anyone in here, gives way to the Keycloak login.
 * Registered through {@code META-INF/services}.
 */
public final class CarepathSsoPlugins {

  static final String ID = "carepath-sso";

  private CarepathSsoPlugins() {
  }

  public static class Tasklist extends AbstractTasklistPlugin {
    @Override
    public String getId() {
      return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
      return Set.of(TasklistAssets.class);
    }
  }

  @Path("plugin/" + ID)
  public static class TasklistAssets extends AbstractTasklistPluginRootResource {
    public TasklistAssets() {
      super(ID);
    }
  }

  public static class Cockpit extends AbstractCockpitPlugin {
    @Override
    public String getId() {
      return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
      return Set.of(CockpitAssets.class);
    }
  }

  @Path("plugin/" + ID)
  public static class CockpitAssets extends AbstractCockpitPluginRootResource {
    public CockpitAssets() {
      super(ID);
    }
  }

  public static class Admin extends AbstractAdminPlugin {
    @Override
    public String getId() {
      return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
      return Set.of(AdminAssets.class);
    }
  }

  @Path("plugin/" + ID)
  public static class AdminAssets extends AbstractAdminPluginRootResource {
    public AdminAssets() {
      super(ID);
    }
  }

  public static class Welcome extends AbstractWelcomePlugin {
    @Override
    public String getId() {
      return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
      return Set.of(WelcomeAssets.class);
    }
  }

  @Path("plugin/" + ID)
  public static class WelcomeAssets extends AbstractWelcomePluginRootResource {
    public WelcomeAssets() {
      super(ID);
    }
  }
}
