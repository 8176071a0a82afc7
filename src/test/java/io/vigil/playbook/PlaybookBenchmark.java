package io.vigil.playbook;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import io.vigil.support.FakeService;
import io.vigil.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Throughput and latency of the seed's playbook (add a task, get the accounts, confirm each as
 * compromised, complete the task) run by an automation rule on every new incident, against the
 * packaged jar, with a zero-latency identity endpoint in this process. For each worker count (the
 * runs executing at once, {@code VIGIL_PLAYBOOK_WORKERS}) it creates incidents from 16 clients and
 * measures runs per second from the first creation to the last run's end, and for each incident the
 * time from its creation to its task's completion. Run by {@code bench/playbooks.sh}; see
 * docs/benchmarks.md. Not a test: it only reports, and fails only if a run went wrong.
 */
public final class PlaybookBenchmark {
  private static final int CLIENTS = 16;

  private PlaybookBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(System.getProperty("runs", "400"));
    int warmup = Integer.parseInt(System.getProperty("warmup", "100"));
    List<Integer> workers = new ArrayList<>();
    for (String w : System.getProperty("workers", "1,16").split(",")) {
      workers.add(Integer.parseInt(w.trim()));
    }
    String database = System.getProperty("db.url", "");
    System.out.printf(
        "database: %s, runs: %d after %d warm-up runs, %d clients%n",
        database.isEmpty() ? "embedded" : database, runs, warmup, CLIENTS);
    for (int count : workers) {
      measure(count, runs, warmup, database);
    }
  }

  private static void measure(int workers, int runs, int warmup, String database) throws Exception {
    Path home = Files.createTempDirectory("vigil-bench-playbooks");
    Path jar = Files.copy(ServerProcess.packagedJar(), home.resolve("vigil.jar"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VIGIL_ADMIN_USER", ApiTest.ADMIN);
    env.put("VIGIL_ADMIN_PASSWORD", ApiTest.ADMIN_PASSWORD);
    env.put("VIGIL_PLAYBOOK_ALLOWED_HOSTS", "127.0.0.1");
    env.put("VIGIL_SECRET_KEY", ApiTest.SECRET_KEY);
    env.put("VIGIL_PLAYBOOK_WORKERS", String.valueOf(workers));
    if (!database.isEmpty()) {
      env.put("VIGIL_DB_URL", database);
      env.put("VIGIL_DB_USER", System.getProperty("db.user", "postgres"));
    }
    ServerProcess server = ServerProcess.start(jar, home, env, home.resolve("server.log"));
    try (FakeService graph = new FakeService()) {
      Api api = server.api(ApiTest.ADMIN, ApiTest.ADMIN_PASSWORD);
      // API tokens: checking a password with BCrypt on every request would dominate.
      String token =
          api.post("/api/tokens", "{\"description\":\"bench\"}").json().path("token").asString();
      Api client = new Api(server.baseUrl(), ApiTest.ADMIN, token);
      String resourceGroup = "bench-" + workers + "-" + System.nanoTime();
      String ws =
          Playbooks.scope(resourceGroup)
              + "/providers/Microsoft.OperationalInsights/workspaces/bench";
      check(client.put(ws, "{}"), 201);
      ws += "/providers/Microsoft.SecurityInsights";
      Playbooks.identityConnection(client, resourceGroup, graph.url());
      Playbooks.put(
          client,
          resourceGroup,
          "Reset",
          Playbooks.body(resourceGroup, Playbooks.INCIDENT_TRIGGER, PlaybookIT.SEED_ACTIONS));
      check(
          client.put(
              ws + "/automationRules/run",
              """
              {"properties":{"displayName":"Reset passwords","order":1,
                "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
                "actions":[{"order":1,"actionType":"RunPlaybook","actionConfiguration":{"logicAppResourceId":"%s"}}]}}"""
                  .formatted(Playbooks.workflow(resourceGroup, "Reset"))),
          201);

      create(client, ws, "w", warmup);
      awaitRuns(client, Playbooks.workflow(resourceGroup, "Reset"), warmup);
      Instant start = Instant.now();
      create(client, ws, "m", runs);
      Instant end = awaitRuns(client, Playbooks.workflow(resourceGroup, "Reset"), warmup + runs);
      double seconds = Duration.between(start, end).toNanos() / 1e9;

      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        JsonNode incident = client.get(ws + "/incidents/m" + i).json().path("properties");
        JsonNode tasks = client.get(ws + "/incidents/m" + i + "/tasks").json().path("value");
        if (tasks.size() != 1
            || !tasks.get(0).path("properties").path("status").asString().equals("Completed")) {
          throw new IllegalStateException("incident m" + i + " has tasks " + tasks);
        }
        latencies.add(
            Duration.between(
                    Instant.parse(incident.path("createdTimeUtc").asString()),
                    Instant.parse(
                        tasks.get(0).path("properties").path("completedTimeUtc").asString()))
                .toMillis());
      }
      if (graph.requests().size() != 2 * (warmup + runs)) {
        throw new IllegalStateException(
            "expected " + 2 * (warmup + runs) + " identity calls, got " + graph.requests().size());
      }
      if (Boolean.getBoolean("timeline")) {
        timeline(client, Playbooks.workflow(resourceGroup, "Reset"));
      }
      Collections.sort(latencies);
      System.out.printf(
          "workers %2d: %6.1f runs/s; creation to task completed p50 %d ms, p99 %d ms%n",
          workers,
          runs / seconds,
          latencies.get(latencies.size() / 2),
          latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
    } finally {
      server.stop();
    }
  }

  /** Prints when each action of the newest run started and how long it took. */
  private static void timeline(Api api, String workflow) {
    JsonNode run = api.get(workflow + "/runs?$top=1").json().path("value").get(0);
    Instant start = Instant.parse(run.path("properties").path("startTime").asString());
    System.out.println(
        "  newest run: "
            + run.path("properties").path("startTime").asString()
            + " → "
            + run.path("properties").path("endTime").asString());
    for (JsonNode action :
        api.get(workflow + "/runs/" + run.path("name").asString() + "/actions")
            .json()
            .path("value")) {
      JsonNode p = action.path("properties");
      if (p.has("endTime")) {
        Instant s = Instant.parse(p.path("startTime").asString());
        System.out.printf(
            "    %-40s +%5d ms  %5d ms%n",
            action.path("name").asString(),
            Duration.between(start, s).toMillis(),
            Duration.between(s, Instant.parse(p.path("endTime").asString())).toMillis());
      }
    }
  }

  private static void create(Api api, String ws, String prefix, int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = prefix + i;
        done.add(
            clients.submit(
                () ->
                    check(
                        api.put(
                            ws + "/incidents/" + id,
                            "{\"properties\":{\"title\":\"Risky sign-in\",\"severity\":\"High\","
                                + "\"status\":\"New\","
                                + PlaybookIT.ACCOUNTS
                                + "}}"),
                        201)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      clients.shutdown();
    }
  }

  /** Waits until {@code count} runs have finished; answers when the last one ended. */
  private static Instant awaitRuns(Api api, String workflow, int count) throws Exception {
    while (true) {
      int finished = 0;
      Instant last = Instant.EPOCH;
      String next = workflow + "/runs?$top=1000";
      while (next != null) {
        JsonNode page = api.get(next).json();
        for (JsonNode run : page.path("value")) {
          String status = run.path("properties").path("status").asString();
          if (status.equals("Succeeded")) {
            finished++;
            Instant ended = Instant.parse(run.path("properties").path("endTime").asString());
            last = ended.isAfter(last) ? ended : last;
          } else if (!status.equals("Running") && !status.equals("Waiting")) {
            throw new IllegalStateException("a run ended " + status + ": " + run);
          }
        }
        String link = page.path("nextLink").asString(null);
        next = link == null ? null : link.substring(link.indexOf("/subscriptions/"));
      }
      if (finished >= count) {
        return last;
      }
      Thread.sleep(200);
    }
  }

  private static Api.Response check(Api.Response response, int status) {
    if (response.status() != status) {
      throw new IllegalStateException("expected " + status + ": " + response);
    }
    return response;
  }
}
