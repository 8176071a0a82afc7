package io.vigil.automation;

import static io.vigil.automation.Rules.addTask;
import static io.vigil.automation.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import io.vigil.support.ServerProcess;
import io.vigil.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each change is processed exactly once, even when the server dies mid-flight: the packaged jar is
 * loaded with concurrent incident creations, each of which fires three automation rules that add
 * five tasks in the incident's own transaction, and is then killed with SIGKILL — no shutdown hook,
 * no connection pool close, no rollback — and restarted on the same data. Every incident a client
 * was told was created must still be there, and every incident that is there must carry exactly its
 * five tasks and three rule runs: none lost with a half-committed transaction, none added twice by
 * a replay after the restart. Runs on the embedded database and on PostgreSQL.
 */
class CrashDurabilityIT {
  // The same administrator as the other integration tests: on PostgreSQL this test shares their
  // database, where whichever starts first creates the administrator for all.
  private static final String ADMIN = ApiTest.ADMIN;
  private static final String ADMIN_PASSWORD = ApiTest.ADMIN_PASSWORD;
  private static final String WS =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/default/providers"
          + "/Microsoft.OperationalInsights/workspaces/default/providers"
          + "/Microsoft.SecurityInsights";
  private static final List<String> TASKS = List.of("R1-A", "R1-B", "R2-A", "R3-A", "R3-B");
  private static final List<String> RULES = List.of("r1", "r2", "r3");
  private static final int CLIENTS = 6;
  private static final int MIN_ACKNOWLEDGED = 50;
  private static final long MAX_LOAD_MILLIS = 120_000;

  private final List<ServerProcess> servers = new ArrayList<>();
  private Path home;
  private Path jar;

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

