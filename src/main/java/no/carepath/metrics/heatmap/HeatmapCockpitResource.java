package no.carepath.metrics.heatmap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * {@code GET /camunda/api/cockpit/plugin/carepath-heatmap/{engine}/activities?process=&days=&version=}: the
 * same answer as {@code /api/metrics/heatmap}, for Cockpit's browser session ({@code /api/**} takes bearer
 * tokens only). Jersey makes this resource, so it finds {@link Heatmaps} in Spring's context. A bad parameter
 * is a 400 in the shape of the engine's own errors ({@code type}, {@code message}: every problem in one
 * sentence each), which Cockpit and {@code EngineErrors} pass on as they are.
 */
@Path("plugin/" + HeatmapCockpitPlugin.ID)
public class HeatmapCockpitResource extends AbstractCockpitPluginRootResource {

  public HeatmapCockpitResource() {
    super(HeatmapCockpitPlugin.ID);
  }

  @GET
  @Path("{engine}/activities")
  @Produces(MediaType.APPLICATION_JSON)
  public Response activities(@PathParam("engine") String engine, @QueryParam("process") String process,
      @QueryParam("days") String days, @QueryParam("version") String version) throws JsonProcessingException {
    ApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    ObjectMapper json = spring.getBean(ObjectMapper.class);
    try {
      Heatmaps.Heatmap heatmap = spring.getBean(Heatmaps.class).heatmap(process, days, version, Actor.current());
      return Response.ok(json.writeValueAsString(heatmap), MediaType.APPLICATION_JSON_TYPE).build();
    } catch (RequestRejectedException rejected) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", "BadRequest");
      error.put("message", rejected.problems().stream().map(RequestRejectedException.FieldProblem::message)
          .collect(Collectors.joining(" ")));
      error.put("status", 400);
      return Response.status(Response.Status.BAD_REQUEST).entity(json.writeValueAsString(error))
          .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
  }
}
