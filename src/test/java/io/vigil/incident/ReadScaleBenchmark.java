package io.vigil.incident;

import static io.vigil.support.BenchServer.check;

import io.vigil.support.Api;
import io.vigil.support.BenchServer;
import io.vigil.support.BenchServer.Phase;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Reads at scale (docs/benchmarks.md, "Reads at scale"): loads a workspace with a million incidents
 * of ten tasks each straight into PostgreSQL through its bulk path (INSERT … SELECT over
 * generate_series, in chunks, with synchronous_commit off for the loader's session only), then
 * measures over HTTP, one request at a time: getting an incident, listing its tasks, and the first
 * and the last page of a filtered, sorted incident list. Run by {@code bench/read-scale.sh}. Not
 * part of the build.
 */
public final class ReadScaleBenchmark {
  private static final int CHUNK = 100_000;
  private static final String FILTER =
      "$filter=properties/severity%20eq%20'High'%20and%20properties/status%20eq%20'New'"
          + "&$orderby=properties/createdTimeUtc%20desc&$top=50";

  private ReadScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int incidents = Integer.parseInt(System.getProperty("incidents", "1000000"));
    int tasks = Integer.parseInt(System.getProperty("tasks", "10"));
    int requests = Integer.parseInt(System.getProperty("requests", "2000"));
    String database = BenchServer.database();
    if (!database.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException("The loader uses PostgreSQL's bulk path: set db.url");
    }
    try (BenchServer server = BenchServer.start("reads", Map.of())) {
      Api api = server.api();
      String workspace =
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench"
              + "/providers/Microsoft.OperationalInsights/workspaces/reads";
      String ws = workspace + "/providers/Microsoft.SecurityInsights";
      // A workspace that exists already was loaded by an earlier run (bench/read-scale.sh REUSE=1).
      if (api.put(workspace, "{}").status() == 201) {
        long started = System.nanoTime();
        load(database, incidents, tasks);
        System.out.printf(
            "loaded %,d incidents and %,d tasks in %.0f s%n",
            incidents, (long) incidents * tasks, (System.nanoTime() - started) / 1e9);
      }

      System.out.printf("%d requests each, one at a time, after as many to warm up%n", requests);
      System.out.println("read | p50 ms | p99 ms");
      IntFunction<String> incident =
          i -> ws + "/incidents/inc-" + (1 + ThreadLocalRandom.current().nextInt(incidents));
      measure(api, "get an incident", requests, incident);
      measure(api, "list an incident's tasks", requests, i -> incident.apply(i) + "/tasks");
      String first = ws + "/incidents?" + FILTER;
      measure(api, "first page, filtered and sorted", requests, i -> first);
      // The last page's link is found by following the pages from the first, as a client would;
      // those pages are timed too, as "any page".
      List<Long> walk = new ArrayList<>();
      String last = Api.withVersion(first);
      String next = last;
      while (next != null) {
        last = next;
        long start = System.nanoTime();
        // The link carries its api-version: fetched verbatim, as Sentinel's SDK does.
        JsonNode page = check(api.send("GET", next, null, Map.of()), 200).json();
        walk.add(System.nanoTime() - start);
        next = page.path("nextLink").isString() ? page.path("nextLink").asString() : null;
      }
      String lastPage = relative(last);
      Phase pages = new Phase(walk, 1);
      System.out.printf(
          "every page in turn (%d pages) | %.1f | %.1f%n",
          walk.size(), pages.percentile(50), pages.percentile(99));
      measure(api, "last page, filtered and sorted", requests, i -> lastPage);
      System.out.printf("server peak RSS: %d MB%n", server.peakRssMb());
    }
  }

  private static String relative(String link) {
    if (!link.startsWith("http")) {
      return link;
    }
    URI uri = URI.create(link);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /** Times {@code requests} GETs of {@code path} (which may carry its api-version already). */
  private static void measure(Api api, String name, int requests, IntFunction<String> path) {
    IntFunction<String> target =
        i -> {
          String p = path.apply(i);
          return p.contains("api-version=") ? p : Api.withVersion(p);
        };
    for (int i = 0; i < requests; i++) {
      check(api.send("GET", target.apply(i), null, Map.of()), 200);
    }
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      String request = target.apply(i);
      long start = System.nanoTime();
      check(api.send("GET", request, null, Map.of()), 200);
      latencies.add(System.nanoTime() - start);
    }
    Phase phase = new Phase(latencies, 1);
    System.out.printf("%s | %.1f | %.1f%n", name, phase.percentile(50), phase.percentile(99));
  }

  /**
   * Fills the workspace created through the API: incidents {@code inc-1} to {@code inc-N}, one a
   * minute, cycling through the severities and New, Active and Closed, each with {@code tasks}
   * tasks of which the first three are Completed.
   */
  private static void load(String database, int incidents, int tasks) throws Exception {
    try (Connection db =
        DriverManager.getConnection(database, System.getProperty("db.user", "postgres"), "")) {
      try (Statement statement = db.createStatement()) {
        // Bulk loading: a crash would only lose the benchmark's own data.
        statement.execute("SET synchronous_commit = off");
      }
      long workspace;
      try (Statement statement = db.createStatement();
          var rs = statement.executeQuery("SELECT id FROM workspace WHERE name = 'reads'")) {
        rs.next();
        workspace = rs.getLong(1);
      }
      String createdBy =
          "{\"name\":\"loader\",\"objectId\":\"00000000-0000-0000-0000-000000000001\"}";
      try (PreparedStatement insert =
              db.prepareStatement(
                  "INSERT INTO incident (workspace_id, name, name_key, incident_number, etag,"
                      + " title, severity, severity_rank, status, classification,"
                      + " classification_reason, created_time, last_modified_time,"
                      + " related_rule_ids, alerts_count, comments_count, alert_product_names,"
                      + " tactics, techniques)"
                      + " SELECT ?, 'inc-' || g, 'inc-' || g, g, md5(g::text),"
                      + " 'Suspicious sign-in ' || g,"
                      + " (ARRAY['Informational','Low','Medium','High'])[g % 4 + 1], g % 4,"
                      + " (ARRAY['New','Active','Closed'])[(g / 4) % 3 + 1],"
                      + " CASE WHEN (g / 4) % 3 = 2 THEN 'TruePositive' END,"
                      + " CASE WHEN (g / 4) % 3 = 2 THEN 'SuspiciousActivity' END,"
                      + " TIMESTAMPTZ '2024-01-01 00:00:00Z' + g * INTERVAL '1 minute',"
                      + " TIMESTAMPTZ '2024-01-01 00:00:00Z' + g * INTERVAL '1 minute',"
                      + " '[]', 0, 0, '[]', '[]', '[]'"
                      + " FROM generate_series(?, ?) g");
          PreparedStatement insertTasks =
              db.prepareStatement(
                  "INSERT INTO incident_task (incident_id, name, name_key, etag, title, status,"
                      + " created_by_type, created_by, last_modified_by, completed_by,"
                      + " completed_time, created_time, last_modified_time, list_position)"
                      + " SELECT i.id, 'task-' || n, 'task-' || n, md5(i.id || '-' || n),"
                      + " 'Task ' || n || ' of ' || i.name,"
                      + " CASE WHEN n <= 3 THEN 'Completed' ELSE 'New' END, 'User', ?, ?,"
                      + " CASE WHEN n <= 3 THEN ? END,"
                      + " CASE WHEN n <= 3 THEN i.created_time END,"
                      + " i.created_time, i.created_time, n"
                      + " FROM incident i CROSS JOIN generate_series(1, ?) n"
                      + " WHERE i.workspace_id = ? AND i.incident_number BETWEEN ? AND ?")) {
        for (int from = 1; from <= incidents; from += CHUNK) {
          int to = Math.min(incidents, from + CHUNK - 1);
          insert.setLong(1, workspace);
          insert.setInt(2, from);
          insert.setInt(3, to);
          insert.executeUpdate();
          insertTasks.setString(1, createdBy);
          insertTasks.setString(2, createdBy);
          insertTasks.setString(3, createdBy);
          insertTasks.setInt(4, tasks);
          insertTasks.setLong(5, workspace);
          insertTasks.setInt(6, from);
          insertTasks.setInt(7, to);
          insertTasks.executeUpdate();
          System.out.printf("  %,d incidents loaded%n", to);
        }
      }
      try (Statement statement = db.createStatement()) {
        statement.execute(
            "INSERT INTO incident_number (workspace_id, last_number) VALUES ("
                + workspace
                + ", "
                + incidents
                + ")");
        statement.execute("ANALYZE");
      }
    }
  }
}
