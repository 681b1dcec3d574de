package no.carepath.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@link LoadGenerator} in a JVM of its own, driven one command per line (PathwayBenchmark, ClusterBenchmark). */
final class Generator implements AutoCloseable {

  private final Process process;
  private final java.io.BufferedWriter in;
  private final java.io.BufferedReader out;

  private Generator(Process process) {
    this.process = process;
    this.in = process.outputWriter(StandardCharsets.UTF_8);
    this.out = process.inputReader(StandardCharsets.UTF_8);
  }

  static Generator start(String baseUrl, List<String> nationalIds, String jvmArgs) throws IOException {
    Path patients = Files.createTempFile("carepath-load-patients", ".txt");
    patients.toFile().deleteOnExit();
    Files.write(patients, nationalIds);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.stream(jvmArgs.split(" ")).filter(arg -> !arg.isBlank()).toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(), baseUrl,
        patients.toString()));
    return new Generator(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  long pid() {
    return process.pid();
  }

  /** Sends one command and waits for its result; a failed request or command fails the benchmark. */
  Map<String, String> call(String command) throws IOException {
    in.write(command);
    in.newLine();
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith("result ")) {
      throw new IllegalStateException("load generator ended or answered «" + line + "» to " + command.split(" ")[0]);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : line.substring("result ".length()).split(" ")) {
      String[] keyValue = pair.split("=", 2);
      result.put(keyValue[0], keyValue[1]);
    }
    if (result.containsKey("failed") || !"0".equals(result.getOrDefault("errors", "0"))) {
      throw new IllegalStateException("load generator: " + line);
    }
    return result;
  }

  @Override
  public void close() {
    try {
      in.write("quit");
      in.newLine();
      in.flush();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (IOException | InterruptedException e) {
      process.destroy();
    }
  }
}
