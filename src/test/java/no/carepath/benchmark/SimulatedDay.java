package no.carepath.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.CarepathApplication;
import no.carepath.TestPlatform;
import no.carepath.competence.CompetenceRefused;
import no.carepath.competence.TaskWork;
import no.carepath.followup.FollowupChecks;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.security.Actor;
import no.carepath.simulator.HospitalSimulator;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Issue 13 §7: one accelerated day of digital home follow-up, with the clinical-safety figures at the
 * end. The platform runs as in the other benchmarks (embedded PostgreSQL, Keycloak from {@code realm/},
 * Carepath, the simulators of {@link TestPlatform}); {@code patients} enrolled patients in Bodø and
 * Narvik measure through the home-monitoring simulator (a few per cent of rounds yellow or red, some
 * patients silent all day); simulated nurses of mixed competence, and a team leader per municipality,
 * act on their tasks through the engine's Java API as themselves, with realistic delays; the GP-office
 * simulator answers dialogue messages and the hospital simulator reports admissions after acute
 * events.
 *
 * <p>Time: the simulated day is yesterday (00:00-24:00 in Oslo) plus a {@code tail} of minutes with no
 * new readings. A {@link SimulationClock} is the application's {@code Clock} and the engine's clock;
 * it stands still within a step of one simulated minute and is moved on by the simulation, which
 * waits at each step until the platform has caught up (every deviation signalled to the engine, no
 * engine job due) and lets each step take at least {@code pace} real milliseconds. Yesterday, because
 * Keycloak's tokens carry real times: a simulated clock behind real time accepts them.
 *
 * <p>The figures ({@link SafetyFigures}) are computed from the database and the engine's history.
 * Printed, and written to {@code target/benchmarks/simulated-day.txt}.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.SimulatedDay
 * -Dbenchmark.args="patients=1000"}
 */
