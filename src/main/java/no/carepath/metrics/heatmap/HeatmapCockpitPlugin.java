package no.carepath.metrics.heatmap;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The heatmap in Cockpit: {@code plugin-webapp/carepath-heatmap/app/plugin.js} lays the figures over the
 * process diagram on the process definition page (and adds the tab "Varmekart" with them as a table);
 * {@link HeatmapCockpitResource} gives the figures to the browser session. Registered through
 * {@code META-INF/services}.
 */
public class HeatmapCockpitPlugin extends AbstractCockpitPlugin {

  static final String ID = "carepath-heatmap";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(HeatmapCockpitResource.class);
  }
}
