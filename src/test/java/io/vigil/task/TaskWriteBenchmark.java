package io.vigil.task;

import static io.vigil.support.BenchServer.check;

import io.vigil.support.Api;
import io.vigil.support.BenchServer;
import io.vigil.support.BenchServer.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Task writes over HTTP (docs/benchmarks.md, "Task writes"): clients creating tasks with PUT, then
 * completing them, for a fixed time at each concurrency, against the packaged jar. Prints the
 * throughput and p50/p99 latency of each phase and the server's peak resident memory. Run by {@code
 * bench/task-writes.sh}, which also runs pgbench with a one-INSERT transaction of the same row size
 * for comparison. Not part of the build.
 */
public final class TaskWriteBenchmark {
  /** Tasks per incident before a client moves to a new one (the default limit is 1000). */
  private static final int TASKS_PER_INCIDENT = 900;

  private TaskWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(System.getProperty("seconds", "20"));
    int warmup = Integer.parseInt(System.getProperty("warmup", "5"));
    String database = BenchServer.database();
    List<Integer> concurrency = new ArrayList<>();
    for (String c : System.getProperty("clients", "1,8,32").split(",")) {
      concurrency.add(Integer.parseInt(c.trim()));
    }

    try (BenchServer server = BenchServer.start("tasks", Map.of())) {
      Api api = server.api();
      String ws =
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench"
              + "/providers/Microsoft.OperationalInsights/workspaces/tasks";
      check(api.put(ws, "{}"), 201);
      ws += "/providers/Microsoft.SecurityInsights";
      System.out.printf(
          "database: %s; %d s per phase after %d s of warm-up%n",
          database.isEmpty() ? "embedded" : database, seconds, warmup);
      System.out.println(
          "clients | create/s | create p50 ms | create p99 ms | complete/s | complete p50 ms |"
              + " complete p99 ms");
      for (int clients : concurrency) {
        measure(api, ws, clients, warmup, seconds);
      }
      System.out.printf("server peak RSS: %d MB%n", server.peakRssMb());
    }
  }

  private static void measure(Api api, String ws, int clients, int warmup, int seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Client> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        all.add(new Client(api, ws, "c" + clients + "-" + i));
      }
      BenchServer.run(pool, all, warmup, Client::create);
      all.forEach(Client::reset);
      Phase create = BenchServer.run(pool, all, seconds, Client::create);
      Phase complete = BenchServer.run(pool, all, seconds, Client::complete);
      System.out.printf(
          "%7d | %8.0f | %13.1f | %13.1f | %10.0f | %15.1f | %15.1f%n",
          clients,
          create.perSecond(),
          create.percentile(50),
          create.percentile(99),
          complete.perSecond(),
          complete.percentile(50),
          complete.percentile(99));
    } finally {
      pool.shutdownNow();
    }
  }

  /** One client: its own incidents, and the tasks it created and has yet to complete. */
  private static final class Client {
    private final Api api;
    private final String ws;
    private final String prefix;
    private final List<String> created = new ArrayList<>();
    private int incidents;
    private int inIncident = TASKS_PER_INCIDENT;
    private int completed;

    Client(Api api, String ws, String prefix) {
      this.api = api;
      this.ws = ws;
      this.prefix = prefix;
    }

    void reset() {
      created.clear();
      completed = 0;
    }

    long create() {
      if (inIncident == TASKS_PER_INCIDENT) {
        incidents++;
        inIncident = 0;
        check(
            api.put(
                incident(),
                "{\"properties\":{\"title\":\"Benchmark incident\",\"severity\":\"Medium\","
                    + "\"status\":\"New\"}}"),
            201);
      }
      String task = incident() + "/tasks/" + UUID.randomUUID();
      long start = System.nanoTime();
      check(api.put(task, body("New")), 201);
      long latency = System.nanoTime() - start;
      inIncident++;
      created.add(task);
      return latency;
    }

    long complete() {
      if (completed == created.size()) {
        return -1;
      }
      String task = created.get(completed++);
      long start = System.nanoTime();
      check(api.put(task, body("Completed")), 200);
      return System.nanoTime() - start;
    }

    private String incident() {
      return ws + "/incidents/" + prefix + "-" + incidents;
    }

    private static String body(String status) {
      return "{\"properties\":{\"title\":\"Reset the password of the account\",\"status\":\""
          + status
          + "\"}}";
    }
  }
}
