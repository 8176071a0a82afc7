package io.vigil.playbook;

import io.vigil.playbook.connector.OutboundHttp;
import io.vigil.playbook.connector.SentinelConnector;
import io.vigil.playbook.engine.ActionDef;
import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Effects;
import io.vigil.playbook.engine.Journal;
import io.vigil.playbook.engine.RunInfo;
import io.vigil.playbook.engine.Status;
import io.vigil.playbook.internal.RunRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Performs a run's ApiConnection and Http actions. Sentinel's operations that change Vigil's own
 * data do so in one transaction with the action's record (and only while this worker still holds
 * the run), so they happen exactly once. Calls to other services happen at least once: a call cut
 * off by a crash is made again on resume, with the same {@code Idempotency-Key}. The records of
 * Sentinel's reads, and of actions refused before anything happened, are only held (see {@link
 * Journal#hold}).
 */
@Component
class Connectors {
  private static final String MASK = "*****";

  private final SentinelConnector sentinel;
  private final OutboundHttp http;
  private final ConnectionService connections;
  private final RunRepository runs;
  private final TransactionTemplate transactions;
  private final ObjectMapper mapper;
  private final Clock clock;

  Connectors(
      SentinelConnector sentinel,
      OutboundHttp http,
      ConnectionService connections,
      RunRepository runs,
      PlatformTransactionManager transactions,
      ObjectMapper mapper,
      Clock clock) {
    this.sentinel = sentinel;
    this.http = http;
    this.connections = connections;
    this.runs = runs;
    this.transactions = new TransactionTemplate(transactions);
    this.mapper = mapper;
    this.clock = clock;
  }

  Effects forRun(PlaybookRef playbook, ObjectNode parameters, String owner, Journal journal) {
    return new RunEffects(playbook, parameters, owner, journal);
  }

  /** One run's effects: what it needs to know of its run, and the connections it looked up. */
  private final class RunEffects implements Effects {
    private final PlaybookRef playbook;
    private final ObjectNode parameters;
    private final String owner;
    private final Journal journal;

    /** A run uses each stored connection as it first looked it up. */
    private final Map<String, Optional<Connection>> found = new ConcurrentHashMap<>();

    RunEffects(PlaybookRef playbook, ObjectNode parameters, String owner, Journal journal) {
      this.playbook = playbook;
      this.parameters = parameters;
      this.owner = owner;
      this.journal = journal;
    }

    @Override
    public ActionRecord perform(
        RunInfo run, ActionDef action, ActionRecord started, JsonNode inputs) {
      ActionRecord record = started.withInputs(masked(inputs));
      return action.type().equals("Http")
          ? httpAction(run, action, record, inputs)
          : apiConnection(run, action, record, inputs);
    }

    private Optional<Connection> connection(String id) {
      return found.computeIfAbsent(id, connections::forRun);
    }

    private ActionRecord save(ActionRecord record) {
      journal.save(record);
      return record;
    }

    private ActionRecord hold(ActionRecord record) {
      journal.hold(record);
      return record;
    }

    private ActionRecord apiConnection(
        RunInfo run, ActionDef action, ActionRecord record, JsonNode inputs) {
      ConnectionRef.Resolution resolution = ConnectionRef.resolve(action.inputs(), parameters);
      if (resolution.ref() == null) {
        return hold(failed(record, "InvalidConnection", resolution.problem(), null));
      }
      String method = inputs.path("method").asString("get");
      String path = inputs.path("path").asString("");
      JsonNode body = inputs.path("body");
      if (resolution.ref().isSentinel()) {
        Actor actor = Actor.playbook(playbook.resourceId(), playbook.name());
        Predicate<Workspace> mayAct =
            workspace ->
                (run.workspaceId() != null && workspace.id() == run.workspaceId())
                    || new Scope(workspace.subscriptionId(), workspace.resourceGroup())
                        .key()
                        .equals(playbook.scope().key());
        try {
          if (SentinelConnector.readOnly(method, path)) {
            // Nothing changes: done again on resume, its record need not be written at once.
            return hold(succeeded(record, sentinel.perform(method, path, body, actor, mayAct)));
          }
          return transactions.execute(
              tx -> {
                if (!runs.holdsLocked(run.runId(), owner)) {
                  throw new IllegalStateException("lease lost");
                }
                JsonNode result = sentinel.perform(method, path, body, actor, mayAct);
                return save(succeeded(record, result));
              });
        } catch (ApiException e) {
          ObjectNode outputs = mapper.createObjectNode();
          outputs.put("statusCode", e.status().value());
          ObjectNode error =
              outputs
                  .putObject("body")
                  .putObject("error")
                  .put("code", e.code())
                  .put("message", e.getMessage());
          if (!e.details().isEmpty()) {
            // As the REST API answers it: e.g. the mandatory tasks that keep an incident open.
            error.set("details", mapper.valueToTree(e.details()));
          }
          // Refused, so nothing changed.
          return hold(
              failed(record, OutboundHttp.code(e.status().value()), e.getMessage(), outputs));
        }
      }
      Optional<Connection> stored = connection(resolution.ref().connectionId());
      if (stored.isEmpty() || stored.get().endpoint() == null) {
        return hold(
            failed(
                record,
                "InvalidConnection",
                stored.isEmpty()
                    ? "The connection '" + resolution.ref().connectionId() + "' does not exist."
                    : "The connection '"
                        + stored.get().name()
                        + "' has no endpoint; set its parameterValues.endpoint.",
                null));
      }
      Connection c = stored.get();
      Map<String, String> headers = new LinkedHashMap<>(strings(inputs.path("headers")));
      authenticate(headers, c.credentials());
      OutboundHttp.Request request =
          new OutboundHttp.Request(
              method,
              stripSlash(c.endpoint()) + connectorPath(resolution.ref().api(), path),
              headers,
              strings(inputs.path("queries")),
              body,
              inputs.get("retryPolicy"),
              timeout(action),
              idempotencyKey(run, record));
      return save(outcome(record, http.send(request, journal::cancelRequested)));
    }

