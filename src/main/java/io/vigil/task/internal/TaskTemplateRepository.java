package io.vigil.task.internal;

import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import io.vigil.task.TaskTemplate;
import io.vigil.task.TaskTemplateJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** SQL for task templates and their versions. */
@Repository
public class TaskTemplateRepository {
  /** A template with the content of one of its versions ({@code v}). */
  private static final String SELECT =
      "SELECT t.id, t.name, t.etag, t.created_by, t.created_time, v.version, v.display_name,"
          + " v.description, v.tasks, v.created_by AS version_by, v.created_time AS version_time"
          + " FROM task_template t JOIN task_template_version v ON v.template_id = t.id";

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  TaskTemplateRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** The current version of a template; {@code lock} holds its row until the transaction ends. */
  public Optional<TaskTemplate> find(long workspaceId, String prefix, String name, boolean lock) {
    if (lock) {
      // Locked on its own: H2 does not lock the rows of a join.
      jdbc.sql("SELECT id FROM task_template WHERE workspace_id = ? AND name_key = ? FOR UPDATE")
          .params(workspaceId, name.toLowerCase(Locale.ROOT))
          .query(Long.class)
          .optional();
    }
    return jdbc.sql(
            SELECT + " WHERE t.workspace_id = ? AND t.name_key = ? AND v.version = t.version")
        .params(workspaceId, name.toLowerCase(Locale.ROOT))
        .query((rs, i) -> map(rs, prefix))
        .optional();
  }

  public Optional<TaskTemplate> version(long workspaceId, String prefix, String name, int version) {
    return jdbc.sql(SELECT + " WHERE t.workspace_id = ? AND t.name_key = ? AND v.version = ?")
        .params(workspaceId, name.toLowerCase(Locale.ROOT), version)
        .query((rs, i) -> map(rs, prefix))
        .optional();
  }

  /** Stores a new template with its first version; answers its id. */
  public long insert(long workspaceId, TaskTemplate template) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO task_template (workspace_id, name, name_key, etag, version, created_by,"
                + " created_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            workspaceId,
            template.name(),
            template.name().toLowerCase(Locale.ROOT),
            template.etag(),
            template.version(),
            mapper.writeValueAsString(template.createdBy()),
            template.createdTimeUtc())
        .update(keys, "id");
    long id = keys.getKey().longValue();
    insertVersion(id, template);
    return id;
  }

  /** Makes {@code template} the current version of its template, keeping the older ones. */
  public void update(TaskTemplate template) {
    jdbc.sql("UPDATE task_template SET etag = ?, version = ? WHERE id = ?")
        .params(template.etag(), template.version(), template.id())
        .update();
    insertVersion(template.id(), template);
  }

  private void insertVersion(long templateId, TaskTemplate template) {
    jdbc.sql(
            "INSERT INTO task_template_version (template_id, version, display_name, description,"
                + " tasks, created_by, created_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            templateId,
            template.version(),
            template.displayName(),
            template.description(),
            mapper.writeValueAsString(TaskTemplateJson.tasks(template.tasks())),
            mapper.writeValueAsString(template.lastModifiedBy()),
            template.lastModifiedTimeUtc())
        .update();
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM task_template WHERE id = ?").param(id).update();
  }

  /** A page of a workspace's templates (current versions) by name; {@code top} 0 for all. */
  public Page<TaskTemplate> list(long workspaceId, String prefix, int top, String skipToken) {
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    String after = "";
    if (skipToken != null) {
      params.add(SkipToken.decode(skipToken, 1).get(0));
      after = " AND t.name_key > ?";
    }
    List<TaskTemplate> rows =
        jdbc.sql(
                SELECT
                    + " WHERE t.workspace_id = ? AND v.version = t.version"
                    + after
                    + " ORDER BY t.name_key"
                    + (top > 0 ? " LIMIT " + (top + 1) : ""))
            .params(params)
            .query((rs, i) -> map(rs, prefix))
            .list();
    if (top == 0 || rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(rows.get(top - 1).name().toLowerCase(Locale.ROOT)));
  }

  /** A page of a template's versions, newest first. */
  public Page<TaskTemplate> versions(long templateId, String prefix, int top, String skipToken) {
    List<Object> params = new ArrayList<>(List.of(templateId));
    String after = "";
    if (skipToken != null) {
      params.add(SkipToken.decodeId(skipToken));
      after = " AND v.version < ?";
    }
    List<TaskTemplate> rows =
        jdbc.sql(SELECT + " WHERE t.id = ?" + after + " ORDER BY v.version DESC LIMIT " + (top + 1))
            .params(params)
            .query((rs, i) -> map(rs, prefix))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(String.valueOf(rows.get(top - 1).version())));
  }

  private TaskTemplate map(ResultSet rs, String prefix) throws SQLException {
    String name = rs.getString("name");
    return new TaskTemplate(
        rs.getLong("id"),
        prefix + "/taskTemplates/" + name,
        name,
        rs.getString("etag"),
        rs.getInt("version"),
        rs.getString("display_name"),
        rs.getString("description"),
        TaskTemplateJson.stored(mapper.readTree(rs.getString("tasks"))),
        mapper.readValue(rs.getString("created_by"), ClientInfo.class),
        rs.getObject("created_time", OffsetDateTime.class),
        mapper.readValue(rs.getString("version_by"), ClientInfo.class),
        rs.getObject("version_time", OffsetDateTime.class));
  }
}
