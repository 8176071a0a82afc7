package io.vigil.notification.internal;

import io.vigil.notification.Notification;
import io.vigil.notification.TaskWebhook;
import io.vigil.notification.WebhookDelivery;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for webhooks and their outbox of deliveries. */
@Repository
public class WebhookRepository {
  private final JdbcClient jdbc;

  WebhookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<TaskWebhook> find(long workspaceId, String name) {
    return jdbc.sql("SELECT * FROM task_webhook WHERE workspace_id = ? AND name_key = ?")
        .params(workspaceId, name.toLowerCase(Locale.ROOT))
        .query((rs, i) -> webhook(rs))
        .optional();
  }

  /** A page of the workspace's webhooks, by name. */
  public Page<TaskWebhook> list(long workspaceId, int top, String skipToken) {
    String after = skipToken == null ? "" : SkipToken.decode(skipToken, 1).get(0);
    List<TaskWebhook> rows =
        jdbc.sql(
                "SELECT * FROM task_webhook WHERE workspace_id = ? AND name_key > ?"
                    + " ORDER BY name_key LIMIT ?")
            .params(workspaceId, after, top + 1)
            .query((rs, i) -> webhook(rs))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(rows.get(top - 1).name().toLowerCase(Locale.ROOT)));
  }

  /** The enabled webhooks of the workspace that subscribe to {@code kind}. */
  public List<TaskWebhook> subscribed(long workspaceId, Notification.Kind kind) {
    return jdbc
        .sql("SELECT * FROM task_webhook WHERE workspace_id = ? AND enabled = TRUE")
        .param(workspaceId)
        .query((rs, i) -> webhook(rs))
        .list()
        .stream()
        .filter(w -> w.eventTypes().contains(kind))
        .toList();
  }

  public void insert(TaskWebhook w, String sealedSecret) {
    jdbc.sql(
            "INSERT INTO task_webhook (workspace_id, name, name_key, etag, url, event_types,"
                + " enabled, secret, created_time, last_modified_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            w.workspaceId(),
            w.name(),
            w.name().toLowerCase(Locale.ROOT),
            w.etag(),
            w.url(),
            types(w.eventTypes()),
            w.enabled(),
            sealedSecret,
            w.createdTimeUtc(),
            w.lastModifiedTimeUtc())
        .update();
  }

  /** Saves a webhook's settings, and its secret unless {@code sealedSecret} is null. */
  public void update(TaskWebhook w, String sealedSecret) {
    jdbc.sql(
            "UPDATE task_webhook SET etag = ?, url = ?, event_types = ?, enabled = ?,"
                + " secret = COALESCE(?, secret), last_modified_time = ? WHERE id = ?")
        .params(
            w.etag(),
            w.url(),
            types(w.eventTypes()),
            w.enabled(),
            sealedSecret,
            w.lastModifiedTimeUtc(),
            w.id())
        .update();
  }

  /** Deletes the webhook with its deliveries. */
  public void delete(long id) {
    jdbc.sql("DELETE FROM task_webhook WHERE id = ?").param(id).update();
  }

  /** Puts a delivery in the outbox, due at once. */
  public void enqueue(
      long webhookId,
      String deliveryId,
      Notification.Kind eventType,
      String incidentName,
      String taskName,
      String payload,
      OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO webhook_delivery (webhook_id, delivery_id, event_type, incident_name,"
                + " task_name, payload, status, attempts, next_attempt_time, created_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'Pending', 0, ?, ?)")
        .params(webhookId, deliveryId, eventType.name(), incidentName, taskName, payload, now, now)
        .update();
  }

  /**
   * The deliveries due at {@code now}, oldest first. Those of a disabled webhook wait until it is
   * enabled again.
   */
  public List<Long> due(OffsetDateTime now, int limit) {
    return jdbc.sql(
            "SELECT d.id FROM webhook_delivery d JOIN task_webhook w ON w.id = d.webhook_id"
                + " WHERE d.next_attempt_time <= ? AND w.enabled = TRUE"
                + " ORDER BY d.next_attempt_time LIMIT ?")
        .params(now, limit)
        .query(Long.class)
        .list();
  }

  /**
   * Takes a due delivery for one attempt: moves its next attempt to {@code leaseUntil} and counts
   * the attempt. The condition makes this an atomic test-and-set, so when several servers poll,
   * only one of them gets it; should that one die mid-attempt, the delivery falls due again when
   * the lease ends.
   */
  public boolean claim(long id, OffsetDateTime now, OffsetDateTime leaseUntil) {
    return jdbc.sql(
                "UPDATE webhook_delivery SET next_attempt_time = ?, attempts = attempts + 1"
                    + " WHERE id = ? AND next_attempt_time <= ?")
            .params(leaseUntil, id, now)
            .update()
        == 1;
  }

  /** What an attempt of a claimed delivery sends, and where. */
  public record Outgoing(
      long id,
      String deliveryId,
      String eventType,
      String payload,
      int attempt,
      String url,
      String sealedSecret) {}

  public Outgoing outgoing(long id) {
    return jdbc.sql(
            "SELECT d.id, d.delivery_id, d.event_type, d.payload, d.attempts, w.url, w.secret"
                + " FROM webhook_delivery d JOIN task_webhook w ON w.id = d.webhook_id"
                + " WHERE d.id = ?")
        .param(id)
        .query(
            (rs, i) ->
                new Outgoing(
                    rs.getLong("id"),
                    rs.getString("delivery_id"),
                    rs.getString("event_type"),
                    rs.getString("payload"),
                    rs.getInt("attempts"),
                    rs.getString("url"),
                    rs.getString("secret")))
        .single();
  }

  /** Logs an attempt and what follows from it: the delivery's status and its next attempt. */
  public void recordAttempt(
      long id,
      WebhookDelivery.Attempt attempt,
      WebhookDelivery.Status status,
      OffsetDateTime nextAttempt) {
    jdbc.sql(
            "INSERT INTO webhook_attempt (delivery_id, attempt, attempted_time, status_code, error)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            id,
            attempt.attempt(),
            attempt.timeUtc(),
            attempt.statusCode() == 0 ? null : attempt.statusCode(),
            attempt.error())
        .update();
    jdbc.sql("UPDATE webhook_delivery SET status = ?, next_attempt_time = ? WHERE id = ?")
        .params(status.name(), nextAttempt, id)
        .update();
  }

  /** A page of a webhook's deliveries, newest first, each with its attempts. */
  public Page<WebhookDelivery> deliveries(long webhookId, int top, String skipToken) {
    long before = skipToken == null ? Long.MAX_VALUE : SkipToken.decodeId(skipToken);
    List<WebhookDelivery> rows =
        jdbc.sql(
                "SELECT * FROM webhook_delivery WHERE webhook_id = ? AND id < ?"
                    + " ORDER BY id DESC LIMIT ?")
            .params(webhookId, before, top + 1)
            .query((rs, i) -> delivery(rs))
            .list();
    String next = null;
    if (rows.size() > top) {
      rows = rows.subList(0, top);
      next = SkipToken.encode(String.valueOf(rows.get(top - 1).id()));
    }
    if (rows.isEmpty()) {
      return new Page<>(rows, null);
    }
    Map<Long, List<WebhookDelivery.Attempt>> attempts =
        jdbc
            .sql(
                "SELECT a.* FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id"
                    + " WHERE d.webhook_id = ? AND d.id BETWEEN ? AND ? ORDER BY a.attempt")
            .params(webhookId, rows.get(rows.size() - 1).id(), rows.get(0).id())
            .query(
                (rs, i) ->
                    Map.entry(
                        rs.getLong("delivery_id"),
                        new WebhookDelivery.Attempt(
                            rs.getInt("attempt"),
                            rs.getObject("attempted_time", OffsetDateTime.class),
                            rs.getInt("status_code"),
                            rs.getString("error"))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return new Page<>(
        rows.stream()
            .map(
                d ->
                    new WebhookDelivery(
                        d.id(),
                        d.deliveryId(),
                        d.eventType(),
                        d.incidentName(),
                        d.taskName(),
                        d.status(),
                        attempts.getOrDefault(d.id(), List.of()),
                        d.nextAttemptTimeUtc(),
                        d.createdTimeUtc()))
            .toList(),
        next);
  }

  private static String types(Set<Notification.Kind> kinds) {
    return kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static TaskWebhook webhook(ResultSet rs) throws SQLException {
    Set<Notification.Kind> kinds = EnumSet.noneOf(Notification.Kind.class);
    Arrays.stream(rs.getString("event_types").split(","))
        .map(Notification.Kind::valueOf)
        .forEach(kinds::add);
    return new TaskWebhook(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getString("name"),
        rs.getString("etag"),
        rs.getString("url"),
        kinds,
        rs.getBoolean("enabled"),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class));
  }

  private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
    return new WebhookDelivery(
        rs.getLong("id"),
        rs.getString("delivery_id"),
        Notification.Kind.valueOf(rs.getString("event_type")),
        rs.getString("incident_name"),
        rs.getString("task_name"),
        WebhookDelivery.Status.valueOf(rs.getString("status")),
        List.of(),
        rs.getObject("next_attempt_time", OffsetDateTime.class),
        rs.getObject("created_time", OffsetDateTime.class));
  }
}
