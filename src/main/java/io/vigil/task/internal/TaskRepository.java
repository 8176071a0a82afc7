package io.vigil.task.internal;

import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import io.vigil.task.IncidentTask;
import io.vigil.task.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** SQL for incident tasks. */
@Repository
public class TaskRepository {
  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  TaskRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public Optional<IncidentTask> find(long incidentId, String incidentResourceId, String name) {
    return jdbc.sql("SELECT * FROM incident_task WHERE incident_id = ? AND name_key = ?")
        .params(incidentId, name.toLowerCase(Locale.ROOT))
        .query((rs, i) -> map(rs, incidentResourceId))
        .optional();
  }

  public long count(long incidentId) {
    return jdbc.sql("SELECT COUNT(*) FROM incident_task WHERE incident_id = ?")
        .param(incidentId)
        .query(Long.class)
        .single();
  }

  /** Stores a new task; answers its sequence number. */
  public long insert(IncidentTask task) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO incident_task (incident_id, name, name_key, etag, title, description,"
                + " status, created_by_type, created_by, last_modified_by, completed_by,"
                + " completed_time, created_time, last_modified_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            task.incidentId(),
            task.name(),
            task.name().toLowerCase(Locale.ROOT),
            task.etag(),
            task.title(),
            task.description(),
            task.status().name(),
            task.createdByType().name(),
            write(task.createdBy()),
            write(task.lastModifiedBy()),
            write(task.completedBy()),
            task.completedTimeUtc(),
            task.createdTimeUtc(),
            task.lastModifiedTimeUtc())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public void update(IncidentTask task) {
    jdbc.sql(
            "UPDATE incident_task SET etag = ?, title = ?, description = ?, status = ?,"
                + " last_modified_by = ?, completed_by = ?, completed_time = ?,"
                + " last_modified_time = ? WHERE id = ?")
        .params(
            task.etag(),
            task.title(),
            task.description(),
            task.status().name(),
            write(task.lastModifiedBy()),
            write(task.completedBy()),
            task.completedTimeUtc(),
            task.lastModifiedTimeUtc(),
            task.sequence())
        .update();
  }

  public void delete(long sequence) {
    jdbc.sql("DELETE FROM incident_task WHERE id = ?").param(sequence).update();
  }

  /** A page of an incident's tasks in creation order. */
  public Page<IncidentTask> list(
      long incidentId, String incidentResourceId, int top, String skipToken) {
    long after = skipToken == null ? 0 : SkipToken.decodeId(skipToken);
    List<IncidentTask> rows =
        jdbc.sql("SELECT * FROM incident_task WHERE incident_id = ? AND id > ? ORDER BY id LIMIT ?")
            .params(incidentId, after, top + 1)
            .query((rs, i) -> map(rs, incidentResourceId))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(String.valueOf(rows.get(top - 1).sequence())));
  }

  private IncidentTask map(ResultSet rs, String incidentResourceId) throws SQLException {
    String name = rs.getString("name");
    return new IncidentTask(
        rs.getLong("id"),
        rs.getLong("incident_id"),
        incidentResourceId + "/tasks/" + name,
        name,
        rs.getString("etag"),
        rs.getString("title"),
        rs.getString("description"),
        TaskStatus.valueOf(rs.getString("status")),
        Actor.Type.valueOf(rs.getString("created_by_type")),
        read(rs.getString("created_by")),
        read(rs.getString("last_modified_by")),
        read(rs.getString("completed_by")),
        rs.getObject("completed_time", OffsetDateTime.class),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class));
  }

  private String write(ClientInfo info) {
    return info == null ? null : mapper.writeValueAsString(info);
  }

  private ClientInfo read(String json) {
    return json == null ? null : mapper.readValue(json, ClientInfo.class);
  }
}