public final class SimulatedDay {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("patients", "1000"),
      Map.entry("seed", "13"), Map.entry("pace", "150"), Map.entry("tail", "60"), Map.entry("yellow", "0.05"),
      Map.entry("red", "0.02"), Map.entry("missed", "0.04"), Map.entry("lateRed", "0.10"), Map.entry("staleRed", "0.10"),
      Map.entry("gpAnswerSeconds", "20"), Map.entry("missedCheckMinutes", "5"), Map.entry("hold", "0"));
  private static final String NURSES = "home-follow-up-nurses";
  private static final String LEADERS = "team-leaders";
  private static final Set<String> HANDLED = Set.of(SafetyFigures.RED_TASK, SafetyFigures.YELLOW_TASK,
      SafetyFigures.UNHANDLED_TASK, "Task_PhoneGp", "Task_FollowUpGpAnswer", "Task_FollowUpAcuteEvent", "Task_RemindGp");
  /** Conditions and the signs their patients measure (VitalSign codes), with their LOINC codes for the simulator. */
  private static final List<Condition> CONDITIONS = List.of(
      new Condition("copd", 0.40, "{4,3}", List.of("2708-6", "8867-4")),
      new Condition("heart-failure", 0.35, "{6,1,2,3}", List.of("29463-7", "85354-9", "8867-4")),
      new Condition("diabetes", 0.25, "{7,1,2}", List.of("15074-8", "85354-9")));

  private final Map<String, String> settings;
  private final TestPlatform platform = TestPlatform.get();
  private final StringBuilder report = new StringBuilder();
  private final Random random;
  private final long begun = System.nanoTime();
  private final SimulationClock clock;
  private final Instant dayStart;
  private final Instant dayEnd;
  private final Instant runEnd;
  private ConfigurableApplicationContext app;
  private DataSource dataSource;
  private TaskService taskService;
  private IdentityService identity;
  private ManagementService management;
  private TaskWork taskWork;

  private final List<Patient> patients = new ArrayList<>();
  private final Map<String, Patient> patientsByEpisode = new HashMap<>();
  private final NavigableMap<Instant, Map<String, String>> rounds = new TreeMap<>();
  private final NavigableMap<Instant, List<Patient>> admissions = new TreeMap<>();
  private final List<Person> staff = new ArrayList<>();
  private final Map<String, Person> staffById = new HashMap<>();
  private final Map<String, Plan> plans = new HashMap<>();
  private final List<SafetyFigures.Completion> completions = new ArrayList<>();
  private final Map<String, Integer> counters = new TreeMap<>();
  /** Readings (a blood pressure panel is two) in the Bundles of the day that Carepath acknowledged. */
  private long readingsSent;
  private long maxWaitMillis;
  private long missedCheckNanos;
  private int missedChecks;
  private int waitTimeouts;

  private SimulatedDay(Map<String, String> settings) {
    this.settings = settings;
    this.random = new Random(Long.parseLong(settings.get("seed")));
    LocalDate yesterday = LocalDate.now(OSLO).minusDays(1);
    dayStart = yesterday.atStartOfDay(OSLO).toInstant();
    dayEnd = yesterday.plusDays(1).atStartOfDay(OSLO).toInstant();
    runEnd = dayEnd.plus(Duration.ofMinutes(Integer.parseInt(settings.get("tail"))));
    // before the day: yesterday's (that is, the day before's) readings are sent first
    clock = new SimulationClock(dayStart.minus(Duration.ofDays(1)), OSLO);
  }

  public static void main(String[] args) {
    SimulatedDay day = new SimulatedDay(BenchmarkMain.settings(args, DEFAULTS, true));
    BenchmarkMain.runAndExit(day::run, () -> {
      if (day.app != null) {
        day.app.close();
      }
    });
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private double rate(String name) {
    return Double.parseDouble(settings.get(name));
  }

  // ---- the run ----

  private void run() throws Exception {
    clock.installInEngine();
    Map<String, Object> properties = new HashMap<>(platform.properties());
    properties.put("logging.level.root", "WARN");
    properties.put("carepath.demo.enabled", "false");
    properties.put("spring.main.banner-mode", "off");
    // a refused claim is logged by the engine with its stack trace; the simulation counts refusals and failures itself
    properties.put("logging.level.org.camunda.bpm.engine.context", "OFF");
    // the job executor looks for due jobs often: a simulated minute lasts a fraction of a real second
    properties.put("camunda.bpm.job-execution.wait-time-in-millis", "50");
    properties.put("camunda.bpm.job-execution.max-wait", "200");
    app = new SpringApplicationBuilder(CarepathApplication.class)
        .initializers(context -> context.addBeanFactoryPostProcessor(factory -> {
          // the simulated clock instead of PlatformConfiguration's system clock
          ((BeanDefinitionRegistry) factory).removeBeanDefinition("clock");
          factory.registerSingleton("clock", clock);
        }))
        .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new));
    // the periodic jobs run on real time; the missed-reading check is run by the simulation instead
    Set<ScheduledTask> scheduled = app.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks();
    scheduled.forEach(ScheduledTask::cancel);
    dataSource = app.getBean(DataSource.class);
    taskService = app.getBean(TaskService.class);
    identity = app.getBean(IdentityService.class);
    management = app.getBean(ManagementService.class);
    taskWork = app.getBean(TaskWork.class);
    // every outside system stamps its messages (readings, answers, receipts) in the simulated time
    platform.homeMonitoring().useClock(clock);
    platform.gpOffice().useClock(clock);
    platform.hospital().useClock(clock);
    platform.municipalRecord().useClock(clock);
    platform.healthSupervision().useClock(clock);
    platform.letterDispatch().useClock(clock);
    platform.gpOffice().setAnswerDelay(Duration.ofSeconds(setting("gpAnswerSeconds")));

    line("# Simulated day (issue 13 §7)");
    line("");
    line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; settings " + settings
        + "; PostgreSQL " + scalar("show server_version") + "; simulated day " + dayStart.atZone(OSLO).toLocalDate()
        + " 00:00-24:00 Europe/Oslo, then " + setting("tail") + " minutes without new readings.");
    long started = System.nanoTime();
    seedPatients();
    seedStaff();
    registerWithMonitoringPlatform();
    planReadings();
    line("Set-up (" + patients.size() + " patients, " + staff.size() + " staff) " + seconds(started) + " s.");

    int sentBefore = platform.homeMonitoring().sent();
    started = System.nanoTime();
    for (Map.Entry<Instant, Map<String, String>> round : rounds.headMap(dayStart, false).entrySet()) {
      clock.set(round.getKey());
      send(round.getValue());
    }
    awaitQuiet(Duration.ofMinutes(2));
    line("The day before's readings (" + (platform.homeMonitoring().sent() - sentBefore) + ") sent in "
        + seconds(started) + " s.");

    sentBefore = platform.homeMonitoring().sent();
    long dayBegun = System.nanoTime();
    int steps = 0;
    for (Instant now = dayStart; !now.isAfter(runEnd); now = now.plus(Duration.ofMinutes(1))) {
      long stepBegun = System.nanoTime();
      clock.set(now);
      if (now.isBefore(dayEnd)) {
        Map<String, String> due = rounds.get(now);
        if (due != null) {
          send(due);
        }
        if (Duration.between(dayStart, now).toMinutes() % setting("missedCheckMinutes") == 0) {
          long checkBegun = System.nanoTime();
          FollowupChecks.checkMissedReadings(app);
          missedCheckNanos += System.nanoTime() - checkBegun;
          missedChecks++;
        }
      }
      for (Patient patient : admissions.getOrDefault(now, List.of())) {
        admit(patient);
      }
      awaitQuiet(Duration.ofSeconds(30));
      act(now);
      awaitQuiet(Duration.ofSeconds(30));
      steps++;
      long spare = setting("pace") - (System.nanoTime() - stepBegun) / 1_000_000;
      if (spare > 0) {
        Thread.sleep(spare);
      }
      if (steps % 120 == 0) {
        System.out.println("  " + now.atZone(OSLO).toLocalTime() + " simulated, " + seconds(dayBegun) + " s real, "
            + countOpenTasks() + " open tasks");
      }
    }
    int observationsSent = platform.homeMonitoring().sent() - sentBefore;
    double daySeconds = (System.nanoTime() - dayBegun) / 1e9;
    line("Simulated " + steps + " minutes in " + String.format(Locale.ROOT, "%.0f", daySeconds) + " s real ("
        + String.format(Locale.ROOT, "%.0f", steps * 60 / daySeconds) + "x); the longest wait for the platform to catch up"
        + " in a step " + maxWaitMillis + " ms; steps that gave up waiting after 30 s: " + waitTimeouts + "; "
        + missedChecks + " missed-reading checks took " + String.format(Locale.ROOT, "%.1f", missedCheckNanos / 1e9)
        + " s.");

    SafetyFigures.Facts facts = SafetyFigures.load(dataSource, dayStart, dayEnd, runEnd, patients.size());
    SafetyFigures.Result result = SafetyFigures.compute(facts, completions, counters.getOrDefault("refusals", 0));
    line("");
    line("## Clinical-safety figures (from the database and the engine's history)");
    line("");
    result.lines().forEach(this::line);
    line("");
    line("## The day in numbers");
    line("");
    long stored = longScalar("select count(*) from followup_reading where measured_at >= '" + dayStart + "' and measured_at < '"
        + dayEnd + "'");
    line("- Readings: the home-monitoring simulator had " + observationsSent + " Observations of the day acknowledged (a blood"
        + " pressure panel is one), which make " + readingsSent + " readings; stored with a measuring time in the day: "
        + stored + (readingsSent == stored ? " (none lost, none twice)" : " (DIFFERENT)") + ".");
    line("- GP dialogue: " + platform.gpOffice().received().size() + " messages received by the GP-office simulator; "
        + longScalar("select count(*) from escalation_dialogue where answered_at is not null") + " answered in Carepath.");
    line("- Hospital: " + counters.getOrDefault("admissions sent", 0) + " admissions reported by the hospital simulator; "
        + platform.hospital().received().size() + " messages received by it.");
    line("- Open tasks at the end, by task: " + openTasksByKey() + ".");
    line("- What the simulated staff did (their own counts): " + counters + ".");
    line("- The simulation's intentions, for comparison with the figures above: red tasks planned to be noticed after"
        + " their response time " + counters.getOrDefault("planned late red", 0) + ", red tasks planned to be taken and"
        + " left " + counters.getOrDefault("planned stale red", 0) + ".");
    line("");
    line("Wall clock " + seconds(begun) + " s.");

    Path out = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "simulated-day.txt")
        .toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("\nWritten to " + out);
    if (setting("hold") > 0) {
      System.out.println("Holding the database for " + setting("hold") + " s: " + platform.properties().get("CAREPATH_DB_URL"));
      Thread.sleep(setting("hold") * 1000L);
    }
  }

  // ---- patients ----

  private record Condition(String name, double share, String signs, List<String> loinc) {
  }

  private static final class Patient {
    final String nationalId;
    final String municipality;
    final Condition condition;
    /** Uses insulin: a red deviation then also requires diabetes follow-up. */
    final boolean insulin;
    String episodeId;
    LocalTime morning;
    LocalTime evening;
    boolean silentToday;
    Instant admittedAt;

    Patient(String nationalId, String municipality, Condition condition, boolean insulin) {
      this.nationalId = nationalId;
      this.municipality = municipality;
      this.condition = condition;
      this.insulin = insulin;
    }
  }

  /** Enrolled patients, written as the pathway benchmark does: patient, granted case and decision, active episode. */
  private void seedPatients() throws Exception {
    int count = setting("patients");
    LocalDate date = LocalDate.of(1935, 1, 1);
    int individual = 0;
    while (patients.size() < count) {
      try {
        NationalIdentityNumber number = NationalIdentityNumber.synthetic(date, individual);
        individual = Integer.parseInt(number.value().substring(6, 9)) + 1;
        double dice = random.nextDouble();
        Condition condition = dice < 0.40 ? CONDITIONS.get(0) : dice < 0.75 ? CONDITIONS.get(1) : CONDITIONS.get(2);
        patients.add(new Patient(number.value(), random.nextDouble() < 0.7 ? "1804" : "1806", condition,
            condition.name().equals("diabetes") && random.nextDouble() < 0.4));
      } catch (IllegalArgumentException e) {
        date = date.plusDays(1);
        individual = 0;
      }
    }
    Instant enrolled = dayStart.minus(Duration.ofDays(30));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      String[] ids = new String[count];
      String[] numbers = new String[count];
      String[] births = new String[count];
      String[] municipalities = new String[count];
      String[] signs = new String[count];
      Boolean[] insulin = new Boolean[count];
      for (int i = 0; i < count; i++) {
        Patient patient = patients.get(i);
        ids[i] = UUID.randomUUID().toString();
        numbers[i] = patient.nationalId;
        births[i] = NationalIdentityNumber.parse(patient.nationalId).birthDate().toString();
        municipalities[i] = patient.municipality;
        signs[i] = patient.condition.signs();
        insulin[i] = patient.insulin;
      }
      try (PreparedStatement statement = connection.prepareStatement("""
          with input as (
            select * from unnest(?::uuid[], ?::text[], ?::date[], ?::text[], ?::text[], ?::boolean[])
              as t(id, nid, birth, municipality, signs, insulin)),
          p as (
            insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
            select id, nid, 'Simulert', 'Pasient', birth, municipality, ? from input
            returning id),
          c as (
            insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
            select 'SIM-' || nextval('allocation_case_number'), i.id, i.municipality, 'GP_REFERRAL', 'FINAL', ?,
              'simulated day'
            from p join input i on i.id = p.id
            returning case_id, patient_id, municipality_number),
          d as (
            insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, decided_by,
              decided_by_name, decided_at)
            select gen_random_uuid(), case_id, 1, 'GRANTED', '["DIGITAL_HOME_FOLLOW_UP"]', 'simulated day', 'benchmark',
              'benchmark', 'Benchmark', ?
            from c returning id, case_id)
          insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id,
            created_at, phase, monitoring_key, enrolled_at, measured_signs, gp_name, gp_hpr_number, gp_practice,
            insulin_treated)
          select 'EPS-' || nextval('followup_episode_number'), c.case_id, c.patient_id, c.municipality_number, 'ACTIVE',
            d.id, ?, 'TRIAL', nextval('followup_monitoring_key'), ?, cast(i.signs as smallint[]), 'Fastlege Simulert',
            '900000001', 'Simulert legekontor', i.insulin
          from c join d on d.case_id = c.case_id join input i on i.id = c.patient_id
          """)) {
        statement.setArray(1, connection.createArrayOf("text", ids));
        statement.setArray(2, connection.createArrayOf("text", numbers));
        statement.setArray(3, connection.createArrayOf("text", births));
        statement.setArray(4, connection.createArrayOf("text", municipalities));
        statement.setArray(5, connection.createArrayOf("text", signs));
        statement.setArray(6, connection.createArrayOf("boolean", insulin));
        for (int parameter = 7; parameter <= 11; parameter++) {
          statement.setTimestamp(parameter, Timestamp.from(enrolled));
        }
        statement.execute();
      }
      Map<String, String> episodes = new HashMap<>();
      try (Statement statement = connection.createStatement();
           ResultSet row = statement.executeQuery("select p.national_id, e.episode_id from followup_episode e"
               + " join patient p on p.id = e.patient_id")) {
        while (row.next()) {
          episodes.put(row.getString(1), row.getString(2));
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("analyze");
      }
      connection.commit();
      for (Patient patient : patients) {
        patient.episodeId = episodes.get(patient.nationalId);
        patientsByEpisode.put(patient.episodeId, patient);
      }
    }
  }

  /** Carepath registers a patient with the platform after the home visit; here the benchmark does it the same way. */
  private void registerWithMonitoringPlatform() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    for (Patient patient : patients) {
      Map<String, Object> resource = new LinkedHashMap<>();
      resource.put("resourceType", "Patient");
      resource.put("identifier", List.of(Map.of("system", "urn:oid:2.16.578.1.12.4.1.4.1", "value", patient.nationalId)));
      resource.put("name", List.of(Map.of("given", List.of("Simulert"), "family", "Pasient")));
      resource.put("extension", patient.condition.loinc().stream()
          .map(code -> Map.of("url", "https://carepath.no/fhir/measured-sign", "valueString", code)).toList());
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.homeMonitoring().fhirUrl()
              + "/Patient/" + patient.episodeId)).header("Content-Type", "application/fhir+json")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(resource))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("Registration refused: " + response.statusCode() + " " + response.body());
      }
    }
  }

  /**
   * Each patient measures every sign in the morning (07:00-10:00), two in five also in the evening
   * (18:00-21:00), yesterday all green. Today a round is red or yellow at the set rates; after a
   * deviating round half of the patients measure again 15-40 minutes later (the same colour, green,
   * or yellow turned red); {@code missed} of the patients send nothing all day.
   */
  private void planReadings() {
    for (Patient patient : patients) {
      patient.morning = LocalTime.of(7, 0).plusMinutes(random.nextInt(180));
      patient.evening = random.nextDouble() < 0.4 ? LocalTime.of(18, 0).plusMinutes(random.nextInt(180)) : null;
      patient.silentToday = random.nextDouble() < rate("missed");
      LocalDate today = dayStart.atZone(OSLO).toLocalDate();
      for (LocalTime time : patient.evening == null ? List.of(patient.morning) : List.of(patient.morning, patient.evening)) {
        round(today.minusDays(1).atTime(time).atZone(OSLO).toInstant(), patient, "GREEN");
        if (patient.silentToday) {
          continue;
        }
        Instant at = today.atTime(time).atZone(OSLO).toInstant();
        double dice = random.nextDouble();
        String colour = dice < rate("red") ? "RED" : dice < rate("red") + rate("yellow") ? "YELLOW" : "GREEN";
        round(at, patient, colour);
        if (!colour.equals("GREEN") && random.nextDouble() < 0.5) {
          double again = random.nextDouble();
          String next = again < 0.25 ? "GREEN" : colour.equals("YELLOW") && again < 0.40 ? "RED" : colour;
          round(at.plus(Duration.ofMinutes(15 + random.nextInt(26))), patient, next);
        }
      }
    }
  }

  private void round(Instant at, Patient patient, String colour) {
    rounds.computeIfAbsent(at, key -> new LinkedHashMap<>()).put(patient.episodeId, colour);
  }

  /** A minute's readings, as the platform sends them: batch Bundles of at most 30 patients. */
  private void send(Map<String, String> due) throws Exception {
    boolean inDay = !clock.instant().isBefore(dayStart);
    Map<String, String> bundle = new LinkedHashMap<>();
    for (Map.Entry<String, String> reading : due.entrySet()) {
      Patient patient = patientsByEpisode.get(reading.getKey());
      if (patient.admittedAt != null && !clock.instant().isBefore(patient.admittedAt)) {
        continue;
      }
      bundle.put(reading.getKey(), reading.getValue());
      if (inDay) {
        readingsSent += patient.condition.signs().split(",").length;
      }
      if (bundle.size() == 30) {
        check(platform.homeMonitoring().send(bundle));
        bundle.clear();
      }
    }
    if (!bundle.isEmpty()) {
      check(platform.homeMonitoring().send(bundle));
    }
  }

  private static void check(int status) {
    if (status >= 300) {
      throw new IllegalStateException("Carepath answered the home-monitoring simulator with HTTP " + status);
    }
  }

  private void admit(Patient patient) throws Exception {
    HttpResponse<String> response = platform.hospital().send("ADMITTED", new HospitalSimulator.PatientRef(
        patient.nationalId, "Simulert", "Pasient", patient.municipality), null);
    count(response.statusCode() < 300 ? "admissions sent" : "admissions refused");
  }

  // ---- staff ----

  private enum Shift {
    DAY(LocalTime.of(7, 30), LocalTime.of(15, 30)),
    EVENING(LocalTime.of(15, 0), LocalTime.of(23, 0)),
    NIGHT(LocalTime.of(22, 45), LocalTime.of(7, 45)),
    ON_CALL(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    final LocalTime from;
    final LocalTime to;

    Shift(LocalTime from, LocalTime to) {
      this.from = from;
      this.to = to;
    }

    boolean covers(LocalTime time) {
      if (from.equals(to)) {
        return true;
      }
      return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }
  }

  /** A holding in the register; {@code validUntil} null: does not expire. */
  private record Holding(String code, String level, LocalDate validUntil) {

    boolean qualifies(LocalDate day) {
      return !level.equals("UNDER_TRAINING") && (validUntil == null || !day.isAfter(validUntil));
    }
  }

  private static final class Person {
    final String id;
    final String name;
    final boolean leader;
    final List<String> municipalities;
    final Shift shift;
    final Map<String, Holding> holdings = new LinkedHashMap<>();
    /** Believes an expired holding still counts (so the register, not the person, has to refuse). */
    final boolean ignoresExpiry;
    Instant busyUntil = Instant.MIN;
    int done;

    Person(String id, String name, boolean leader, List<String> municipalities, Shift shift, boolean ignoresExpiry) {
      this.id = id;
      this.name = name;
      this.leader = leader;
      this.municipalities = municipalities;
      this.shift = shift;
      this.ignoresExpiry = ignoresExpiry;
    }

    List<String> groups() {
      List<String> groups = new ArrayList<>();
      groups.add(leader ? LEADERS : NURSES);
      municipalities.forEach(number -> groups.add("municipality-" + number));
      return groups;
    }

    /** What the person believes: the register's rules, but an expired holding is still counted by some. */
    boolean believesQualified(String required, LocalDate day) {
      return codes(required).stream().allMatch(code -> {
        Holding holding = holdings.get(code);
        return holding != null && (holding.qualifies(day) || ignoresExpiry && !holding.level().equals("UNDER_TRAINING"));
      });
    }

    /** Holds every code, valid today, some only under training: may take the task with a named supervisor. */
    boolean inTrainingFor(String required, LocalDate day) {
      List<String> codes = codes(required);
      return codes.stream().allMatch(code -> holdings.containsKey(code) && (holdings.get(code).validUntil() == null
          || !day.isAfter(holdings.get(code).validUntil())))
          && codes.stream().anyMatch(code -> holdings.get(code).level().equals("UNDER_TRAINING"));
    }

    boolean qualified(String required, LocalDate day) {
      return codes(required).stream().allMatch(code -> holdings.containsKey(code) && holdings.get(code).qualifies(day));
    }
  }

  private static List<String> codes(String required) {
    return required == null || required.isBlank() ? List.of()
        : Arrays.stream(required.split(",")).map(String::strip).filter(code -> !code.isEmpty()).toList();
  }

  /**
   * Twelve nurses over Bodø and Narvik in day, evening and night shifts (one a trainee, one whose red
   * triage expired yesterday without her noticing), and a team leader on call in each municipality;
   * their holdings go into the competence register.
   */
  private void seedStaff() throws Exception {
    LocalDate today = dayStart.atZone(OSLO).toLocalDate();
    String ind = "INDEPENDENT";
    String sup = "SUPERVISOR";
    String trainee = "UNDER_TRAINING";
    person("sim.ingrid.solberg", "Ingrid Solberg", false, List.of("1804"), Shift.DAY, false,
        "dho-monitoring", ind, "dho-red-triage", ind, "copd-followup", ind, "heart-failure-followup", ind);
    person("sim.per.aas", "Per Aas", false, List.of("1804"), Shift.DAY, false,
        "dho-monitoring", ind, "dho-red-triage", sup, "diabetes-followup", ind);
    person("sim.emma.lund", "Emma Lund", false, List.of("1804"), Shift.DAY, false,
        "dho-monitoring", trainee, "dho-red-triage", trainee);
    person("sim.nora.bakken", "Nora Bakken", false, List.of("1804"), Shift.EVENING, false,
        "dho-monitoring", ind, "dho-red-triage", ind, "heart-failure-followup", ind);
    person("sim.jon.strand", "Jon Strand", false, List.of("1804"), Shift.EVENING, false,
        "dho-monitoring", ind, "diabetes-followup", ind);
    person("sim.liv.moe", "Liv Moe", false, List.of("1804"), Shift.NIGHT, false,
        "dho-monitoring", ind, "dho-red-triage", ind);
    person("sim.siri.nilsen", "Siri Nilsen", false, List.of("1806"), Shift.DAY, false,
        "dho-monitoring", ind, "dho-red-triage", ind, "copd-followup", ind);
    person("sim.tora.eng", "Tora Eng", false, List.of("1806"), Shift.DAY, true,
        "dho-monitoring", ind, "dho-red-triage", ind + "@" + today.minusDays(1));
    person("sim.kari.vold", "Kari Vold", false, List.of("1806"), Shift.EVENING, false,
        "dho-monitoring", ind, "dho-red-triage", ind);
    person("sim.ola.ness", "Ola Ness", false, List.of("1806"), Shift.NIGHT, false,
        "dho-monitoring", ind, "dho-red-triage", ind);
    person("sim.mari.foss", "Mari Foss", false, List.of("1804", "1806"), Shift.DAY, false,
        "dho-monitoring", sup, "dho-red-triage", sup, "copd-followup", ind, "heart-failure-followup", ind,
        "diabetes-followup", ind);
    person("sim.ane.berg", "Ane Berg", false, List.of("1804", "1806"), Shift.EVENING, false,
        "dho-monitoring", ind, "dho-red-triage", ind, "diabetes-followup", ind);
    person("sim.leader.bodo", "Marit Teamleder", true, List.of("1804"), Shift.ON_CALL, false,
        "dho-monitoring", sup, "dho-red-triage", sup);
    person("sim.leader.narvik", "Knut Teamleder", true, List.of("1806"), Shift.ON_CALL, false,
        "dho-monitoring", sup, "dho-red-triage", sup);

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      // the catalogue, should the competence module not have loaded it on this build
      JsonNode catalogue = new ObjectMapper().readTree(Path.of(System.getProperty("carepath.project-dir", "."),
          "processes", "competence", "catalogue.json").toFile());
      try (PreparedStatement statement = connection.prepareStatement("insert into competence (code, name, description,"
          + " expires, validity_months) values (?, ?, ?, ?, ?) on conflict (code) do nothing")) {
        for (JsonNode competence : catalogue.path("competences")) {
          statement.setString(1, competence.path("code").asText());
          statement.setString(2, competence.path("name").asText());
          statement.setString(3, competence.path("description").asText());
          statement.setBoolean(4, competence.path("expires").asBoolean());
          statement.setObject(5, competence.path("validityMonths").isNull() ? null : competence.path("validityMonths").asInt());
          statement.addBatch();
        }
        statement.executeBatch();
      }
      try (PreparedStatement statement = connection.prepareStatement("insert into competence_holding (user_id,"
          + " municipality_number, competence_code, level, valid_from, valid_until, verified_by, verified_at)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Person person : staff) {
          for (String municipality : person.municipalities) {
            for (Holding holding : person.holdings.values()) {
              statement.setString(1, person.id);
              statement.setString(2, municipality);
              statement.setString(3, holding.code());
              statement.setString(4, holding.level());
              statement.setObject(5, today.minusYears(1));
              statement.setObject(6, holding.validUntil() == null ? today.plusYears(1) : holding.validUntil());
              statement.setString(7, "1804".equals(municipality) ? "sim.leader.bodo" : "sim.leader.narvik");
              statement.setTimestamp(8, Timestamp.from(dayStart.minus(Duration.ofDays(365))));
              statement.addBatch();
            }
          }
        }
        statement.executeBatch();
      }
      // Carepath knows a person (her groups, for an override's check) once she has signed in: the staff have
      try (PreparedStatement statement = connection.prepareStatement("insert into security_known_user (user_id,"
          + " first_name, last_name, email, groups, last_seen) values (?, ?, ?, ?, ?, ?) on conflict (user_id) do nothing")) {
        for (Person person : staff) {
          List<String> groups = new ArrayList<>(List.of(person.leader ? "team-leaders" : "home-follow-up-nurses"));
          person.municipalities.forEach(municipality -> groups.add("municipality-" + municipality));
          statement.setString(1, person.id);
          statement.setString(2, person.name.contains(" ") ? person.name.substring(0, person.name.indexOf(' ')) : person.name);
          statement.setString(3, person.name.contains(" ") ? person.name.substring(person.name.indexOf(' ') + 1) : "");
          statement.setString(4, person.id + "@carepath.example");
          statement.setString(5, String.join(",", groups));
          statement.setTimestamp(6, Timestamp.from(dayStart.minus(Duration.ofDays(1))));
          statement.addBatch();
        }
        statement.executeBatch();
      }
      connection.commit();
    }
  }

  /** {@code holdings}: code, level pairs; a level may end in {@code @date}, the holding's last valid day. */
  private void person(String id, String name, boolean leader, List<String> municipalities, Shift shift,
      boolean ignoresExpiry, String... holdings) {
    Person person = new Person(id, name, leader, municipalities, shift, ignoresExpiry);
    for (int i = 0; i < holdings.length; i += 2) {
      String[] level = holdings[i + 1].split("@");
      person.holdings.put(holdings[i], new Holding(holdings[i], level[0],
          level.length > 1 ? LocalDate.parse(level[1]) : null));
    }
    staff.add(person);
    staffById.put(id, person);
  }

  // ---- what the staff do each minute ----

  /** The simulation's plan for one task: when someone notices it, how long it takes, what they decide. */
  private static final class Plan {
    final String taskId;
    final String key;
    final String processInstanceId;
    final String municipality;
    final String required;
    final Instant due;
    final int priority;
    Instant noticeAt;
    int workMinutes;
    boolean stale;
    Map<String, Object> variables;
    String assignedTo;
    Instant completeAt;
    String preferred;
    final Set<String> refusedBy = new HashSet<>();

    Plan(Task task, String municipality, String required) {
      this.taskId = task.getId();
      this.key = task.getTaskDefinitionKey();
      this.processInstanceId = task.getProcessInstanceId();
      this.municipality = municipality;
      this.required = required;
      this.due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
      this.priority = task.getPriority();
    }
  }

  private void act(Instant now) {
    List<Task> open = taskService.createTaskQuery().active().list();
    Map<String, Task> openById = open.stream().collect(Collectors.toMap(Task::getId, task -> task));
    // tasks that ended without us (a yellow task raised to red, say): the person working on it is free
    for (Plan plan : new ArrayList<>(plans.values())) {
      if (!openById.containsKey(plan.taskId)) {
        plans.remove(plan.taskId);
        if (plan.assignedTo != null && plan.completeAt != null && plan.completeAt.isAfter(now)) {
          Person person = staffById.get(plan.assignedTo);
          person.busyUntil = now;
          count("tasks ended while being worked on");
          // a yellow task raised to red goes on as the red one, with the same nurse
          open.stream().filter(task -> task.getProcessInstanceId() != null
                  && task.getProcessInstanceId().equals(plan.processInstanceId)
                  && SafetyFigures.RED_TASK.equals(task.getTaskDefinitionKey()) && task.getAssignee() == null)
              .findFirst().ifPresent(red -> {
                Plan redPlan = plans.computeIfAbsent(red.getId(), id -> plan(red, now));
                redPlan.preferred = person.id;
                redPlan.noticeAt = now;
              });
        }
      }
    }
    for (Task task : open) {
      if (HANDLED.contains(task.getTaskDefinitionKey())) {
        plans.computeIfAbsent(task.getId(), id -> plan(task, now));
      }
    }
    LocalDate today = now.atZone(OSLO).toLocalDate();
    LocalTime time = now.atZone(OSLO).toLocalTime();
    // finish what is due
    for (Plan plan : plans.values().stream().filter(plan -> plan.assignedTo != null && plan.completeAt != null
        && !plan.completeAt.isAfter(now)).toList()) {
      if (plan.key.equals(SafetyFigures.UNHANDLED_TASK)) {
        followUpUnhandled(plan, openById, now, today, time);
      } else {
        complete(plan, today);
      }
    }
    // take what has been noticed, most urgent first
    List<Plan> waiting = plans.values().stream()
        .filter(plan -> plan.assignedTo == null && !plan.noticeAt.isAfter(now))
        .sorted((a, b) -> a.priority != b.priority ? b.priority - a.priority
            : a.due == null ? 1 : b.due == null ? -1 : a.due.compareTo(b.due))
        .toList();
    for (Plan plan : waiting) {
      Person person = choose(plan, now, today, time);
      if (person != null) {
        claim(plan, person, now);
      }
    }
  }

  private Plan plan(Task task, Instant now) {
    String municipality = task.getTenantId() != null ? task.getTenantId()
        : (String) taskService.getVariable(task.getId(), "municipalityNumber");
    Object required = taskService.getVariableLocal(task.getId(), "requiredCompetences");
    Plan plan = new Plan(task, municipality, required == null ? null : required.toString());
    Instant created = task.getCreateTime().toInstant();
    switch (plan.key) {
      case SafetyFigures.RED_TASK -> {
        long response = plan.due == null ? 30 : Math.max(5, Duration.between(created, plan.due).toMinutes());
        boolean late = random.nextDouble() < rate("lateRed");
        plan.stale = !late && random.nextDouble() < rate("staleRed");
        count(late ? "planned late red" : plan.stale ? "planned stale red" : "planned red");
        plan.noticeAt = created.plus(Duration.ofMinutes(late ? response + 2 + random.nextInt(24)
            : 1 + random.nextInt((int) Math.max(1, response / 2))));
        plan.workMinutes = 3 + random.nextInt((int) Math.max(1, response * 35 / 100 - 2));
        plan.variables = outcome(new double[] {0.25, 0.40, 0.20, 0.15}, 0.5);
      }
      case SafetyFigures.YELLOW_TASK -> {
        double minutes = Math.min(480, Math.exp(Math.log(75) + 0.7 * random.nextGaussian()));
        plan.noticeAt = created.plus(Duration.ofMinutes(Math.round(minutes)));
        plan.workMinutes = 5 + random.nextInt(16);
        plan.variables = outcome(new double[] {0.45, 0.40, 0.15, 0.0}, 0.0);
      }
      case SafetyFigures.UNHANDLED_TASK -> {
        plan.noticeAt = created.plus(Duration.ofMinutes(2 + random.nextInt(9)));
        plan.workMinutes = 2 + random.nextInt(5);
        plan.variables = Map.of("unhandledAction", "Ga avviket til en ledig sykepleier med riktig kompetanse.");
      }
      case "Task_PhoneGp" -> {
        plan.noticeAt = created.plus(Duration.ofMinutes(2 + random.nextInt(15)));
        plan.workMinutes = 5 + random.nextInt(11);
        plan.variables = Map.of("phoneContact", time(now).getHour() >= 8 && time(now).getHour() < 16 ? "FASTLEGE"
            : "LEGEVAKT", "phoneReached", true, "phoneOutcome", "Fikk snakket med legen; avtalt økt dose og ny måling.");
      }
      case "Task_FollowUpGpAnswer" -> {
        plan.noticeAt = created.plus(Duration.ofMinutes(20 + random.nextInt(160)));
        plan.workMinutes = 3 + random.nextInt(8);
        plan.variables = Map.of("gpAnswerFollowUp", "Pasienten informert om legens råd.");
      }
      case "Task_FollowUpAcuteEvent" -> {
        Patient patient = patientOf(task);
        boolean admitted = patient != null && patient.admittedAt != null;
        plan.noticeAt = created.plus(Duration.ofMinutes(60 + random.nextInt(121)));
        plan.workMinutes = 5 + random.nextInt(11);
        plan.variables = Map.of("acuteFollowUpOutcome", admitted ? "ADMITTED" : "AT_HOME", "acuteFollowUpNote",
            admitted ? "Innlagt; oppfølgingen er satt på pause." : "Vurdert av legevakt, er hjemme; måler som før.");
      }
      default -> {
        plan.noticeAt = created.plus(Duration.ofMinutes(30 + random.nextInt(91)));
        plan.workMinutes = 5;
        plan.variables = Map.of("gpReminderOutcome", "PHONED", "gpReminderNote", "Ringte legekontoret.");
      }
    }
    return plan;
  }

  private static LocalTime time(Instant instant) {
    return instant.atZone(OSLO).toLocalTime();
  }

  /** NO_ACTION, CONTACTED, ESCALATE_GP, ACUTE with these weights; {@code urgent}: share of GP contacts by phone. */
  private Map<String, Object> outcome(double[] weights, double urgent) {
    double dice = random.nextDouble();
    Map<String, Object> variables = new HashMap<>();
    if (dice < weights[0]) {
      variables.put("deviationOutcome", "NO_ACTION");
    } else if (dice < weights[0] + weights[1]) {
      variables.put("deviationOutcome", "CONTACTED");
      variables.put("deviationNote", "Ringte pasienten; føler seg bra, ny måling i kveld.");
    } else if (dice < weights[0] + weights[1] + weights[2]) {
      variables.put("deviationOutcome", "ESCALATE_GP");
      variables.put("deviationNote", "Vedvarende avvik; fastlegen bør vurdere medisineringen.");
      boolean phone = random.nextDouble() < urgent;
      variables.put("gpUrgent", phone);
      if (!phone) {
        variables.put("gpQuestion", "Bør vanndrivende økes? Målingene er over grensen i dag.");
      }
    } else {
      variables.put("deviationOutcome", "ACUTE");
      variables.put("deviationNote", "Tung pust og lav metning; legevakt kontaktet.");
      variables.put("acuteService", random.nextDouble() < 0.7 ? "LEGEVAKT" : "AMK_113");
    }
    return variables;
  }

  private Patient patientOf(Task task) {
    Object episode = taskService.getVariable(task.getId(), "episodeId");
    return episode == null ? null : patientsByEpisode.get(episode.toString());
  }

  /** A free person on shift in the task's municipality, of the right role, who believes they may do it. */
  private Person choose(Plan plan, Instant now, LocalDate today, LocalTime time) {
    boolean leaderTask = plan.key.equals(SafetyFigures.UNHANDLED_TASK);
    if (plan.preferred != null) {
      Person preferred = staffById.get(plan.preferred);
      plan.preferred = null;
      if (!preferred.busyUntil.isAfter(now) && preferred.believesQualified(plan.required, today)) {
        return preferred;
      }
    }
    return staff.stream()
        .filter(person -> person.leader == leaderTask && person.shift.covers(time)
            && person.municipalities.contains(plan.municipality) && !person.busyUntil.isAfter(now)
            && !plan.refusedBy.contains(person.id)
            && (person.believesQualified(plan.required, today) || person.inTrainingFor(plan.required, today)))
        .min((a, b) -> a.done - b.done)
        .orElse(null);
  }

  private void claim(Plan plan, Person person, Instant now) {
    LocalDate today = now.atZone(OSLO).toLocalDate();
    try {
      if (!person.believesQualified(plan.required, today)) {
        // a trainee: takes it under a named supervisor, as «Kompetanse og overlevering» lets her
        Actor actor = actor(person);
        TaskWork.TaskView view = taskWork.find(plan.taskId, actor).orElseThrow();
        List<TaskWork.Candidate> supervisors = taskWork.supervisors(view, person.id);
        if (supervisors.isEmpty()) {
          count("trainee found no supervisor");
          plan.refusedBy.add(person.id);
          return;
        }
        as(person, () -> taskWork.takeSupervised(view, actor, supervisors.get(0).userId()));
        count("claims under supervision");
      } else {
        as(person, () -> taskService.claim(plan.taskId, person.id));
      }
      count("claims");
      plan.assignedTo = person.id;
      if (plan.stale) {
        // taken, then called away: the task stays on her name, unassessed
        person.busyUntil = now.plus(Duration.ofMinutes(5 + random.nextInt(6)));
        plan.completeAt = null;
        count("claims left stale");
      } else {
        plan.completeAt = now.plus(Duration.ofMinutes(plan.workMinutes));
        person.busyUntil = plan.completeAt;
      }
    } catch (ProcessEngineException | TaskWork.Refusal e) {
      refusedOrFailed(plan, person, e, "claim");
    }
  }

  private void complete(Plan plan, LocalDate today) {
    Person person = staffById.get(plan.assignedTo);
    Object required = taskService.getVariableLocal(plan.taskId, "requiredCompetences");
    Object episode = taskService.getVariable(plan.taskId, "episodeId");
    try {
      as(person, () -> taskService.complete(plan.taskId, plan.variables));
      count("completions");
      person.done++;
      plans.remove(plan.taskId);
      if (required != null && !required.toString().isBlank()) {
        completions.add(new SafetyFigures.Completion(plan.taskId, person.id, required.toString(),
            person.qualified(required.toString(), today)));
      }
      if ("ACUTE".equals(plan.variables.get("deviationOutcome")) && random.nextDouble() < 0.5) {
        Patient patient = episode == null ? null : patientsByEpisode.get(episode.toString());
        if (patient != null && patient.admittedAt == null) {
          patient.admittedAt = clock.instant().plus(Duration.ofMinutes(60 + random.nextInt(61)));
          admissions.computeIfAbsent(patient.admittedAt,
              at -> new ArrayList<>()).add(patient);
        }
      }
    } catch (ProcessEngineException e) {
      refusedOrFailed(plan, person, e, "complete");
      if (isRefusal(e)) {
        // she hands it back: someone qualified takes it
        try {
          as(person, () -> taskService.setAssignee(plan.taskId, null));
        } catch (ProcessEngineException again) {
          count("hand-back failures");
        }
        plan.assignedTo = null;
        plan.completeAt = null;
      }
    }
  }

  /**
   * The team leader's task: if the nurse task is still open and nobody is actually on it (not taken,
   * or taken and left), give it to a qualified nurse on shift, then complete the follow-up task.
   */
  private void followUpUnhandled(Plan plan, Map<String, Task> openById, Instant now, LocalDate today, LocalTime time) {
    Person leader = staffById.get(plan.assignedTo);
    Plan nurseTask = plans.values().stream().filter(other -> other.processInstanceId != null
            && other.processInstanceId.equals(plan.processInstanceId)
            && (other.key.equals(SafetyFigures.RED_TASK) || other.key.equals(SafetyFigures.YELLOW_TASK)))
        .findFirst().orElse(null);
    if (nurseTask != null && (nurseTask.assignedTo == null || nurseTask.completeAt == null)) {
      List<Person> onShift = staff.stream()
          .filter(person -> !person.leader && person.shift.covers(time)
              && person.municipalities.contains(nurseTask.municipality) && !person.id.equals(nurseTask.assignedTo))
          .sorted((a, b) -> a.busyUntil.compareTo(b.busyUntil)).toList();
      Person qualified = onShift.stream().filter(person -> !nurseTask.refusedBy.contains(person.id)
          && person.qualified(nurseTask.required, today)).findFirst().orElse(null);
      // nobody qualified on shift: the leader overrides for the nurse on shift who comes closest, with a reason
      Person nurse = qualified != null ? qualified : onShift.stream().findFirst().orElse(null);
      if (nurse == null) {
        plan.completeAt = now.plus(Duration.ofMinutes(1));
        count("team leader found no nurse this minute");
        return;
      }
      try {
        Actor leaderActor = actor(leader);
        TaskWork.TaskView view = taskWork.find(nurseTask.taskId, leaderActor).orElseThrow();
        if (qualified != null) {
          as(leader, () -> taskWork.assign(view, leaderActor, nurse.id));
          count("reassigned by team leader");
        } else {
          as(leader, () -> taskWork.override(view, leaderActor, nurse.id, "Ingen med kompetansen er på vakt nå;"
              + " " + nurse.name + " vurderer, og ringer legevakt ved tvil."));
          count("overridden by team leader");
        }
        nurseTask.assignedTo = nurse.id;
        nurseTask.stale = false;
        Instant start = nurse.busyUntil.isAfter(now) ? nurse.busyUntil : now;
        nurseTask.completeAt = start.plus(Duration.ofMinutes(3 + random.nextInt(6)));
        nurse.busyUntil = nurseTask.completeAt;
        nurseTask.noticeAt = now;
      } catch (ProcessEngineException | TaskWork.Refusal e) {
        refusedOrFailed(nurseTask, nurse, e, "reassign");
        plan.completeAt = now.plus(Duration.ofMinutes(1));
        return;
      }
    }
    complete(plan, today);
  }

  private void refusedOrFailed(Plan plan, Person person, RuntimeException e, String what) {
    if (isRefusal(e)) {
      count("refusals");
      count("refusals on " + what);
      plan.refusedBy.add(person.id);
    } else {
      count("failed " + what + " (" + e.getClass().getSimpleName() + ")");
      if (counters.get("failed " + what + " (" + e.getClass().getSimpleName() + ")") <= 3) {
        System.out.println("  " + what + " of " + plan.key + " by " + person.id + " failed: " + e.getMessage());
      }
    }
    person.busyUntil = clock.instant();
  }

  /** The register said no: in the engine (claim, assignment, completion) or in «Kompetanse og overlevering». */
  private static boolean isRefusal(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CompetenceRefused || cause instanceof TaskWork.Refusal) {
        return true;
      }
    }
    return false;
  }

  private static Actor actor(Person person) {
    return new Actor(person.id, person.name, Set.copyOf(person.groups()));
  }

  /** Acts as the person: the engine's authenticated user (authorizations, tenants) and Carepath's Actor. */
  private void as(Person person, Runnable action) {
    Instant now = clock.instant();
    Jwt jwt = Jwt.withTokenValue("simulated-" + person.id).header("alg", "none").subject(person.id)
        .claim("preferred_username", person.id).claim("name", person.name).claim("groups", person.groups())
        .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).build();
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of(), person.id));
    identity.setAuthentication(person.id, person.groups(), person.municipalities);
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
      SecurityContextHolder.clearContext();
    }
  }

  // ---- waiting for the platform ----

  /** Until every deviation is signalled to the engine and no job is due at the simulated time. */
  private void awaitQuiet(Duration timeout) throws Exception {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (true) {
      long unsignalled = longScalar("select count(*) from followup_deviation where status = 'OPEN'"
          + " and signalled_colour is distinct from colour");
      long jobs = management.createJobQuery().executable().count();
      if (unsignalled == 0 && jobs == 0) {
        break;
      }
      if (System.nanoTime() > deadline) {
        waitTimeouts++;
        System.out.println("  gave up waiting at " + clock.instant() + ": " + unsignalled + " unsignalled deviations, "
            + jobs + " due jobs");
        break;
      }
      Thread.sleep(10);
    }
    maxWaitMillis = Math.max(maxWaitMillis, (System.nanoTime() - started) / 1_000_000);
  }

  private long countOpenTasks() {
    return taskService.createTaskQuery().active().count();
  }

  private Map<String, Long> openTasksByKey() {
    return taskService.createTaskQuery().active().list().stream()
        .collect(Collectors.groupingBy(Task::getTaskDefinitionKey, TreeMap::new, Collectors.counting()));
  }

  // ---- helpers ----

  private void count(String what) {
    counters.merge(what, 1, Integer::sum);
  }

  private String scalar(String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  private long longScalar(String sql) throws Exception {
    return Long.parseLong(scalar(sql));
  }

  private static String seconds(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e9);
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

}
