package io.vigil.playbook;

import io.vigil.support.Api;
import io.vigil.support.BenchServer;
import io.vigil.support.FakeService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * runs executing at once, {@code VIGIL_PLAYBOOK_WORKERS}) it measures twice:
 *
 * <ul>
 *   <li><b>backlog</b>: incidents are created while the server runs no playbooks ({@code
 *       VIGIL_PLAYBOOK_WORKERS=0}), so their runs queue; the server is then started again with the
 *       workers, which work through the queue. Runs per second = measured runs ÷ (last end − first
 *       measured start), from the runs' own times, after {@code warmup} runs;
 *   <li><b>arriving</b>: 16 clients create incidents while the workers run: runs per second from
 *       the first creation to the last run's end, and for each incident the time from its creation
 *       to its task's completion.
 * </ul>
 *
 * Run by {@code bench/playbooks.sh}; see docs/benchmarks.md. Not a test: it only reports, and fails
 * only if a run went wrong.
 */
public final class PlaybookBenchmark {
  private static final int CLIENTS = 16;

  private PlaybookBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(System.getProperty("runs", "1000"));
    int warmup = Integer.parseInt(System.getProperty("warmup", "500"));
    List<Integer> workers = new ArrayList<>();
    for (String w : System.getProperty("workers", "1,16").split(",")) {
      workers.add(Integer.parseInt(w.trim()));
    }
    String database = BenchServer.database();
    System.out.printf(
        "database: %s, runs: %d after %d warm-up runs, %d clients%n",
        database.isEmpty() ? "embedded" : database, runs, warmup, CLIENTS);
    for (int count : workers) {
      measure(count, runs, warmup);
    }
  }

  private static void measure(int workers, int runs, int warmup) throws Exception {
    try (FakeService graph = new FakeService();
        AutoCloseable autovacuum = BenchServer.keepMaintained();
        BenchServer server =
            BenchServer.start(
                "playbooks",
                Map.of(
                    "VIGIL_PLAYBOOK_ALLOWED_HOSTS", "127.0.0.1", "VIGIL_PLAYBOOK_WORKERS", "0"))) {
      Api client = server.api();
      String resourceGroup = "bench-" + workers;
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
      String workflow = Playbooks.workflow(resourceGroup, "Reset");
      check(
          client.put(
              ws + "/automationRules/run",
              """
              {"properties":{"displayName":"Reset passwords","order":1,
                "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
                "actions":[{"order":1,"actionType":"RunPlaybook","actionConfiguration":{"logicAppResourceId":"%s"}}]}}"""
                  .formatted(workflow)),
          201);

      // Backlog: the runs queue while no worker runs, then the workers take them on.
      create(client, ws, "q", warmup + runs);
      BenchServer.maintain(); // the backlog starts on statistics of the whole queue
      server.restartWith(Map.of("VIGIL_PLAYBOOK_WORKERS", String.valueOf(workers)));
      client = server.api();
      List<Run> backlog = awaitRuns(client, workflow, warmup + runs);
      backlog.sort(Comparator.comparing(Run::start));
      Instant from = backlog.get(warmup).start();
      Instant to = backlog.stream().map(Run::end).max(Comparator.naturalOrder()).orElseThrow();
      List<Long> durations = new ArrayList<>();
      for (Run run : backlog.subList(warmup, backlog.size())) {
        durations.add(Duration.between(run.start(), run.end()).toMillis());
      }
      Collections.sort(durations);
      String warming = ratePerTenSeconds(backlog);

      // Arriving: incidents come in while the workers run.
      Instant start = Instant.now();
      create(client, ws, "m", runs);
      List<Run> all = awaitRuns(client, workflow, warmup + 2 * runs);
      Instant end = all.stream().map(Run::end).max(Comparator.naturalOrder()).orElseThrow();
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
      int calls = 2 * (warmup + 2 * runs);
      if (graph.requests().size() != calls) {
        throw new IllegalStateException(
            "expected " + calls + " identity calls, got " + graph.requests().size());
      }
      if (Boolean.getBoolean("timeline")) {
        timeline(client, workflow);
      }
      Collections.sort(latencies);
      System.out.printf(
          "workers %2d: backlog %6.1f runs/s, a run p50 %d ms, p99 %d ms%n",
          workers, runs / seconds(from, to), percentile(durations, 50), percentile(durations, 99));
      System.out.printf("            backlog runs/s per 10 s from the first start: %s%n", warming);
      System.out.printf(
          "            arriving %6.1f runs/s, creation to task completed p50 %d ms, p99 %d ms%n",
          runs / seconds(start, end), percentile(latencies, 50), percentile(latencies, 99));
    }
  }

  /** Runs ended in each 10 s from the first run's start, per second: the JIT's warm-up shows. */
  private static String ratePerTenSeconds(List<Run> runs) {
    Instant first = runs.get(0).start();
    List<Integer> ended = new ArrayList<>();
    for (Run run : runs) {
      int bucket = (int) (seconds(first, run.end()) / 10);
      while (ended.size() <= bucket) {
        ended.add(0);
      }
      ended.set(bucket, ended.get(bucket) + 1);
    }
    return String.join(" ", ended.stream().map(count -> String.valueOf(count / 10)).toList());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** The {@code p}th percentile of sorted values (nearest rank). */
  private static long percentile(List<Long> sorted, int p) {
    return sorted.get((int) Math.ceil(sorted.size() * p / 100.0) - 1);
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

  /** A finished run's start and end. */
  private record Run(Instant start, Instant end) {}

  /** Waits until {@code count} runs have succeeded and answers them; fails if one did not. */
  private static List<Run> awaitRuns(Api api, String workflow, int count) throws Exception {
    while (true) {
      // Runs are claimed oldest first, so the newest is among the last to end: poll it alone,
      // and read them all only then. Reading every run each second cost the server about a tenth
      // of its CPU at a few thousand runs.
      JsonNode newest = api.get(workflow + "/runs?$top=1").json().path("value");
      if (newest.size() == 0
          || !newest.get(0).path("properties").path("status").asString().equals("Succeeded")) {
        Thread.sleep(1000);
        continue;
      }
      List<Run> finished = finishedRuns(api, workflow);
      if (finished.size() >= count) {
        return finished;
      }
      Thread.sleep(1000);
    }
  }

  /** Every run of {@code workflow} that has succeeded; fails on any that ended otherwise. */
  private static List<Run> finishedRuns(Api api, String workflow) {
    List<Run> finished = new ArrayList<>();
    String next = workflow + "/runs?$top=1000";
    while (next != null) {
      JsonNode page = api.get(next).json();
      for (JsonNode run : page.path("value")) {
        JsonNode p = run.path("properties");
        String status = p.path("status").asString();
        if (status.equals("Succeeded")) {
          finished.add(
              new Run(
                  Instant.parse(p.path("startTime").asString()),
                  Instant.parse(p.path("endTime").asString())));
        } else if (!status.equals("Running") && !status.equals("Waiting")) {
          throw new IllegalStateException("a run ended " + status + ": " + run);
        }
      }
      String link = page.path("nextLink").asString(null);
      next = link == null ? null : link.substring(link.indexOf("/subscriptions/"));
    }
    return finished;
  }

  private static Api.Response check(Api.Response response, int status) {
    if (response.status() != status) {
      throw new IllegalStateException("expected " + status + ": " + response);
    }
    return response;
  }
}
