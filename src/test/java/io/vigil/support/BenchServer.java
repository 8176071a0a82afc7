package io.vigil.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The packaged jar started for a benchmark, as an operator runs it, on the database named by the
 * system property {@code db.url} (empty: the embedded one), with an API token for the
 * administrator: checking a password with BCrypt on every request would dominate any figure.
 */
public final class BenchServer implements AutoCloseable {
  private final Path home;
  private final Path jar;
  private final Map<String, String> env;
  private ServerProcess server;
  private Api api;
  private int starts;

  private BenchServer(Path home, Path jar, Map<String, String> env) {
    this.home = home;
    this.jar = jar;
    this.env = env;
  }

  /** Starts the server with the benchmark's own {@code VIGIL_*} settings added. */
  public static BenchServer start(String name, Map<String, String> settings) throws Exception {
    return start(Files.createTempDirectory("vigil-bench-" + name), settings);
  }

  /**
   * Starts the server in {@code home}, its data directory (the embedded database's) being {@code
   * home/data}: a benchmark that starts it again on the same home finds the data it left.
   */
  public static BenchServer start(Path home, Map<String, String> settings) throws Exception {
    home = home.toAbsolutePath().normalize();
    Files.createDirectories(home);
    Path jar =
        Files.copy(
            ServerProcess.packagedJar(),
            home.resolve("vigil.jar"),
            StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VIGIL_ADMIN_USER", ApiTest.ADMIN);
    env.put("VIGIL_ADMIN_PASSWORD", ApiTest.ADMIN_PASSWORD);
    env.put("VIGIL_SECRET_KEY", ApiTest.SECRET_KEY);
    env.put("VIGIL_DATA_DIR", home.resolve("data").toString());
    String database = database();
    if (!database.isEmpty()) {
      env.put("VIGIL_DB_URL", database);
      env.put("VIGIL_DB_USER", System.getProperty("db.user", "postgres"));
    }
    env.putAll(settings);
    BenchServer server = new BenchServer(home, jar, env);
    server.run();
    return server;
  }

  private void run() throws Exception {
    starts++;
    String log = starts == 1 ? "server.log" : "server-" + starts + ".log";
    server = ServerProcess.start(jar, home, env, home.resolve(log));
    Api admin = server.api(ApiTest.ADMIN, ApiTest.ADMIN_PASSWORD);
    String token =
        check(admin.post("/api/tokens", "{\"description\":\"bench\"}"), 201)
            .json()
            .path("token")
            .asString();
    api = new Api(server.baseUrl(), ApiTest.ADMIN, token);
  }

  /**
   * Stops the server, runs {@code work} while it is down (the embedded database's file is locked
   * while the server has it open), then starts it again on the same home and data; {@link #api()}
   * answers a client of the new process.
   */
  public void whileStopped(Work work) throws Exception {
    server.stop();
    work.run();
    run();
  }

  /** Stops the server and starts it again on the same home and data with changed settings. */
  public void restartWith(Map<String, String> settings) throws Exception {
    server.stop();
    env.putAll(settings);
    run();
  }

  /** What {@link #whileStopped} runs. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** The server's data directory, where the embedded database keeps its file. */
  public Path dataDir() {
    return Path.of(env.get("VIGIL_DATA_DIR"));
  }

  /** The JDBC URL of the benchmark's database, or empty for the embedded one. */
  public static String database() {
    return System.getProperty("db.url", "");
  }

  /**
   * Does now what autovacuum would do to the benchmark's PostgreSQL database with its default
   * thresholds: vacuums each table with more than 50 + 20% of its rows dead, and gathers the
   * planner's statistics of each with more than 50 + 10% of its rows changed since they were last
   * gathered. Nothing to do on the embedded database.
   */
  public static void maintain() throws SQLException {
    if (database().isEmpty()) {
      return;
    }
    try (Connection db =
            DriverManager.getConnection(database(), System.getProperty("db.user", "postgres"), "");
        Statement statement = db.createStatement()) {
      List<String> commands = new ArrayList<>();
      try (ResultSet due =
          statement.executeQuery(
              "SELECT s.relid::regclass AS name," // quoted as a statement needs it
                  + " s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0) AS vacuum,"
                  + " s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0) AS analyze"
                  + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid")) {
        while (due.next()) {
          boolean vacuum = due.getBoolean("vacuum");
          boolean analyze = due.getBoolean("analyze");
          if (vacuum || analyze) {
            String table = due.getString("name");
            commands.add(
                vacuum ? "VACUUM " + (analyze ? "(ANALYZE) " : "") + table : "ANALYZE " + table);
          }
        }
      }
      for (String command : commands) {
        statement.execute(command);
      }
    }
  }

  /**
   * Does what autovacuum would ({@link #maintain}) every five seconds until closed. The PostgreSQL
   * here runs with autovacuum off, unlike a server in service. Without statistics the planner
   * looked an incident up by name through an index on its workspace alone, reading every incident
   * of it; with statistics gathered only once, while the queue was the whole table, it walked past
   * every finished run to find the queued ones; and without vacuuming, the queue's index ranges
   * fill with the entries of runs that have moved on.
   */
  public static AutoCloseable keepMaintained() {
    if (database().isEmpty()) {
      return () -> {};
    }
    ScheduledExecutorService maintenance =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "autovacuum");
              thread.setDaemon(true);
              return thread;
            });
    maintenance.scheduleWithFixedDelay(
        () -> {
          try {
            maintain();
          } catch (SQLException e) {
            // Said, not thrown: a thrown exception would silently end the schedule.
            System.err.println("Vacuuming or analyzing failed: " + e.getMessage());
          }
        },
        5,
        5,
        TimeUnit.SECONDS);
    return maintenance::shutdownNow;
  }

  /** The administrator's client, signed in with an API token. */
  public Api api() {
    return api;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** The server's peak resident memory so far, in MB. */
  public long peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    server.stop();
  }

  /** Fails the benchmark unless {@code response} has {@code status}. */
  public static Api.Response check(Api.Response response, int status) {
    if (response.status() != status) {
      throw new IllegalStateException("Expected " + status + ": " + response);
    }
    return response;
  }

  /**
   * Runs every client's {@code step} over and over on {@code pool} for {@code seconds} (a client
   * stops early when its step answers -1) and answers the latencies the steps answered.
   */
  public static <C> Phase run(
      ExecutorService pool, List<C> clients, int seconds, ToLongFunction<C> step) throws Exception {
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Future<List<Long>>> results = new ArrayList<>();
    for (C client : clients) {
      results.add(
          pool.submit(
              () -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long latency = step.applyAsLong(client);
                  if (latency < 0) {
                    break;
                  }
                  latencies.add(latency);
                }
                return latencies;
              }));
    }
    List<Long> latencies = new ArrayList<>();
    for (Future<List<Long>> result : results) {
      latencies.addAll(result.get());
    }
    return new Phase(latencies, (System.nanoTime() - start) / 1e9);
  }

  /** Latencies in nanoseconds measured over {@code seconds}. */
  public record Phase(List<Long> latencies, double seconds) {
    public double perSecond() {
      return latencies.size() / seconds;
    }

    /** The {@code p}th percentile in milliseconds (nearest rank). */
    public double percentile(int p) {
      if (latencies.isEmpty()) {
        return 0;
      }
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, index)) / 1e6;
    }
  }
}
