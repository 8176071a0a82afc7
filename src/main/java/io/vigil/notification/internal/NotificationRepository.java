package io.vigil.notification.internal;

import io.vigil.notification.Notification;
import io.vigil.shared.Actor;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for notifications. Every read and write names the recipient, so nobody reaches another's. */
@Repository
public class NotificationRepository {
  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String recipient, Notification n) {
    jdbc.sql(
            "INSERT INTO notification (recipient_key, kind, workspace_id, incident_name,"
                + " incident_number, incident_title, task_name, task_title, actor_type, actor_name,"
                + " created_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            key(recipient),
            n.kind().name(),
            n.workspaceId(),
            n.incidentName(),
            n.incidentNumber(),
            n.incidentTitle(),
            n.taskName(),
            n.taskTitle(),
            n.actorType().name(),
            n.actorName(),
            n.createdTimeUtc())
        .update();
  }

  /** A page of the recipient's notifications, newest first. */
  public Page<Notification> list(String recipient, boolean unreadOnly, int top, String skipToken) {
    long before = skipToken == null ? Long.MAX_VALUE : SkipToken.decodeId(skipToken);
    List<Notification> rows =
        jdbc.sql(
                "SELECT * FROM notification WHERE recipient_key = ? AND id < ?"
                    + (unreadOnly ? " AND read_time IS NULL" : "")
                    + " ORDER BY id DESC LIMIT ?")
            .params(key(recipient), before, top + 1)
            .query((rs, i) -> map(rs))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(String.valueOf(rows.get(top - 1).id())));
  }

  public long unreadCount(String recipient) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM notification WHERE recipient_key = ? AND read_time IS NULL")
        .param(key(recipient))
        .query(Long.class)
        .single();
  }

  public Optional<Notification> find(String recipient, long id) {
    return jdbc.sql("SELECT * FROM notification WHERE recipient_key = ? AND id = ?")
        .params(key(recipient), id)
        .query((rs, i) -> map(rs))
        .optional();
  }

  /** Marks one notification read, unless it already is (it keeps when it was first read). */
  public void markRead(String recipient, long id, OffsetDateTime now) {
    jdbc.sql(
            "UPDATE notification SET read_time = ? WHERE recipient_key = ? AND id = ?"
                + " AND read_time IS NULL")
        .params(now, key(recipient), id)
        .update();
  }

  /** Marks every unread notification read; answers how many. */
  public int markAllRead(String recipient, OffsetDateTime now) {
    return jdbc.sql(
            "UPDATE notification SET read_time = ? WHERE recipient_key = ? AND read_time IS NULL")
        .params(now, key(recipient))
        .update();
  }

  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  private static Notification map(ResultSet rs) throws SQLException {
    return new Notification(
        rs.getLong("id"),
        Notification.Kind.valueOf(rs.getString("kind")),
        rs.getLong("workspace_id"),
        rs.getString("incident_name"),
        rs.getLong("incident_number"),
        rs.getString("incident_title"),
        rs.getString("task_name"),
        rs.getString("task_title"),
        Actor.Type.valueOf(rs.getString("actor_type")),
        rs.getString("actor_name"),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("read_time", OffsetDateTime.class));
  }
}
