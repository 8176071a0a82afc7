package io.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar as an operator would, with no configuration but a free port, in an empty
 * directory: it must come up on the embedded database, print the generated administrator password
 * once, answer health, and serve the API.
 */
class DistributionIT {
  private static final Pattern PASSWORD =
      Pattern.compile("administrator 'admin' with the generated password: (\\S+)");

  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void thePackagedJarStartsWithDefaultsAndServesTheApi() throws Exception {
    Path jar = Path.of("target", "vigil.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path home = Files.createTempDirectory("vigil-distribution");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .directory(home.toFile())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_"));
    builder.environment().put("VIGIL_PORT", String.valueOf(port));
    process = builder.start();

    StringBuilder output = new StringBuilder();
    CompletableFuture<String> password = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.append(line).append('\n');
                  Matcher matcher = PASSWORD.matcher(line);
                  if (matcher.find()) {
                    password.complete(matcher.group(1));
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();

    Api api = new Api("http://localhost:" + port, null, null);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    Api.Response health = null;
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        health = api.send("GET", "/actuator/health", null, Map.of());
        if (health.status() == 200) {
          break;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    assertThat(health).as(output.toString()).isNotNull();
    assertThat(health.status()).as(output.toString()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
    assertThat(output.toString()).contains("Database: embedded H2");
    assertThat(home.resolve("data")).isDirectory();

    String generated = password.get(30, TimeUnit.SECONDS);
    Api admin = api.as("admin", generated);
    String incidents =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/default/providers"
            + "/Microsoft.OperationalInsights/workspaces/default/providers"
            + "/Microsoft.SecurityInsights/incidents";
    Api.Response created =
        admin.put(
            incidents + "/first",
            "{\"properties\":{\"title\":\"First\",\"severity\":\"Low\",\"status\":\"New\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(admin.get(incidents).json().path("value")).hasSize(1);
    assertThat(api.get(incidents).status()).isEqualTo(401);
    // The password is printed once and never logged again.
    assertThat(output.toString().split(Pattern.quote(generated), -1)).hasSize(2);
  }
}