  @Test
  void everyIncidentKeepsExactlyItsAutomationTasksWhenTheServerIsKilledUnderLoad()
      throws Exception {
    String database = TestDatabase.isPostgres() ? "postgresql" : "embedded";
    home = Files.createTempDirectory("vigil-crash-" + database);
    // A copy, so that both starts run the same build even if target/ is rebuilt meanwhile: a jar
    // replaced under a running JVM makes it fail on the next class it loads.
    jar = Files.copy(ServerProcess.packagedJar(), home.resolve("vigil.jar"));
    long started = System.nanoTime();

    ServerProcess first = start(database + "-before-kill");
    Api api = first.api(ADMIN, ADMIN_PASSWORD);
    createRules(api);

    // Kill at a random moment 2 to 4 seconds in, so that over many builds the kill lands in every
    // phase of a request: before the transaction, inside the rules, during the commit. Every
    // request checks a BCrypt password, so a small or busy machine may need longer to build up
    // enough incidents to make the crash meaningful; wait for them, within bounds.
    long minimumMillis = ThreadLocalRandom.current().nextLong(2_000, 4_001);
    Load load = new Load(api);
    load.start();
    long loadStarted = System.nanoTime();
    long loadMillis = 0;
    while (loadMillis < MAX_LOAD_MILLIS
        && (loadMillis < minimumMillis || load.acknowledged.size() < MIN_ACKNOWLEDGED)) {
      Thread.sleep(50);
      loadMillis = (System.nanoTime() - loadStarted) / 1_000_000;
    }
    int inFlightAtKill = load.inFlight.get();
    int exitCode = load.killDuring(first);
    long killedAt = System.nanoTime();

    String report =
        String.format(
            "%s: %d incidents acknowledged in %d ms of load by %d clients, %d requests in flight"
                + " at the kill",
            database, load.acknowledged.size(), loadMillis, CLIENTS, inFlightAtKill);
    assertThat(load.unexpected).as(report + "; requests that failed before the kill").isEmpty();
    // 128 + 9: the JVM was ended by SIGKILL, not by a shutdown it could clean up after.
    assertThat(exitCode).as(report + "; exit code of the killed server").isEqualTo(137);
    assertThat(load.acknowledged.size())
        .as(report + " — too little load to say anything about a crash")
        .isGreaterThanOrEqualTo(MIN_ACKNOWLEDGED);
    assertThat(inFlightAtKill).as(report).isPositive();

    ServerProcess second = start(database + "-after-kill");
    long restartMillis = (System.nanoTime() - killedAt) / 1_000_000;
    Api restarted = second.api(ADMIN, ADMIN_PASSWORD);

    // The restarted server must also go on processing new changes exactly once: sequences and
    // locks left behind by the crash must not get in the way.
    Set<String> createdAfterRestart = new TreeSet<>();
    for (int i = 0; i < 3; i++) {
      String id = "after-restart-" + i;
      Api.Response created = restarted.put(WS + "/incidents/" + id, incident(id));
      assertThat(created.status()).as(report + "; " + created.body()).isEqualTo(201);
      createdAfterRestart.add(id);
    }

    Set<String> existing = incidentNames(restarted);
    Set<String> lost = new TreeSet<>(load.acknowledged);
    lost.removeAll(existing);
    Set<String> unexplained = new TreeSet<>(existing);
    unexplained.removeAll(load.attempted);
    unexplained.removeAll(createdAfterRestart);
    Set<String> committedUnacknowledged = new TreeSet<>(existing);
    committedUnacknowledged.removeAll(load.acknowledged);
    committedUnacknowledged.removeAll(createdAfterRestart);
    report +=
        String.format(
            "; after a restart %d ms later: %d incidents, of which %d committed but"
                + " unacknowledged at the kill",
            restartMillis, existing.size(), committedUnacknowledged.size());

    // Fewer than five tasks means part of a transaction survived; more means a rule ran twice.
    Map<String, List<String>> wrongTasks =
        mismatches(restarted, existing, "/tasks", t -> t.path("properties").path("title"), TASKS);
    // The run history is checked where a crash is most likely to have left a trace: the
    // incidents whose request was cut off by the kill, and a few from either end of the load.
    Set<String> sample = new TreeSet<>(committedUnacknowledged);
    List<String> acknowledged = new ArrayList<>(new TreeSet<>(load.acknowledged));
    sample.addAll(acknowledged.subList(0, 3));
    sample.addAll(acknowledged.subList(acknowledged.size() - 3, acknowledged.size()));
    sample.addAll(createdAfterRestart);
    Map<String, List<String>> wrongRuns =
        mismatches(restarted, sample, "/automationRuns", r -> r.path("ruleName"), RULES);

    report +=
        String.format("; verified in %d ms in all", (System.nanoTime() - started) / 1_000_000);
    // Printed first, and every check reported, so that one failure shows the whole picture: lost
    // incidents, and what became of the tasks of those that survived.
    System.out.println(report);
    String summary = report;
    assertSoftly(
        softly -> {
          softly
              .assertThat(lost)
              .as(summary + "; acknowledged incidents missing after the restart")
              .isEmpty();
          softly.assertThat(unexplained).as(summary + "; incidents nobody created").isEmpty();
          softly.assertThat(existing).as(summary).containsAll(createdAfterRestart);
          softly
              .assertThat(wrongTasks)
              .as(summary + "; incidents whose tasks are not exactly " + TASKS)
              .isEmpty();
          softly
              .assertThat(wrongRuns)
              .as(summary + "; incidents whose automation runs are not exactly " + RULES)
              .isEmpty();
        });
  }

  private ServerProcess start(String name) throws IOException, InterruptedException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VIGIL_ADMIN_USER", ADMIN);
    env.put("VIGIL_ADMIN_PASSWORD", ADMIN_PASSWORD);
    if (TestDatabase.isPostgres()) {
      // Both starts use the database TestDatabase created for this test JVM (fresh, and shared
      // with the other integration tests of the JVM, which work in workspaces of their own).
      env.put("VIGIL_DB_URL", TestDatabase.url());
      env.put("VIGIL_DB_USER", TestDatabase.user());
      env.put("VIGIL_DB_PASSWORD", "");
    } else {
      env.put("VIGIL_DATA_DIR", home.resolve("data").toString());
    }
    // Logs stay in target/ after the temporary directory is gone, to tell what a failure was.
    Path log = Path.of("target", "crash-durability-it", name + ".log").toAbsolutePath();
    ServerProcess server = ServerProcess.start(jar, home, env, log);
    servers.add(server);
    // Health is up before the administrator exists: it is created by an ApplicationRunner, which
    // Spring Boot runs only once the web server is already answering.
    Api api = server.api(ADMIN, ADMIN_PASSWORD);
    Api.Response response = null;
    for (int attempt = 0; attempt < 240; attempt++) {
      response = api.get(WS + "/automationRules");
      if (response.status() != 401) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(response.status()).as(response + "\n" + server.log()).isEqualTo(200);
    return server;
  }

