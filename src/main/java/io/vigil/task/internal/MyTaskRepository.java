package io.vigil.task.internal;

import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.shared.Access;
import io.vigil.shared.ApiException;
import io.vigil.shared.Page;
import io.vigil.shared.SortOrder;
import io.vigil.shared.Times;
import io.vigil.task.MyTasks;
import io.vigil.workspace.Workspace;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the "My tasks" queue: one query over tasks joined to their incidents. It finds the tasks
 * through their assignee ({@code incident_task_assignee_ix}: type, name, incident), so it reads
 * only the caller's and their roles' tasks however many others there are, and pages by keyset on
 * the sort key with the task's id as tie-breaker.
 */
@Repository
public class MyTaskRepository {

  /** Where tasks without a due time sort: after every due time. */
  private static final String NEVER = "9999-12-31T23:59:59Z";

  /** The sort keys of the queue: an API path, the SQL that sorts, the value a row has. */
  enum SortKey {
    DUE(
        "properties/due/timeUtc",
        "COALESCE(t.due_time, TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59+00')",
        i -> i.task().due() == null ? NEVER : Times.format(i.task().due().timeUtc())),
    CREATED(
        "properties/createdTimeUtc",
        "t.created_time",
        i -> Times.format(i.task().createdTimeUtc())),
    SEVERITY(
        "properties/incident/severity",
        "i.severity_rank",
        i -> String.valueOf(i.severity().rank())),
    NUMBER(
        "properties/incident/incidentNumber",
        "i.incident_number",
        i -> String.valueOf(i.incidentNumber()));

    final String path;
    final String column;
    final Function<MyTasks.Item, String> value;

    SortKey(String path, String column, Function<MyTasks.Item, String> value) {
      this.path = path;
      this.column = column;
      this.value = value;
    }

    /** The value of a skip token as the database compares it. */
    Object parse(String token) {
      return this == DUE || this == CREATED ? Times.parse(token) : Long.parseLong(token);
    }
  }

  private final JdbcClient jdbc;
  private final TaskRepository tasks;

  MyTaskRepository(JdbcClient jdbc, TaskRepository tasks) {
    this.jdbc = jdbc;
    this.tasks = tasks;
  }

  /**
   * A page of the tasks assigned to {@code username}, or to a role {@code reach} says they hold in
   * the task's workspace, in the workspaces they may read (only {@code workspaceId} when given);
   * {@code now} decides which are overdue.
   */
  public Page<MyTasks.Item> page(
      String username,
      Access.Reach reach,
      Long workspaceId,
      MyTasks.Filter filter,
      OffsetDateTime now,
      String orderBy,
      int top,
      String skipToken,
      LongFunction<Workspace> workspaces) {
    Map<Long, Set<String>> roles = new TreeMap<>(reach.roles());
    if (workspaceId != null) {
      roles.keySet().retainAll(Set.of(workspaceId));
    }
    List<Object> params = new ArrayList<>();
    List<String> mine = new ArrayList<>();
    if (reach.everywhere() || !roles.isEmpty()) {
      // Both spell the user name as the account stores it: assigning a task stores that spelling.
      params.add(username);
      mine.add(
          "t.assigned_to_type = 'User' AND t.assigned_to_name = ?"
              + (reach.everywhere()
                  ? ""
                  : " AND i.workspace_id IN (" + marks(roles.keySet()) + ")"));
      if (!reach.everywhere()) {
        params.addAll(roles.keySet());
      }
    }
    roles.forEach(
        (workspace, names) -> {
          if (!names.isEmpty()) {
            mine.add(
                "t.assigned_to_type = 'Role' AND i.workspace_id = ? AND t.assigned_to_name IN ("
                    + marks(names)
                    + ")");
            params.add(workspace);
            params.addAll(names);
          }
        });
    if (mine.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    StringBuilder where = new StringBuilder("((" + String.join(") OR (", mine) + "))");
    if (workspaceId != null) {
      where.append(" AND i.workspace_id = ?");
      params.add(workspaceId);
    }
    if (!filter.states().isEmpty()) {
      where.append(
          filter.states().stream()
              .map(
                  state ->
                      switch (state) {
                        case New -> "(t.status = 'New' AND t.not_applicable_reason IS NULL)";
                        case Completed -> "t.status = 'Completed'";
                        case NotApplicable -> "t.not_applicable_reason IS NOT NULL";
                      })
              .collect(Collectors.joining(" OR ", " AND (", ")")));
    }
    if (filter.overdue() != null) {
      // As IncidentTask.isOverdue: past its due time, neither Completed nor Not applicable.
      where.append(filter.overdue() ? " AND " : " AND NOT ");
      where.append(
          "(t.due_time IS NOT NULL AND t.due_time < ? AND t.status <> 'Completed'"
              + " AND t.not_applicable_reason IS NULL)");
      params.add(now);
    }
    if (filter.dueBefore() != null) {
      where.append(" AND t.due_time < ?");
      params.add(filter.dueBefore());
    }
    if (!filter.severities().isEmpty()) {
      where.append(" AND i.severity IN (").append(marks(filter.severities())).append(")");
      filter.severities().forEach(s -> params.add(s.name()));
    }
    SortOrder<SortKey> order =
        SortOrder.parse(orderBy, SortKey.class, k -> k.path, new SortOrder<>(SortKey.DUE, false));
    SortKey key = order.key();
    if (skipToken != null && !skipToken.isBlank()) {
      List<String> values = order.values(skipToken, 2);
      try {
        Object last = key.parse(values.get(0));
        long lastId = Long.parseLong(values.get(1));
        where.append(
            " AND (" + key.column + ", t.id) " + (order.descending() ? "<" : ">") + " (?, ?)");
        params.add(last);
        params.add(lastId);
      } catch (RuntimeException e) {
        throw ApiException.badRequest(
            "The $skipToken is not valid; use the nextLink of the previous page unchanged.");
      }
    }
    List<MyTasks.Item> rows =
        jdbc.sql(
                "SELECT t.*, i.workspace_id, i.name AS incident_name, i.incident_number,"
                    + " i.title AS incident_title, i.severity AS incident_severity,"
                    + " i.status AS incident_status FROM incident_task t"
                    + " JOIN incident i ON i.id = t.incident_id WHERE "
                    + where
                    + " ORDER BY "
                    + key.column
                    + order.sql()
                    + ", t.id"
                    + order.sql()
                    + " LIMIT "
                    + (top + 1))
            .params(params)
            .query(
                (rs, n) -> {
                  Workspace workspace = workspaces.apply(rs.getLong("workspace_id"));
                  String incident =
                      workspace.securityInsightsId()
                          + "/incidents/"
                          + rs.getString("incident_name");
                  return new MyTasks.Item(
                      tasks.row(rs, incident),
                      workspace,
                      rs.getString("incident_name"),
                      rs.getLong("incident_number"),
                      rs.getString("incident_title"),
                      Severity.valueOf(rs.getString("incident_severity")),
                      IncidentStatus.valueOf(rs.getString("incident_status")));
                })
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    MyTasks.Item last = rows.get(top - 1);
    return new Page<>(
        rows.subList(0, top),
        order.token(key.value.apply(last), String.valueOf(last.task().sequence())));
  }

  private static String marks(Collection<?> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }
}
