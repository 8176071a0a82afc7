package io.vigil.automation;

import static io.vigil.support.BenchServer.check;

import io.vigil.support.Api;
import io.vigil.support.BenchServer;
import io.vigil.support.BenchServer.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * Ingestion with automation (docs/benchmarks.md, "Ingestion with automation"): clients create
 * incidents over HTTP, each with 5 entities and 2 alerts, in a workspace with 512 automation rules
 * of which 5 match each incident and add 2 tasks each. Prints incidents per second and p50/p99
 * latency, then reads every incident back and fails unless it carries exactly the 10 tasks its
 * rules add. Run by {@code bench/ingestion.sh}. Not part of the build.
 */
public final class IngestionBenchmark {
  private static final int RULES = 512;
  private static final int RULES_PER_GROUP = 5;

  /** Incidents fall into groups; each group's 5 rules match its incidents, and only them. */
  private static final int GROUPS = RULES / RULES_PER_GROUP;

  private IngestionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(System.getProperty("clients", "16"));
    int seconds = Integer.parseInt(System.getProperty("seconds", "30"));
    int warmup = Integer.parseInt(System.getProperty("warmup", "10"));
    String database = BenchServer.database();
    try (BenchServer server = BenchServer.start("ingestion", Map.of())) {
      Api api = server.api();
      String ws =
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench"
              + "/providers/Microsoft.OperationalInsights/workspaces/ingestion";
      check(api.put(ws, "{}"), 201);
      ws += "/providers/Microsoft.SecurityInsights";
      for (int rule = 0; rule < RULES; rule++) {
        check(api.put(ws + "/automationRules/r" + rule, rule(rule)), 201);
      }
      System.out.printf(
          "database: %s; %d rules; %d clients; %d s after %d s of warm-up%n",
          database.isEmpty() ? "embedded" : database, RULES, clients, seconds, warmup);

      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          all.add(new Client(api, ws, "c" + i));
        }
        BenchServer.run(pool, all, warmup, Client::create);
        Phase phase = BenchServer.run(pool, all, seconds, Client::create);
        System.out.printf(
            "incidents/s: %.0f; p50 %.1f ms; p99 %.1f ms; tasks/s: %.0f%n",
            phase.perSecond(),
            phase.percentile(50),
            phase.percentile(99),
            phase.perSecond() * 2 * RULES_PER_GROUP);
        System.out.printf("server peak RSS: %d MB%n", server.peakRssMb());
        verify(pool, all);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Rule {@code n} adds two tasks to the incidents of its group: those whose title carries the
   * group's tag. The last rules (512 is not a multiple of 5) match a tag no incident carries.
   */
  private static String rule(int n) {
    int group = n / RULES_PER_GROUP;
    return """
        {"properties":{"displayName":"Rule %d","order":%d,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created",
            "conditions":[{"conditionType":"Property","conditionProperties":{
              "propertyName":"IncidentTitle","operator":"Contains","propertyValues":["%s"]}}]},
          "actions":[
            {"order":1,"actionType":"AddIncidentTask","actionConfiguration":{"title":"%s"}},
            {"order":2,"actionType":"AddIncidentTask","actionConfiguration":{"title":"%s"}}]}}"""
        .formatted(n, n % 1000 + 1, tag(group), task(n, 1), task(n, 2));
  }

  private static String tag(int group) {
    return "[g" + group + "]";
  }

  private static String task(int rule, int step) {
    return "Rule " + rule + " step " + step;
  }

  /** The titles of the tasks an incident of {@code group} must carry. */
  private static Set<String> expectedTasks(int group) {
    Set<String> titles = new HashSet<>();
    for (int rule = group * RULES_PER_GROUP; rule < (group + 1) * RULES_PER_GROUP; rule++) {
      titles.add(task(rule, 1));
      titles.add(task(rule, 2));
    }
    return titles;
  }

  /** Reads every incident's tasks back; fails on the first incident without exactly its own. */
  private static void verify(ExecutorService pool, List<Client> clients) throws Exception {
    List<Future<Integer>> checked = new ArrayList<>();
    for (Client client : clients) {
      checked.add(pool.submit(client::verify));
    }
    int total = 0;
    for (Future<Integer> count : checked) {
      total += count.get();
    }
    System.out.printf("verified: all %d incidents carry exactly their 10 tasks%n", total);
  }

  /** One client: the incidents it created, with their groups. */
  private static final class Client {
    private final Api api;
    private final String ws;
    private final String prefix;
    private final ConcurrentLinkedQueue<Map.Entry<String, Integer>> created =
        new ConcurrentLinkedQueue<>();
    private int count;

    Client(Api api, String ws, String prefix) {
      this.api = api;
      this.ws = ws;
      this.prefix = prefix;
    }

    long create() {
      int group = ThreadLocalRandom.current().nextInt(GROUPS);
      String name = prefix + "-" + count++;
      String body = incident(name, group);
      long start = System.nanoTime();
      check(api.put(ws + "/incidents/" + name, body), 201);
      long latency = System.nanoTime() - start;
      created.add(Map.entry(name, group));
      return latency;
    }

    int verify() {
      for (Map.Entry<String, Integer> incident : created) {
        JsonNode tasks =
            check(api.get(ws + "/incidents/" + incident.getKey() + "/tasks?$top=50"), 200)
                .json()
                .path("value");
        Set<String> titles = new HashSet<>();
        tasks.forEach(t -> titles.add(t.path("properties").path("title").asString()));
        if (tasks.size() != 2 * RULES_PER_GROUP
            || !titles.equals(expectedTasks(incident.getValue()))) {
          throw new IllegalStateException(
              "Incident " + incident.getKey() + " has the tasks " + titles);
        }
      }
      return created.size();
    }

    /** An incident of {@code group} from a SIEM: 5 entities, and 2 alerts. */
    private static String incident(String name, int group) {
      String host = "host-" + name;
      return """
          {"properties":{"title":"Suspicious sign-in %s on %s","severity":"Medium","status":"New",
            "providerName":"Bench SIEM","providerIncidentId":"%s",
            "relatedEntities":[
              {"kind":"Account","properties":{"accountName":"user-%s","upnSuffix":"contoso.com"}},
              {"kind":"Host","properties":{"hostName":"%s","dnsDomain":"contoso.com"}},
              {"kind":"Ip","properties":{"address":"203.0.113.%d"}},
              {"kind":"Url","properties":{"url":"https://phish.example/%s"}},
              {"kind":"FileHash","properties":{"algorithm":"SHA256","hashValue":"%064x"}}],
            "alerts":[
              {"systemAlertId":"%s-a1","alertDisplayName":"Impossible travel","severity":"Medium",
                "productName":"Bench SIEM","tactics":["InitialAccess"]},
              {"systemAlertId":"%s-a2","alertDisplayName":"Mail forwarding rule","severity":"Low",
                "productName":"Bench SIEM","tactics":["Collection"]}]}}"""
          .formatted(
              tag(group),
              host,
              name,
              name,
              host,
              Math.floorMod(name.hashCode(), 250),
              name,
              Math.abs((long) name.hashCode()),
              name,
              name);
    }
  }
}
