package io.vigil.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar (see {@link #packagedJar()}) running as a process of its own, configured only
 * through {@code VIGIL_*} environment variables, as an operator runs it. Unlike a server started
 * inside the test JVM, it can be killed for real: {@link #kill()} leaves it no chance to flush,
 * close or roll back anything.
 */
public final class ServerProcess {
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The jar {@code mvn package} built. */
  public static Path packagedJar() {
    Path jar = Path.of("target", "vigil.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run 'mvn package' first.");
    }
    return jar;
  }

  /**
   * Starts {@code jar} on a free port with exactly the given {@code VIGIL_*} variables (any
   * inherited from the environment are dropped, so the developer's own settings never leak in), its
   * output going to {@code log}, and waits until {@code /actuator/health} answers 200. The system
   * property {@code server.java.options} adds JVM options, e.g. for a benchmark to record a flight
   * recording of the server.
   */
  public static ServerProcess start(Path jar, Path workDir, Map<String, String> vigilEnv, Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String options = System.getProperty("server.java.options", "").trim();
    if (!options.isEmpty()) {
      command.addAll(List.of(options.split("\\s+")));
    }
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_"));
    builder.environment().putAll(vigilEnv);
    builder.environment().put("VIGIL_PORT", String.valueOf(port));
    ServerProcess server = new ServerProcess(builder.start(), port, log);
    server.awaitHealthy(Duration.ofSeconds(90));
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException {
    Api anonymous = new Api(baseUrl(), null, null);
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The server exited with " + process.exitValue() + " while starting:\n" + log());
      }
      try {
        if (anonymous.send("GET", "/actuator/health", null, Map.of()).status() == 200) {
          return;
        }
      } catch (IllegalStateException notListeningYet) {
        // keep waiting
      }
      Thread.sleep(250);
    }
    stop();
    throw new IllegalStateException(
        "The server did not become healthy within " + timeout + ":\n" + log());
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public Api api(String user, String password) {
    return new Api(baseUrl(), user, password);
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Kills the process at once — SIGKILL on Linux, as the OOM killer or {@code kill -9} would — and
   * returns its exit code once it is gone (137, that is 128 + 9, after a SIGKILL).
   */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Process " + pid() + " survived a forcible kill");
    }
    return process.exitValue();
  }

  /** Stops the process politely if it is still running, then forcibly if it lingers. */
  public void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /** Everything the process wrote to stdout and stderr so far. */
  public String log() {
    try {
      // Lenient decoding: a log cut off mid-character by a kill must still be readable.
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
