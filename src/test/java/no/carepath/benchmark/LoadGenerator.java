package no.carepath.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.Referrals;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP load of the S1, S5 and S6 benchmarks, in a JVM of its own so that the server's figures are not shared
 * with the load's threads, allocation and JIT. {@link PathwayBenchmark} starts it once per run (same
 * class path, {@code java} of the same JDK) and sends it one command per line on standard input; it
 * answers each with one line {@code result key=value ...} on standard output. Latencies are recorded
 * in an HdrHistogram, in microseconds.
 *
 * <ul>
 *   <li>{@code token <bearer>}: the monitoring platform's token for what follows.</li>
 *   <li>{@code batch <bundles> <clients>}: closed loop, batch Bundles of 100 Observations.</li>
 *   <li>{@code single <count> <clients>}: closed loop, single Observation POSTs (the maximum probe).</li>
 *   <li>{@code open <perSecond> <seconds>}: open loop, single POSTs at a fixed arrival rate; each
 *       latency from the request's intended send time, so a server that falls behind is charged for
 *       the waiting (no coordinated omission). At most 2,000 requests in flight; beyond that the
 *       sender waits, and the waiting still counts.</li>
 *   <li>{@code intake <count> <clients>}: closed loop, applications to {@code POST /api/intake/applications}
 *       (the S5 benchmark, {@link EngineBenchmark}; a new synthetic patient each).</li>
 *   <li>{@code complete <tasks file> <body file> <clients>}: closed loop, {@code POST
 *       /engine-rest/task/{id}/complete} of each task id in the file (one per line) with the body in the other
 *       file (the S6 benchmark).</li>
 *   <li>{@code quit}.</li>
 * </ul>
 *
 * <p>Arguments: the server's base URL and a file with one national ID number per line (the enrolled
 * patients). Each result also has the generator's own CPU time during the command ({@code cpuMs}),
 * so the load's cost on the shared cores is visible beside the server's.
 *
 * <p>HTTP/1.1 with Apache HttpClient 5 (classic, blocking), each request on one of {@value #CONNECTIONS} sender
 * threads with a kept-alive connection of its own; a request whose intended send time comes while all senders
 * are busy waits for one, and that waiting counts. Until 2026-12-05 the load went through the JDK's
 * {@code java.net.http.HttpClient}, which took about 0.5 ms of CPU per single POST: a quarter of the two shared
 * cores at 1,000 requests/s, taken from the server being measured.
 */
public final class LoadGenerator {

  private static final DateTimeFormatter FHIR_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final int MAX_IN_FLIGHT = 2000;
  /** Sender threads and kept-alive connections (the server's Tomcat has 200 request threads). */
  private static final int CONNECTIONS = 256;
  private static final String FHIR_JSON = "application/fhir+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final List<String> patients;
  private final CloseableHttpClient http = HttpClients.custom()
      .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
          .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
          .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
              .setSocketTimeout(Timeout.ofSeconds(120)).build())
          .build())
      .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(120)).build())
      .disableCookieManagement().disableRedirectHandling().disableAutomaticRetries().disableContentCompression()
      .disableAuthCaching().disableConnectionState().build();
  private final ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
  private String token = "";

  private LoadGenerator(String baseUrl, List<String> patients) {
    this.baseUrl = baseUrl;
    this.patients = patients;
  }

  public static void main(String[] args) throws Exception {
    LoadGenerator generator = new LoadGenerator(args[0], Files.readAllLines(Path.of(args[1])));
    PrintStream out = System.out;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !"quit".equals(line.strip()); line = in.readLine()) {
      String[] words = line.strip().split(" ");
      try {
        String result = generator.command(words);
        out.println("result " + result);
      } catch (Exception e) {
        out.println("result failed=" + String.valueOf(e).replace(' ', '_').replace('\n', '_'));
      }
      out.flush();
    }
    System.exit(0);
  }

  private String command(String[] words) throws Exception {
    long cpu = cpuNanos();
    long started = System.nanoTime();
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    int readings;
    String unit = "readings";
    switch (words[0]) {
      case "token" -> {
        token = words[1];
        return "ok=true";
      }
      case "batch" -> {
        int bundles = Integer.parseInt(words[1]);
        closedLoop(bundles, Integer.parseInt(words[2]), () -> post("/fhir", bundle(), FHIR_JSON, true), histogram, errors, firstError);
        readings = bundles * 100;
      }
      case "single" -> {
        readings = Integer.parseInt(words[1]);
        closedLoop(readings, Integer.parseInt(words[2]), () -> post("/fhir/Observation",
            observation(randomPatient(), value()), FHIR_JSON, false), histogram, errors, firstError);
      }
      case "open" -> {
        readings = openLoop(Integer.parseInt(words[1]), Integer.parseInt(words[2]), histogram, errors, firstError);
      }
      case "intake" -> {
        readings = Integer.parseInt(words[1]);
        unit = "requests";
        closedLoop(readings, Integer.parseInt(words[2]), () -> post("/api/intake/applications",
            application(), "application/json", false), histogram, errors, firstError);
      }
      case "complete" -> {
        List<String> tasks = Files.readAllLines(Path.of(words[1])).stream().filter(line -> !line.isBlank()).toList();
        String body = Files.readString(Path.of(words[2]));
        AtomicInteger next = new AtomicInteger();
        readings = tasks.size();
        unit = "requests";
        closedLoop(readings, Integer.parseInt(words[3]), () -> post("/engine-rest/task/" + tasks.get(next.getAndIncrement())
            + "/complete", body, "application/json", false), histogram, errors, firstError);
      }
      default -> throw new IllegalArgumentException("unknown command " + words[0]);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return String.format(Locale.ROOT, unit + "=%d seconds=%.3f rate=%.1f p50=%d p95=%d p99=%d max=%d errors=%d cpuMs=%d%s",
        readings, seconds, readings / seconds, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(95),
        histogram.getValueAtPercentile(99), histogram.getMaxValue(), errors.get(), (cpuNanos() - cpu) / 1_000_000,
        firstError.get() == null ? "" : " firstError=" + firstError.get().replaceAll("\\s+", "_"));
  }

  /** A response's status and body. */
  private record Answer(int statusCode, String body) {
  }

  private interface Call {
    CompletableFuture<Answer> send();
  }

  private void closedLoop(int count, int clients, Call call, Histogram histogram, AtomicInteger errors,
      AtomicReference<String> firstError) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          long sent = System.nanoTime();
          Answer response = call.send().get();
          long micros = (System.nanoTime() - sent) / 1000;
          synchronized (histogram) {
            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
          }
          if (response.statusCode() >= 300) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, response.statusCode() + ":" + response.body());
          }
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
  }

  private int openLoop(int perSecond, int seconds, Histogram histogram, AtomicInteger errors,
      AtomicReference<String> firstError) throws Exception {
    int total = perSecond * seconds;
    Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(5), 3);
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    List<CompletableFuture<?>> all = new ArrayList<>(total);
    long start = System.nanoTime() + 20_000_000L;
    double interval = 1e9 / perSecond;
    for (int i = 0; i < total; i++) {
      long intended = start + (long) (i * interval);
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.acquire();
      all.add(post("/fhir/Observation", observation(randomPatient(), value()), FHIR_JSON, false).handle((response, failure) -> {
        inFlight.release();
        long micros = (System.nanoTime() - intended) / 1000;
        recorder.recordValue(Math.min(micros, TimeUnit.MINUTES.toMicros(5)));
        if (failure != null || response.statusCode() >= 300) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, failure != null ? String.valueOf(failure)
              : response.statusCode() + ":" + response.body());
        }
        return null;
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    histogram.add(recorder.getIntervalHistogram());
    return total;
  }

  private CompletableFuture<Answer> post(String path, String body, String contentType, boolean minimal) {
    HttpPost request = new HttpPost(baseUrl + path);
    request.setHeader("Authorization", "Bearer " + token);
    if (minimal) {
      request.setHeader("Prefer", "return=minimal");
    }
    request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.parse(contentType)));
    return CompletableFuture.supplyAsync(() -> {
      try {
        return http.execute(request, response -> new Answer(response.getCode(),
            response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, senders);
  }

  private String bundle() {
    StringBuilder entries = new StringBuilder();
    for (int n = 0; n < 100; n++) {
      entries.append(n == 0 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID())
          .append("\",\"resource\":").append(observation(randomPatient(), value()))
          .append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
    }
    return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}";
  }

  /** A valid application from a new synthetic patient, as the intake tests send it. */
  private static String application() {
    try {
      return JSON.writeValueAsString(Referrals.application());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String randomPatient() {
    return patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
  }

  /** 95 % green, 4 % yellow, 1 % red SpO2 (as {@link PathwayBenchmark}). */
  static double value() {
    double dice = ThreadLocalRandom.current().nextDouble();
    return dice < 0.01 ? 86 : dice < 0.05 ? 91 : 94 + ThreadLocalRandom.current().nextInt(4);
  }

  static String observation(String nationalId, double value) {
    return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"identifier\":[{\"system\":\"urn:bench\",\"value\":\""
        + UUID.randomUUID() + "\"}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}]},"
        + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + nationalId + "\"}},"
        + "\"effectiveDateTime\":\"" + FHIR_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
        .minusSeconds(5)) + "\",\"valueQuantity\":{\"value\":" + value
        + ",\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}";
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
