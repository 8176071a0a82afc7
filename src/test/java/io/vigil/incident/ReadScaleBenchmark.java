package io.vigil.incident;

import static io.vigil.support.BenchServer.check;

import io.vigil.support.Api;
import io.vigil.support.BenchServer;
import io.vigil.support.BenchServer.Phase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Reads at scale (docs/benchmarks.md, "Reads at scale"): loads a workspace with a million incidents
 * of ten tasks each straight into the database through its bulk path ({@link ReadScaleLoader}:
 * PostgreSQL's while the server runs, the embedded database's file while the server is down), then
 * measures over HTTP, one request at a time: getting an incident, listing its tasks, and the first
 * and the last page of a filtered, sorted incident list. Run by {@code bench/read-scale.sh}. Not
 * part of the build.
 */
public final class ReadScaleBenchmark {
  private static final String FILTER =
      "$filter=properties/severity%20eq%20'High'%20and%20properties/status%20eq%20'New'"
          + "&$orderby=properties/createdTimeUtc%20desc&$top=50";

  private ReadScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int incidents = Integer.parseInt(System.getProperty("incidents", "1000000"));
    int tasks = Integer.parseInt(System.getProperty("tasks", "10"));
    int requests = Integer.parseInt(System.getProperty("requests", "2000"));
    int chunk = Integer.parseInt(System.getProperty("chunk", "100000"));
    String database = BenchServer.database();
    boolean embedded = database.isEmpty();
    if (!embedded && !database.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException("Loaders exist for PostgreSQL and the embedded database");
    }
    // The embedded database stays in a home of the benchmark's choosing (-Dhome), to be measured
    // again (bench/read-scale.sh REUSE=1).
    try (BenchServer server =
        embedded
            ? BenchServer.start(Path.of(System.getProperty("home")), Map.of())
            : BenchServer.start("reads", Map.of())) {
      String workspace =
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench"
              + "/providers/Microsoft.OperationalInsights/workspaces/reads";
      String ws = workspace + "/providers/Microsoft.SecurityInsights";
      // A workspace that exists already was loaded by an earlier run (bench/read-scale.sh REUSE=1).
      if (server.api().put(workspace, "{}").status() == 201) {
        if (embedded) {
          // H2 locks its file while the server has it open: loaded with the server down.
          ReadScaleLoader loader = ReadScaleLoader.embedded(server.dataDir());
          server.whileStopped(() -> load(loader, incidents, tasks, chunk));
          try (var files = Files.list(server.dataDir())) {
            long bytes = files.mapToLong(file -> file.toFile().length()).sum();
            System.out.printf("data directory: %,d MB%n", bytes >> 20);
          }
        } else {
          String user = System.getProperty("db.user", "postgres");
          load(ReadScaleLoader.postgresql(database, user), incidents, tasks, chunk);
        }
      }
      Api api = server.api();

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

  private static void load(ReadScaleLoader loader, int incidents, int tasks, int chunk)
      throws Exception {
    long started = System.nanoTime();
    loader.load(incidents, tasks, chunk);
    System.out.printf(
        "loaded %,d incidents and %,d tasks in %.0f s%n",
        incidents, (long) incidents * tasks, (System.nanoTime() - started) / 1e9);
  }
}
