package io.vigil.playbook;

import io.vigil.playbook.connector.OutboundHttp;
import io.vigil.playbook.connector.SentinelConnector;
import io.vigil.playbook.engine.ActionDef;
import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Effects;
import io.vigil.playbook.engine.Journal;
import io.vigil.playbook.engine.RunInfo;
import io.vigil.playbook.engine.Status;
import io.vigil.playbook.internal.ConnectionRepository;
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
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Performs a run's ApiConnection and Http actions. Sentinel's operations change Vigil's own data in
 * one transaction with the action's record (and only while this worker still holds the run), so
 * they happen exactly once. Calls to other services happen at least once: a call cut off by a crash
 * is made again on resume, with the same {@code Idempotency-Key}.
 */
@Component
class Connectors {
  private static final String MASK = "*****";

  private final SentinelConnector sentinel;
  private final OutboundHttp http;
  private final ConnectionRepository connections;
  private final RunRepository runs;
  private final TransactionTemplate transactions;
  private final ObjectMapper mapper;
  private final Clock clock;

  Connectors(
      SentinelConnector sentinel,
      OutboundHttp http,
      ConnectionRepository connections,
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

  Effects forRun(Playbook playbook, ObjectNode parameters, String owner, Journal journal) {
    return (run, action, started, inputs) -> {
      ActionRecord record = started.withInputs(masked(inputs));
      return action.type().equals("Http")
          ? httpAction(run, action, record, inputs, journal)
          : apiConnection(playbook, parameters, owner, run, action, record, inputs, journal);
    };
  }

  private ActionRecord apiConnection(
      Playbook playbook,
      ObjectNode parameters,
      String owner,
      RunInfo run,
      ActionDef action,
      ActionRecord record,
      JsonNode inputs,
      Journal journal) {
    ConnectionRef.Resolution resolution = ConnectionRef.resolve(action.inputs(), parameters);
    if (resolution.ref() == null) {
      return save(journal, failed(record, "InvalidConnection", resolution.problem(), null));
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
        return transactions.execute(
            tx -> {
              if (!runs.holdsLocked(run.runId(), owner)) {
                throw new IllegalStateException("lease lost");
              }
              JsonNode result = sentinel.perform(method, path, body, actor, mayAct);
              ObjectNode outputs = mapper.createObjectNode();
              outputs.put("statusCode", 200);
              outputs.putObject("headers");
              outputs.set("body", result);
              return save(
                  journal, record.finish(Status.Succeeded, "OK", outputs, null, clock.instant()));
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
        return save(
            journal,
            failed(record, OutboundHttp.code(e.status().value()), e.getMessage(), outputs));
      }
    }
    Optional<Connection> connection = connections.find(resolution.ref().connectionId(), false);
    if (connection.isEmpty() || connection.get().endpoint() == null) {
      return save(
          journal,
          failed(
              record,
              "InvalidConnection",
              connection.isEmpty()
                  ? "The connection '" + resolution.ref().connectionId() + "' does not exist."
                  : "The connection '"
                      + connection.get().name()
                      + "' has no endpoint; set its parameterValues.endpoint.",
              null));
    }
    Connection c = connection.get();
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
    return save(journal, outcome(record, http.send(request, journal::cancelRequested)));
  }

  private ActionRecord httpAction(
      RunInfo run, ActionDef action, ActionRecord record, JsonNode inputs, Journal journal) {
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
          Optional<Connection> c = connections.find(id, false);
          if (c.isEmpty()) {
            return save(
                journal,
                failed(
                    record,
                    "InvalidConnection",
                    "The connection '" + id + "' does not exist.",
                    null));
          }
          authenticate(headers, c.get().credentials());
        }
        default -> {
          return save(
              journal,
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
    return save(journal, outcome(record, http.send(request, journal::cancelRequested)));
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

  private ActionRecord failed(ActionRecord record, String code, String message, JsonNode outputs) {
    ObjectNode error = mapper.createObjectNode().put("code", code).put("message", message);
    return record.finish(Status.Failed, code, outputs, error, clock.instant());
  }

  private static ActionRecord save(Journal journal, ActionRecord record) {
    journal.save(record);
    return record;
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
