package no.carepath.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import no.carepath.intake.DemoReferralsLoaded;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes the two demo GP referrals on: Ole Johansen (heart failure) is granted digital home
 * follow-up, visited and enrolled, gets his trial period's readings from the home-monitoring
 * simulator and reaches the end of the trial, so a nurse finds «Skriv egenbehandlingsplan» with
 * proposed thresholds; Knut Berg (diabetes, on insulin) is enrolled and measuring. Runs in the background once,
 * right after the demo referrals are loaded; each step waits for the engine and the workers.
 */
@Component
@ConditionalOnProperty(name = "carepath.demo.enabled", havingValue = "true")
class DemoPathway {

  private static final Logger log = LoggerFactory.getLogger(DemoPathway.class);
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

  private final TaskService tasks;
  private final org.camunda.bpm.engine.IdentityService identities;
  private final ManagementService management;
  private final Clock clock;

  DemoPathway(TaskService tasks, ManagementService management, Clock clock,
      org.camunda.bpm.engine.IdentityService identities) {
    this.identities = identities;
    this.clock = clock;
    this.tasks = tasks;
    this.management = management;
  }

  @EventListener
  void on(DemoReferralsLoaded loaded) {
    Thread thread = new Thread(() -> run(loaded.gpReferralCases()), "carepath-demo-pathway");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(List<String> cases) {
    try {
      String ole = cases.get(0);
      String knut = cases.get(1);
      grant(ole);
      grant(knut);
      Task oleVisit = startUp(ole, List.of("BLODTRYKKSMALER", "VEKT", "PULSOKSYMETER", "NETTBRETT"), false);
      // Knut uses insulin: his red deviations also require diabetes follow-up (competence)
      Task knutVisit = startUp(knut, List.of("BLODSUKKERMALER", "PULSOKSYMETER", "NETTBRETT"), true);
      visit(oleVisit, List.of("BLODTRYKKSMALER", "VEKT", "PULSOKSYMETER", "NETTBRETT"));
      visit(knutVisit, List.of("BLODSUKKERMALER", "PULSOKSYMETER", "NETTBRETT"));
      // the simulator sends Ole's 14 days of trial readings when he is registered; then the trial ends
      Job trial = await("the trial timer of " + ole, () -> Optional.ofNullable(management.createJobQuery()
          .processInstanceId(oleVisit.getProcessInstanceId()).activityId("Timer_TrialPeriodEnds").singleResult()));
      pause(Duration.ofSeconds(20));
      management.executeJob(trial.getId());
      log.info("Demo pathway ready: {} and {} are in digital home follow-up", ole, knut);
    } catch (RuntimeException e) {
      log.warn("Demo pathway stopped: {}", e.getMessage());
    }
  }

  private void grant(String caseId) {
    Map<String, Object> assessment = new HashMap<>();
    assessment.put("whatMattersToYou", "Å bo hjemme og klare meg selv så lenge som mulig.");
    assessment.put("primaryCondition", "HJERTESVIKT");
    for (String item : List.of("functionHousework", "functionPersonalHygiene", "functionDressing", "functionEating",
        "functionMobilityIndoors", "functionMobilityOutdoors", "functionOwnHealth", "functionMemory")) {
      assessment.put(item, "2");
    }
    assessment.put("livingSituation", "ALENE");
    assessment.put("deviceAbility", "SELVSTENDIG");
    assessment.put("consentDigitalFollowUp", true);
    assessment.put("consentInformationSharing", true);
    as("ingrid.berg", "allocation-office", () -> tasks.complete(task(caseId, "Task_AssessNeeds", "caseId").getId(), assessment));
    Map<String, Object> decision = new HashMap<>();
    decision.put("decisionOutcome", "GRANTED");
    decision.put("grantedServices", Spin.JSON(List.of("DIGITAL_HOME_FOLLOW_UP")));
    decision.put("serviceScope", "Daglige målinger hjemme med oppfølging fra sykepleier ved avvik.");
    decision.put("serviceStartDate", LocalDate.now(clock).toString());
    decision.put("decisionReason", "Kronisk sykdom som egner seg for oppfølging hjemme; pasienten kan bruke utstyret.");
    decision.put("legalBasis", "PBRL_2-1A_HOL_3-2-6A");
    as("ingrid.berg", "allocation-office", () -> tasks.complete(task(caseId, "Task_DecideService", "caseId").getId(), decision));
  }

  private Task startUp(String caseId, List<String> devices, boolean insulin) {
    Task planning = task(caseId, "Task_PlanStartup", "caseId");
    Map<String, Object> plan = new HashMap<>();
    plan.put("homeVisitDate", LocalDate.now(clock).toString());
    plan.put("devicesPlanned", Spin.JSON(devices));
    plan.put("gpName", tasks.getVariable(planning.getId(), "gpName"));
    plan.put("gpHprNumber", tasks.getVariable(planning.getId(), "gpHprNumber"));
    plan.put("relativesInformed", true);
    plan.put("insulinTreated", insulin);
    as("jonas.lie", "home-follow-up-nurses", () -> tasks.complete(planning.getId(), plan));
    return task(caseId, "Task_ConductHomeVisit", "caseId");
  }

  private void visit(Task visit, List<String> devices) {
    Map<String, Object> done = new HashMap<>();
    done.put("homeVisitDoneDate", LocalDate.now(clock).toString());
    done.put("devicesHandedOut", Spin.JSON(devices));
    done.put("trainingGiven", true);
    done.put("consentConfirmed", true);
    done.put("relativesInformedAtVisit", true);
    done.put("homeVisitNotes", "Demo: opplæring gitt hjemme; pasienten målte selv.");
    as("jonas.lie", "home-follow-up-nurses", () -> tasks.complete(visit.getId(), done));
  }

  /**
   * Done as the demo person would in the Tasklist: the engine knows who, so the competence register checks
   * and records it (coverage on /app/competences/overview has something to show).
   */
  private void as(String user, String role, Runnable work) {
    identities.setAuthentication(user, List.of(role, "municipality-1804"), List.of("1804"));
    try {
      work.run();
    } finally {
      identities.clearAuthentication();
    }
  }

  private Task task(String caseId, String key, String variable) {
    return await(key + " of " + caseId, () -> Optional.ofNullable(tasks.createTaskQuery().taskDefinitionKey(key)
        .processVariableValueEquals(variable, caseId).singleResult()));
  }

  private static <T> T await(String what, java.util.function.Supplier<Optional<T>> lookup) {
    Instant deadline = Instant.now().plus(STEP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<T> found = lookup.get();
      if (found.isPresent()) {
        return found.get();
      }
      pause(Duration.ofMillis(500));
    }
    throw new IllegalStateException("gave up waiting for " + what);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
