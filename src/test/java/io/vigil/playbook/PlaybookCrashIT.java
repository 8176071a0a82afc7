package io.vigil.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import io.vigil.support.FakeService;
import io.vigil.support.ServerProcess;
import io.vigil.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A run survives a SIGKILL of the server: after a restart it resumes where it was, and nothing it
 * had already done happens again — the task is added once and each account confirmed once. Runs on
 * the embedded database and on PostgreSQL, against the packaged jar.
 */
class PlaybookCrashIT {
  private final List<ServerProcess> servers = new ArrayList<>();
  private Path home;

  @AfterEach
  void stopServersAndRemoveData() throws Exception {
    for (ServerProcess server : servers) {
      server.stop();
    }
    if (home != null) {
      try (Stream<Path> files = Files.walk(home)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private ServerProcess start(Path jar, String name) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VIGIL_ADMIN_USER", ApiTest.ADMIN);
    env.put("VIGIL_ADMIN_PASSWORD", ApiTest.ADMIN_PASSWORD);
    env.put("VIGIL_PLAYBOOK_ALLOWED_HOSTS", "127.0.0.1");
    env.put("VIGIL_SECRET_KEY", ApiTest.SECRET_KEY);
    // A short lease, so that the restarted server takes the dead one's run over quickly.
    env.put("VIGIL_PLAYBOOKS_LEASE", "PT2S");
    env.put("VIGIL_PLAYBOOKS_POLL_INTERVAL", "PT0.2S");
    if (TestDatabase.isPostgres()) {
      env.put("VIGIL_DB_URL", TestDatabase.url());
      env.put("VIGIL_DB_USER", TestDatabase.user());
    }
    ServerProcess server = ServerProcess.start(jar, home, env, home.resolve(name + ".log"));
    servers.add(server);
    return server;
  }

  @Test
  void aRunKilledMidwayResumesAfterRestartWithoutRepeatingItsEffects() throws Exception {
    home = Files.createTempDirectory("vigil-playbook-crash");
    Path jar = Files.copy(ServerProcess.packagedJar(), home.resolve("vigil.jar"));
    ServerProcess first = start(jar, "first");
    Api api = first.api(ApiTest.ADMIN, ApiTest.ADMIN_PASSWORD);
    String resourceGroup = "rg-" + UUID.randomUUID().toString().substring(0, 8);
    String workspace =
        Playbooks.scope(resourceGroup)
            + "/providers/Microsoft.OperationalInsights/workspaces/crash";
    assertThat(api.put(workspace, "{}").status()).isEqualTo(201);
    String ws = workspace + "/providers/Microsoft.SecurityInsights";

    try (FakeService graph = new FakeService()) {
      Playbooks.identityConnection(api, resourceGroup, graph.url());
      String actions =
          PlaybookIT.SEED_ACTIONS
              .replace(
                  "\"Mark_a_task_as_completed\":{\"type\":\"ApiConnection\",\"runAfter\":{\"For_each\":[\"Succeeded\"]}",
                  "\"Pause\":{\"type\":\"Wait\",\"runAfter\":{\"For_each\":[\"Succeeded\"]},"
                      + "\"inputs\":{\"interval\":{\"count\":4,\"unit\":\"Second\"}}},"
                      + "\"Mark_a_task_as_completed\":{\"type\":\"ApiConnection\",\"runAfter\":{\"Pause\":[\"Succeeded\"]}")
              .replace(
                  "\"type\":\"Foreach\",",
                  "\"type\":\"Foreach\",\"runtimeConfiguration\":{\"concurrency\":{\"repetitions\":1}},");
      assertThat(actions).contains("Pause");
      Playbooks.put(
          api,
          resourceGroup,
          "Reset",
          Playbooks.body(resourceGroup, Playbooks.INCIDENT_TRIGGER, actions));
      Api.Response incident =
          api.put(
              ws + "/incidents/i1",
              "{\"properties\":{\"title\":\"Risky\",\"severity\":\"High\",\"status\":\"New\","
                  + PlaybookIT.ACCOUNTS
                  + "}}");
      assertThat(incident.status()).as(incident.body()).isEqualTo(201);
      Api.Response started =
          api.post(
              ws + "/incidents/i1/runPlaybook",
              "{\"logicAppsResourceId\":\"" + Playbooks.workflow(resourceGroup, "Reset") + "\"}");
      assertThat(started.status()).as(started.body()).isEqualTo(204);
      String run = started.header("Location");

      // Kill it while the run waits between confirming the accounts and completing the task.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!"Running".equals(Playbooks.statusOf(Playbooks.actions(api, run), "Pause"))) {
        assertThat(Instant.now()).as("the run reaches its pause").isBefore(deadline);
        Playbooks.sleep(50);
      }
      assertThat(graph.requests()).hasSize(2);
      first.kill();

      ServerProcess second = start(jar, "second");
      Api after = second.api(ApiTest.ADMIN, ApiTest.ADMIN_PASSWORD);
      JsonNode finished = Playbooks.finished(after, run);
      assertThat(finished.path("properties").path("status").asString())
          .as(finished.toString())
          .isEqualTo("Succeeded");

      assertThat(graph.requests()).as("each account confirmed once").hasSize(2);
      JsonNode tasks = after.get(ws + "/incidents/i1/tasks").json().path("value");
      assertThat(tasks).as("the task added once").hasSize(1);
      assertThat(tasks.get(0).path("properties").path("status").asString()).isEqualTo("Completed");
      JsonNode steps = Playbooks.actions(after, run);
      assertThat(Playbooks.statusOf(steps, "Mark_a_task_as_completed")).isEqualTo("Succeeded");
    }
  }
}
