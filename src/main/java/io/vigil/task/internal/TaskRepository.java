package io.vigil.task.internal;

import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import io.vigil.task.IncidentTask;
import io.vigil.task.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /**
   * What a new task of an incident needs to know, in one round trip: how many tasks the incident
   * has (for its limit), the position at the end of its list, and the workspace's default due time
   * for incidents of {@code severity}, if it has one.
   */
  public record NewTask(long count, long position, Duration dueDefault) {}

  public NewTask newTask(long incidentId, long workspaceId, String severity) {
    return jdbc.sql(
            "SELECT (SELECT COUNT(*) FROM incident_task WHERE incident_id = ?) AS tasks,"
                + " (SELECT COALESCE(MAX(list_position), 0) + 1 FROM incident_task"
                + " WHERE incident_id = ?) AS next_position,"
                + " (SELECT after_created FROM task_due_default"
                + " WHERE workspace_id = ? AND severity = ?) AS due_default")
        .params(incidentId, incidentId, workspaceId, severity)
        .query(
            (rs, i) -> {
              String due = rs.getString("due_default");
              return new NewTask(
                  rs.getLong("tasks"),
                  rs.getLong("next_position"),
                  due == null ? null : Duration.parse(due));
            })
        .single();
  }

  /** Stores a new task; answers its sequence number. */
  public long insert(IncidentTask task) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO incident_task (incident_id, name, name_key, etag, title, description,"
                + " status, mandatory, not_applicable_reason, not_applicable_by,"
                + " not_applicable_time, assigned_to_type, assigned_to_name,"
                + " assigned_to_display_name, due_time, due_after_created, due_source,"
                + " overdue_recorded_time, due_watch, list_position, created_by_type, created_by,"
                + " last_modified_by, completed_by, completed_time, created_time,"
                + " last_modified_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")
        .params(
            values(
                List.of(task.incidentId(), task.name(), task.name().toLowerCase(Locale.ROOT)),
                editable(task),
                Arrays.asList(
                    task.createdByType().name(),
                    write(task.createdBy()),
                    write(task.lastModifiedBy()),
                    write(task.completedBy()),
                    task.completedTimeUtc(),
                    task.createdTimeUtc(),
                    task.lastModifiedTimeUtc())))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public void update(IncidentTask task) {
    jdbc.sql(
            "UPDATE incident_task SET etag = ?, title = ?, description = ?, status = ?,"
                + " mandatory = ?, not_applicable_reason = ?, not_applicable_by = ?,"
                + " not_applicable_time = ?, assigned_to_type = ?, assigned_to_name = ?,"
                + " assigned_to_display_name = ?, due_time = ?, due_after_created = ?,"
                + " due_source = ?, overdue_recorded_time = ?, due_watch = ?, list_position = ?,"
                + " last_modified_by = ?, completed_by = ?, completed_time = ?,"
                + " last_modified_time = ? WHERE id = ?")
        .params(
            values(
                editable(task),
                Arrays.asList(
                    write(task.lastModifiedBy()),
                    write(task.completedBy()),
                    task.completedTimeUtc(),
                    task.lastModifiedTimeUtc(),
                    task.sequence())))
        .update();
  }

  public void delete(long sequence) {
    jdbc.sql("DELETE FROM incident_task WHERE id = ?").param(sequence).update();
  }

  /** Every task of an incident in list order; for reordering, at most the per-incident limit. */
  public List<IncidentTask> all(long incidentId, String incidentResourceId) {
    return jdbc.sql("SELECT * FROM incident_task WHERE incident_id = ? ORDER BY list_position, id")
        .param(incidentId)
        .query((rs, i) -> map(rs, incidentResourceId))
        .list();
  }

  /** Sets the list position of one task; the moved task itself goes through {@link #update}. */
  public void setPosition(long sequence, long position) {
    jdbc.sql("UPDATE incident_task SET list_position = ? WHERE id = ?")
        .params(position, sequence)
        .update();
  }

  /** The mandatory tasks of an incident that are neither Completed nor Not applicable. */
  public List<IncidentTask> openMandatory(long incidentId, String incidentResourceId) {
    return jdbc.sql(
            "SELECT * FROM incident_task WHERE incident_id = ? AND mandatory = TRUE"
                + " AND status <> 'Completed' AND not_applicable_reason IS NULL"
                + " ORDER BY list_position, id")
        .param(incidentId)
        .query((rs, i) -> map(rs, incidentResourceId))
        .list();
  }

  /** A task whose due time has passed while the overdue check waited for it (see V012). */
  public record Lapsed(
      long id,
      String name,
      long incidentId,
      long workspaceId,
      String incidentName,
      String incidentStatus,
      OffsetDateTime dueTime) {}

  /** Up to {@code limit} tasks whose watched due time is before {@code now}, earliest first. */
  public List<Lapsed> lapsed(OffsetDateTime now, int limit) {
    return jdbc.sql(
            "SELECT t.id, t.name, t.incident_id, i.workspace_id, i.name AS incident_name,"
                + " i.status AS incident_status, t.due_watch FROM incident_task t"
                + " JOIN incident i ON i.id = t.incident_id"
                + " WHERE t.due_watch < ? ORDER BY t.due_watch LIMIT ?")
        .params(now, limit)
        .query(
            (rs, i) ->
                new Lapsed(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getLong("incident_id"),
                    rs.getLong("workspace_id"),
                    rs.getString("incident_name"),
                    rs.getString("incident_status"),
                    rs.getObject("due_watch", OffsetDateTime.class)))
        .list();
  }

  /**
   * Stops watching a lapsed task's due time, recording {@code recorded} as when its lapse was
   * noticed (null to stop without recording). False when the task changed since it was found, or
   * another server got there first: then the caller records nothing.
   */
  public boolean stopWatching(Lapsed task, OffsetDateTime recorded) {
    return jdbc.sql(
                "UPDATE incident_task SET due_watch = NULL, overdue_recorded_time = ?"
                    + " WHERE id = ? AND due_watch = ?")
            .params(recorded, task.id(), task.dueTime())
            .update()
        == 1;
  }

  /** The workspace's default due times, relative to the incident's creation, by severity. */
  public Map<String, Duration> dueDefaults(long workspaceId) {
    Map<String, Duration> defaults = new LinkedHashMap<>();
    jdbc.sql("SELECT severity, after_created FROM task_due_default WHERE workspace_id = ?")
        .param(workspaceId)
        .query(
            rs -> {
              defaults.put(rs.getString("severity"), Duration.parse(rs.getString("after_created")));
            });
    return defaults;
  }

  /** Replaces the workspace's default due times. */
  public void replaceDueDefaults(long workspaceId, Map<String, Duration> defaults) {
    jdbc.sql("DELETE FROM task_due_default WHERE workspace_id = ?").param(workspaceId).update();
    defaults.forEach(
        (severity, after) ->
            jdbc.sql(
                    "INSERT INTO task_due_default (workspace_id, severity, after_created)"
                        + " VALUES (?, ?, ?)")
                .params(workspaceId, severity, after.toString())
                .update());
  }

  /**
   * A page of an incident's tasks in list order. The skip token holds the position and id of the
   * last task of the page; a task moved while a client pages may be seen twice or not at all, as
   * with any list that changes between pages.
   */
  public Page<IncidentTask> list(
      long incidentId, String incidentResourceId, int top, String skipToken) {
    long afterPosition = 0;
    long afterId = 0;
    if (skipToken != null) {
      List<String> values = SkipToken.decode(skipToken, 2);
      try {
        afterPosition = Long.parseLong(values.get(0));
        afterId = Long.parseLong(values.get(1));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "The $skipToken is not valid; use the nextLink of the previous page unchanged.");
      }
    }
    List<IncidentTask> rows =
        jdbc.sql(
                "SELECT * FROM incident_task WHERE incident_id = ?"
                    + " AND (list_position > ? OR (list_position = ? AND id > ?))"
                    + " ORDER BY list_position, id LIMIT ?")
            .params(incidentId, afterPosition, afterPosition, afterId, top + 1)
            .query((rs, i) -> map(rs, incidentResourceId))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    IncidentTask last = rows.get(top - 1);
    return new Page<>(
        rows.subList(0, top),
        SkipToken.encode(String.valueOf(last.position()), String.valueOf(last.sequence())));
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
        rs.getBoolean("mandatory"),
        rs.getString("not_applicable_reason") == null
            ? null
            : new IncidentTask.NotApplicable(
                rs.getString("not_applicable_reason"),
                read(rs.getString("not_applicable_by")),
                rs.getObject("not_applicable_time", OffsetDateTime.class)),
        rs.getString("assigned_to_type") == null
            ? null
            : new IncidentTask.Assignee(
                IncidentTask.Assignee.Type.valueOf(rs.getString("assigned_to_type")),
                rs.getString("assigned_to_name"),
                rs.getString("assigned_to_display_name")),
        rs.getObject("due_time", OffsetDateTime.class) == null
            ? null
            : new IncidentTask.Due(
                rs.getObject("due_time", OffsetDateTime.class),
                rs.getString("due_after_created") == null
                    ? null
                    : Duration.parse(rs.getString("due_after_created")),
                IncidentTask.Due.Source.valueOf(rs.getString("due_source"))),
        rs.getObject("overdue_recorded_time", OffsetDateTime.class),
        rs.getLong("list_position"),
        Actor.Type.valueOf(rs.getString("created_by_type")),
        read(rs.getString("created_by")),
        read(rs.getString("last_modified_by")),
        read(rs.getString("completed_by")),
        rs.getObject("completed_time", OffsetDateTime.class),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class));
  }

  /**
   * The values of the columns from {@code etag} to {@code list_position}, in that order: what both
   * an INSERT and an UPDATE write.
   */
  private List<Object> editable(IncidentTask task) {
    IncidentTask.Due due = task.due();
    return Arrays.asList(
        task.etag(),
        task.title(),
        task.description(),
        task.status().name(),
        task.mandatory(),
        reason(task),
        write(task.notApplicable() == null ? null : task.notApplicable().by()),
        task.notApplicable() == null ? null : task.notApplicable().timeUtc(),
        task.assignedTo() == null ? null : task.assignedTo().type().name(),
        task.assignedTo() == null ? null : task.assignedTo().name(),
        task.assignedTo() == null ? null : task.assignedTo().displayName(),
        due == null ? null : due.timeUtc(),
        due == null || due.afterIncidentCreated() == null
            ? null
            : due.afterIncidentCreated().toString(),
        due == null ? null : due.source().name(),
        task.overdueRecordedUtc(),
        // What the overdue check waits for; see V012.
        due == null || task.isSettled() || task.overdueRecordedUtc() != null ? null : due.timeUtc(),
        task.position());
  }

  @SafeVarargs
  private static List<Object> values(List<? extends Object>... parts) {
    List<Object> all = new ArrayList<>();
    for (List<? extends Object> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static String reason(IncidentTask task) {
    return task.notApplicable() == null ? null : task.notApplicable().reason();
  }

  private String write(ClientInfo info) {
    return info == null ? null : mapper.writeValueAsString(info);
  }

  private ClientInfo read(String json) {
    return json == null ? null : mapper.readValue(json, ClientInfo.class);
  }

  /** A task from a row of a query that selects {@code incident_task}'s columns (and others). */
  IncidentTask row(ResultSet rs, String incidentResourceId) throws SQLException {
    return map(rs, incidentResourceId);
  }
}