  private static void createRules(Api api) {
    List<String> bodies =
        List.of(
            rule("Add R1 tasks", 1, "Created", "", addTask(1, "R1-A") + "," + addTask(2, "R1-B")),
            rule("Add R2 task", 2, "Created", "", addTask(1, "R2-A")),
            rule("Add R3 tasks", 3, "Created", "", addTask(1, "R3-A") + "," + addTask(2, "R3-B")));
    for (int i = 0; i < bodies.size(); i++) {
      Api.Response created = api.put(WS + "/automationRules/" + RULES.get(i), bodies.get(i));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
  }

  private static String incident(String id) {
    return """
        {"properties":{"title":"Crash load %s","severity":"Medium","status":"New"}}"""
        .formatted(id);
  }

  /** The names of every incident in the workspace, following nextLink to the last page. */
  private static Set<String> incidentNames(Api api) {
    Set<String> names = new TreeSet<>();
    int listed = 0;
    String next = Api.withVersion(WS + "/incidents?$top=1000");
    for (int page = 0; next != null; page++) {
      assertThat(page).as("pages of incidents").isLessThan(1_000);
      Api.Response response = api.send("GET", next, null, Map.of());
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      JsonNode json = response.json();
      for (JsonNode incident : json.path("value")) {
        names.add(incident.path("name").asString());
        listed++;
      }
      next = json.path("nextLink").isMissingNode() ? null : json.path("nextLink").asString();
    }
    assertThat(listed).as("incidents listed, against distinct names").isEqualTo(names.size());
    return names;
  }

  /**
   * The incidents whose list under {@code suffix} (one field of each item, in the order listed) is
   * not {@code expected}, fetched in parallel since every request pays for a password check. One
   * page of up to 1000 is plenty: a duplicate already shows as one item too many.
   */
  private static Map<String, List<String>> mismatches(
      Api api,
      Set<String> incidents,
      String suffix,
      Function<JsonNode, JsonNode> field,
      List<String> expected)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      Map<String, Future<List<String>>> lists = new TreeMap<>();
      for (String name : incidents) {
        String path = WS + "/incidents/" + name + suffix + "?$top=1000";
        lists.put(name, pool.submit(() -> list(api, path, field)));
      }
      Map<String, List<String>> wrong = new TreeMap<>();
      for (Map.Entry<String, Future<List<String>>> entry : lists.entrySet()) {
        List<String> actual = entry.getValue().get(60, TimeUnit.SECONDS);
        if (!actual.equals(expected)) {
          wrong.put(entry.getKey(), actual);
        }
      }
      return wrong;
    } catch (TimeoutException e) {
      throw new IllegalStateException("The restarted server stopped answering", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> list(Api api, String path, Function<JsonNode, JsonNode> field) {
    Api.Response response = api.get(path);
    assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    for (JsonNode item : response.json().path("value")) {
      values.add(field.apply(item).asString());
    }
    return values;
  }

  /** Clients creating incidents with unique ids as fast as the server answers. */
  private static final class Load {
    final Set<String> attempted = ConcurrentHashMap.newKeySet();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Map<String, String> unexpected = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    private final Api api;
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean killing;

    Load(Api api) {
      this.api = api;
    }

    void start() {
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread thread = new Thread(() -> createUntilKilled(client), "crash-client-" + client);
        thread.setDaemon(true);
        clients.add(thread);
        thread.start();
      }
    }

    private void createUntilKilled(int client) {
      for (int n = 0; !killing && n < 1_000_000; n++) {
        String id = "crash-" + client + "-" + n;
        attempted.add(id);
        inFlight.incrementAndGet();
        try {
          Api.Response response = api.put(WS + "/incidents/" + id, incident(id));
          if (response.status() == 201) {
            acknowledged.add(id);
          } else {
            // A killed server sends no response at all, so any other answer is a real error.
            unexpected.put(id, response.toString());
          }
        } catch (IllegalStateException connectionBroken) {
          if (!killing) {
            unexpected.put(id, connectionBroken.toString());
          }
        } finally {
          inFlight.decrementAndGet();
        }
      }
    }

    /** Kills the server under the clients' requests in flight, then waits for them to stop. */
    int killDuring(ServerProcess server) throws InterruptedException {
      // Set first: whatever fails from here on may be the kill's doing, and no client starts
      // another request after its current one.
      killing = true;
      int exitCode = server.kill();
      for (Thread client : clients) {
        client.join(60_000);
        assertThat(client.isAlive()).as(client.getName() + " still running").isFalse();
      }
      return exitCode;
    }
  }
}