    private ActionRecord httpAction(
        RunInfo run, ActionDef action, ActionRecord record, JsonNode inputs) {
      Map<String, String> headers = new LinkedHashMap<>(strings(inputs.path("headers")));
      JsonNode auth = inputs.path("authentication");
      if (auth.isObject()) {
        String type = auth.path("type").asString("").toLowerCase(Locale.ROOT);
        switch (type) {
          case "basic" ->
              headers.put(
                  "Authorization",
                  OutboundHttp.basic(
                      auth.path("username").asString(""), auth.path("password").asString("")));
          case "raw" -> headers.put("Authorization", auth.path("value").asString(""));
          case "connection" -> {
            String id = auth.path("connection").asString(auth.path("name").asString(""));
            Optional<Connection> c = connection(id);
            if (c.isEmpty()) {
              return hold(
                  failed(
                      record,
                      "InvalidConnection",
                      "The connection '" + id + "' does not exist.",
                      null));
            }
            authenticate(headers, c.get().credentials());
          }
          default -> {
            return hold(
                failed(
                    record,
                    "InvalidAuthentication",
                    "The authentication type '"
                        + auth.path("type").asString("")
                        + "' is not supported; use Basic, Raw or Connection.",
                    null));
          }
        }
      }
      OutboundHttp.Request request =
          new OutboundHttp.Request(
              inputs.path("method").asString("GET"),
              inputs.path("uri").asString(""),
              headers,
              strings(inputs.path("queries")),
              inputs.path("body"),
              inputs.get("retryPolicy"),
              timeout(action),
              idempotencyKey(run, record));
      return save(outcome(record, http.send(request, journal::cancelRequested)));
    }
  }

  /** Identity protection's operations go to Microsoft Graph's riskyUsers endpoints. */
  static String connectorPath(String api, String path) {
    if (api.equals("azureadip")) {
      String p = path.replaceFirst("(?i)^/(beta|v1\\.0)", "");
      return p.toLowerCase(Locale.ROOT).startsWith("/identityprotection")
          ? p
          : "/identityProtection" + p;
    }
    return path;
  }

  private void authenticate(Map<String, String> headers, ObjectNode credentials) {
    if (credentials == null) {
      return;
    }
    switch (credentials.path("type").asString("").toLowerCase(Locale.ROOT)) {
      case "bearer" ->
          headers.put("Authorization", "Bearer " + credentials.path("token").asString(""));
      case "basic" ->
          headers.put(
              "Authorization",
              OutboundHttp.basic(
                  credentials.path("username").asString(""),
                  credentials.path("password").asString("")));
      case "raw" -> headers.put("Authorization", credentials.path("value").asString(""));
      case "apikey" ->
          headers.put(
              credentials.path("header").asString("X-Api-Key"),
              credentials.path("value").asString(""));
      default -> {}
    }
  }

  private ActionRecord outcome(ActionRecord record, OutboundHttp.Response response) {
    if (response.failed()) {
      return failed(record, response.failureCode(), response.failure(), response.outputs());
    }
    return record.finish(Status.Succeeded, "OK", response.outputs(), null, clock.instant());
  }

  /** A Sentinel operation's record: its answer, as a 200 response. */
  private ActionRecord succeeded(ActionRecord record, JsonNode result) {
    ObjectNode outputs = mapper.createObjectNode();
    outputs.put("statusCode", 200);
    outputs.putObject("headers");
    outputs.set("body", result);
    return record.finish(Status.Succeeded, "OK", outputs, null, clock.instant());
  }

  private ActionRecord failed(ActionRecord record, String code, String message, JsonNode outputs) {
    ObjectNode error = mapper.createObjectNode().put("code", code).put("message", message);
    return record.finish(Status.Failed, code, outputs, error, clock.instant());
  }

  private static String idempotencyKey(RunInfo run, ActionRecord record) {
    return run.runName()
        + "/"
        + record.name()
        + (record.repetition().isEmpty() ? "" : "/" + record.repetition());
  }

  private static Duration timeout(ActionDef action) {
    String limit = action.json().path("limit").path("timeout").asString(null);
    try {
      return limit == null ? null : Duration.parse(limit);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object
        .properties()
        .forEach(
            e ->
                out.put(
                    e.getKey(),
                    e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
    return out;
  }

  private static String stripSlash(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** The inputs as recorded in the run history: credentials in them are masked. */
  private JsonNode masked(JsonNode inputs) {
    if (!inputs.path("authentication").isObject()) {
      return inputs;
    }
    ObjectNode copy = ((ObjectNode) inputs).deepCopy();
    ObjectNode auth = (ObjectNode) copy.get("authentication");
    for (String secret : new String[] {"password", "value", "secret", "token", "pfx"}) {
      if (auth.has(secret)) {
        auth.put(secret, MASK);
      }
    }
    return copy;
  }
}
