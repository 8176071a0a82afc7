package io.vigil.playbook;

import io.vigil.audit.AuditTrail;
import io.vigil.playbook.internal.ConnectionRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connections (Microsoft.Web/connections): what external services playbooks reach, where, and with
 * which credentials. Credentials are write-only: kept sealed, used by the engine, never returned.
 */
@Service
public class ConnectionService {
  private static final Set<String> AUTH_TYPES = Set.of("none", "bearer", "basic", "raw", "apikey");

  /**
   * How long runs may use a connection as they looked it up. A write here reaches the next run at
   * once; one made through another server sharing the database, within this time.
   */
  static final Duration RUN_LOOKUP_LIFETIME = Duration.ofSeconds(5);

  private final ConnectionRepository connections;
  private final AuditTrail audit;
  private final Clock clock;

  /** Connections as runs looked them up, by lower-cased resource id. */
  private final Map<String, Looked> forRuns = new ConcurrentHashMap<>();

  private record Looked(Optional<Connection> connection, long atNanos) {}

  /** Counts writes, so that a lookup that raced one is not kept. */
  private final AtomicLong writes = new AtomicLong();

  ConnectionService(ConnectionRepository connections, AuditTrail audit, Clock clock) {
    this.connections = connections;
    this.audit = audit;
    this.clock = clock;
  }

  public record Saved(Connection connection, boolean created) {}

  /**
   * Creates or replaces a connection: {@code properties.api.id} (ending in the managed API's name)
   * or {@code properties.api.name}, {@code displayName}, and Vigil's {@code parameterValues}:
   * {@code endpoint} and {@code authentication} ({@code {"type": "Bearer", "token": …}}, Basic with
   * username and password, Raw with value, ApiKey with header and value). Left out, the
   * authentication of an existing connection stays.
   */
  @Transactional
  public Saved put(Scope scope, String name, JsonInput body, String expectedEtag, Actor actor) {
    PlaybookService.checkName(name);
    JsonInput properties = body.object("properties");
    String api = api(properties);
    Optional<JsonInput> values = properties.optionalObject("parameterValues");
    String endpoint = values.map(v -> v.optionalString("endpoint", 2048)).orElse(null);
    if (endpoint != null) {
      checkEndpoint(endpoint, values.get().path("endpoint"));
    }
    JsonNode authentication = values.map(v -> v.node().path("authentication")).orElse(null);
    boolean credentialsGiven = authentication != null && authentication.isObject();
    ObjectNode credentials = null;
    if (credentialsGiven) {
      credentials = ((ObjectNode) authentication).deepCopy();
      String type = credentials.path("type").asString("");
      if (!AUTH_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
        throw JsonInput.invalid(
            values.get().path("authentication.type"),
            "must be one of None, Bearer, Basic, Raw, ApiKey");
      }
    }
    OffsetDateTime now = Times.utc(clock.instant());
    Optional<Connection> existing = connections.find(scope.connectionId(name), true);
    Etags.check(expectedEtag, existing.map(Connection::etag).orElse(null));
    Connection connection =
        new Connection(
            existing.map(Connection::id).orElse(0L),
            existing.map(Connection::scope).orElse(scope),
            existing.map(Connection::name).orElse(name),
            Etags.next(),
            api,
            properties.optionalString("displayName", 512),
            endpoint,
            credentialsGiven ? credentials : existing.map(Connection::credentials).orElse(null),
            existing.map(Connection::createdTime).orElse(now),
            now);
    connections.save(connection, existing.isEmpty());
    forgetAfterCommit(connection.resourceId());
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("api", AuditTrail.change(existing.map(Connection::api).orElse(null), api));
    changes.put(
        "endpoint", AuditTrail.change(existing.map(Connection::endpoint).orElse(null), endpoint));
    if (credentialsGiven) {
      changes.put("secret", "changed");
    }
    audit.record(
        actor,
        existing.isEmpty() ? "ConnectionCreated" : "ConnectionUpdated",
        connection.resourceId(),
        changes);
    return new Saved(get(scope, name), existing.isEmpty());
  }

  private static String api(JsonInput properties) {
    JsonNode api = properties.raw("api");
    String id = api == null ? null : api.path("id").asString(api.path("name").asString(null));
    if (id == null || id.isBlank()) {
      throw JsonInput.missing(properties.path("api.id"));
    }
    String name = id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (!name.matches("[a-z0-9_-]{1,128}")) {
      throw JsonInput.invalid(properties.path("api.id"), "must end in a managed API's name");
    }
    return name;
  }

  private static void checkEndpoint(String endpoint, String path) {
    try {
      URI uri = URI.create(endpoint);
      if (uri.getHost() != null
          && (uri.getScheme().equalsIgnoreCase("https")
              || uri.getScheme().equalsIgnoreCase("http"))) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw JsonInput.invalid(path, "must be an http or https URL");
  }

  public Connection get(Scope scope, String name) {
    return connections
        .find(scope.connectionId(name), false)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "The connection '" + scope.connectionId(name) + "' was not found."));
  }

  @Transactional
  public boolean delete(Scope scope, String name, Actor actor) {
    Optional<Connection> existing = connections.find(scope.connectionId(name), true);
    existing.ifPresent(
        c -> {
          connections.delete(c.id());
          forgetAfterCommit(c.resourceId());
          audit.record(actor, "ConnectionDeleted", c.resourceId(), Map.of("api", c.api()));
        });
    return existing.isPresent();
  }

  /**
   * A connection as a run uses it: looked up at most once per {@link #RUN_LOOKUP_LIFETIME} for all
   * runs, since every call a playbook makes through a stored connection would otherwise read and
   * decrypt it again.
   */
  Optional<Connection> forRun(String resourceId) {
    String key = resourceId.toLowerCase(Locale.ROOT);
    long now = System.nanoTime();
    Looked looked = forRuns.get(key);
    if (looked == null || now - looked.atNanos() > RUN_LOOKUP_LIFETIME.toNanos()) {
      long seen = writes.get();
      looked = new Looked(connections.find(key, false), now);
      forRuns.put(key, looked);
      // A write that committed while this one read may have been forgotten before the put.
      if (writes.get() != seen) {
        forRuns.remove(key, looked);
      }
    }
    return looked.connection();
  }

  /**
   * Drops what runs looked up once the writer's transaction commits: before, a run could look the
   * old connection up again and keep it.
   */
  private void forgetAfterCommit(String resourceId) {
    String key = resourceId.toLowerCase(Locale.ROOT);
    forRuns.remove(key);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            writes.incrementAndGet();
            forRuns.remove(key);
          }
        });
  }

  public Page<Connection> list(Scope scope, int top, String skipToken) {
    return connections.list(scope, top, skipToken);
  }
}
