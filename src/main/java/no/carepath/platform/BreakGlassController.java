package no.carepath.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import no.carepath.security.AccessLog;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.ProcessPatients;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-glass for process owners: one variable of one instance read, or written, when a repair
 * truly needs it, with a reason. Process owners otherwise never see or change variable values
 * ({@code docs/access.md}). The read or write is access-logged with the reason and flagged as
 * outside own work; the instance must belong to one of the caller's municipalities.
 */
@RestController
@RequestMapping(path = "/api/break-glass", produces = MediaType.APPLICATION_JSON_VALUE)
class BreakGlassController {

  record Use(
      @NotBlank(message = "Begrunnelse mangler.")
      @Size(min = 20, max = 1000, message = "Begrunnelsen må ha 20 til 1000 tegn: si hvilken feil som repareres og hvorfor"
          + " verdien trengs.") String reason,
      JsonNode value) {
  }

  private final RuntimeService runtime;
  private final ProcessPatients patients;
  private final AccessLog accessLog;

  BreakGlassController(RuntimeService runtime, ProcessPatients patients, AccessLog accessLog) {
    this.runtime = runtime;
    this.patients = patients;
    this.accessLog = accessLog;
  }

  @Transactional
  @PostMapping(path = "/process-instances/{processInstanceId}/variables/{name}",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> use(@PathVariable String processInstanceId, @PathVariable String name,
      @Valid @RequestBody Use use) {
    Actor actor = Actor.current();
    // one row per patient the instance is about (a team's daily review list names several)
    List<ProcessPatients.Instance> about = patients.find(List.of(processInstanceId)).stream()
        .filter(found -> actor.isMemberOf(CarepathGroups.ADMINISTRATORS)
            || actor.municipalities().contains(found.municipalityNumber()))
        .toList();
    if (about.isEmpty() || runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() != 1) {
      throw RequestRejectedException.notFound("Finner ingen pågående prosessinstans " + processInstanceId
          + " i kommunen din.");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", processInstanceId);
    answer.put("name", name);
    String what;
    if (use.value() == null || use.value().isNull()) {
      what = "break-glass-read";
      answer.put("value", runtime.getVariable(processInstanceId, name));
    } else {
      what = "break-glass-write";
      runtime.setVariable(processInstanceId, name, plain(use.value()));
      answer.put("written", true);
    }
    List<AccessLog.Read> reads = about.stream().filter(instance -> instance.patientId() != null)
        .map(instance -> new AccessLog.Read(instance.patientId(), instance.businessKey(), what,
            AccessLog.Basis.BREAK_GLASS, use.reason().strip(), instance.municipalityNumber(), false))
        .toList();
    if (!reads.isEmpty()) {
      accessLog.record(actor, "api", reads);
    }
    return answer;
  }

  private static Object plain(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    throw RequestRejectedException.invalid("value", "Bare tekst, tall og sann/usann kan settes med nødtilgang.");
  }
}
