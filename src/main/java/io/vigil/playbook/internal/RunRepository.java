package io.vigil.playbook.internal;

import io.vigil.playbook.PlaybookRun;
import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Status;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** SQL for runs, their leases, and the records of their actions. */
@Repository
public class RunRepository {
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final ObjectMapper mapper;

  RunRepository(JdbcClient jdbc, JdbcTemplate batch, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.mapper = mapper;
  }

  public long insert(PlaybookRun run) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO playbook_run (playbook_id, name, workspace_id, incident_id, status,"
                + " trigger_name, trigger_body, requested_by, definition, parameters, queued_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            run.playbookId(),
            run.name(),
            run.workspaceId(),
            run.incidentId(),
            run.status().name(),
            run.triggerName(),
            json(run.triggerBody()),
            json(run.requestedBy()),
            json(run.definition()),
            json(run.parameters()),
            run.queuedTime())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** A run nobody holds, as read when it was found. */
  public record Claimable(PlaybookRun run) {
    public long id() {
      return run.id();
    }

    /** Whether it ever started: only a started run can have records. */
    public boolean started() {
      return run.startTime() != null;
    }
  }

  /** Runs nobody holds: queued ones, and running ones whose holder stopped renewing its lease. */
  public List<Claimable> claimable(OffsetDateTime now, int limit) {
    // One branch per status, each an ordered range of the (status, id) index. With both statuses
    // in one condition the database either reads every Waiting and Running entry and sorts them,
    // or walks the primary key past every finished run: a poll then costs in proportion to the
    // queue or to the run history, and the workers poll each time a run ends.
    String unheld = " AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT ?";
    // The whole row, so that the worker that takes the run need not read it again.
    return jdbc.sql(
            "SELECT * FROM ("
                + "(SELECT * FROM playbook_run WHERE status = 'Running'"
                + unheld
                + ") UNION ALL (SELECT * FROM playbook_run WHERE status = 'Waiting'"
                + unheld
                + ")) claimable ORDER BY id LIMIT ?")
        .params(now, limit, now, limit, limit)
        .query((rs, i) -> new Claimable(map(rs)))
        .list();
  }

  /**
   * Takes a run if nobody else took it first — and, for a run {@code claimable} found never
   * started, only if it still never started.
   */
  public boolean claim(Claimable run, String owner, OffsetDateTime now, OffsetDateTime until) {
    return jdbc.sql(
                "UPDATE playbook_run SET lease_owner = ?, lease_until = ?, status = 'Running',"
                    + " start_time = COALESCE(start_time, ?) WHERE id = ?"
                    + " AND status IN ('Waiting', 'Running')"
                    + " AND (lease_until IS NULL OR lease_until < ?)"
                    + (run.started() ? "" : " AND start_time IS NULL"))
            .params(owner, until, now, run.id(), now)
            .update()
        == 1;
  }

  public void renew(String owner, List<Long> ids, OffsetDateTime until) {
    for (long id : ids) {
      jdbc.sql("UPDATE playbook_run SET lease_until = ? WHERE id = ? AND lease_owner = ?")
          .params(until, id, owner)
          .update();
    }
  }

  /** Locks the run's row and answers whether {@code owner} still holds it. */
  public boolean holdsLocked(long id, String owner) {
    return jdbc.sql("SELECT lease_owner FROM playbook_run WHERE id = ? FOR UPDATE")
        .param(id)
        .query(String.class)
        .optional()
        .map(owner::equals)
        .orElse(false);
  }

  public void finish(long id, Status status, JsonNode error, JsonNode outputs, OffsetDateTime end) {
    jdbc.sql(
            "UPDATE playbook_run SET status = ?, error = ?, outputs = ?, end_time = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ?")
        .params(status.name(), json(error), json(outputs), end, id)
        .update();
  }

  public boolean requestCancel(long id) {
    return jdbc.sql(
                "UPDATE playbook_run SET cancel_requested = TRUE WHERE id = ?"
                    + " AND status IN ('Waiting', 'Running')")
            .param(id)
            .update()
        == 1;
  }

  public boolean cancelRequested(long id) {
    return jdbc.sql("SELECT cancel_requested FROM playbook_run WHERE id = ?")
        .param(id)
        .query(Boolean.class)
        .single();
  }

  public Optional<PlaybookRun> find(long playbookId, String name) {
    return jdbc.sql("SELECT * FROM playbook_run WHERE playbook_id = ? AND name = ?")
        .params(playbookId, name)
        .query((rs, i) -> map(rs))
        .optional();
  }

  /**
   * A run's columns as lists read them: without the definition and parameters it was queued with,
   * which no list shows and which would be parsed for every row.
   */
  private static final String LISTED =
      "id, playbook_id, name, workspace_id, incident_id, status, trigger_name, trigger_body,"
          + " requested_by, NULL AS definition, NULL AS parameters, error, outputs,"
          + " cancel_requested, queued_time, start_time, end_time";

  /** A page of a playbook's runs, newest first, without their definitions and parameters. */
  public Page<PlaybookRun> list(long playbookId, Long incidentId, int top, String skipToken) {
    StringBuilder sql =
        new StringBuilder("SELECT " + LISTED + " FROM playbook_run WHERE playbook_id = ?");
    List<Object> params = new ArrayList<>(List.of(playbookId));
    if (incidentId != null) {
      sql.append(" AND incident_id = ?");
      params.add(incidentId);
    }
    if (skipToken != null) {
      sql.append(" AND id < ?");
      params.add(SkipToken.decodeId(skipToken));
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(top + 1);
    List<PlaybookRun> rows =
        jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs)).list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(String.valueOf(rows.get(top - 1).id())));
  }

  /** Deletes finished runs that ended before {@code before}; answers how many. */
  public int deleteFinishedBefore(OffsetDateTime before) {
    return jdbc.sql(
            "DELETE FROM playbook_run WHERE status NOT IN ('Waiting', 'Running') AND end_time < ?")
        .param(before)
        .update();
  }

  // ------------------------------------------------------------ action records

  public List<ActionRecord> actions(long runId) {
    return jdbc.sql("SELECT * FROM playbook_run_action WHERE run_id = ? ORDER BY start_time, id")
        .param(runId)
        .query((rs, i) -> action(rs))
        .list();
  }

  /**
   * Writes action records: inserts the new ones and replaces those {@code stored} says are there,
   * each kind in one batch, so that records written together cost one round trip per kind.
   */
  public void save(long runId, List<ActionRecord> records, Predicate<ActionRecord> stored) {
    List<ActionRecord> inserts = new ArrayList<>();
    List<ActionRecord> updates = new ArrayList<>();
    for (ActionRecord record : records) {
      (stored.test(record) ? updates : inserts).add(record);
    }
    if (!updates.isEmpty()) {
      int[] updated =
          batch.batchUpdate(
              "UPDATE playbook_run_action SET status = ?, code = ?, inputs = ?, outputs = ?,"
                  + " error = ?, end_time = ? WHERE run_id = ? AND action_name = ?"
                  + " AND repetition = ?",
              updates.stream()
                  .map(
                      r ->
                          new Object[] {
                            r.status().name(),
                            r.code(),
                            json(r.inputs()),
                            json(r.outputs()),
                            json(r.error()),
                            time(r.endTime()),
                            runId,
                            r.name(),
                            r.repetition()
                          })
                  .toList());
      for (int i = 0; i < updated.length; i++) {
        if (updated[i] == 0) {
          inserts.add(updates.get(i));
        }
      }
    }
    if (!inserts.isEmpty()) {
      batch.batchUpdate(
          "INSERT INTO playbook_run_action (run_id, action_name, repetition, action_type,"
              + " status, code, inputs, outputs, error, start_time, end_time)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          inserts.stream()
              .map(
                  r ->
                      new Object[] {
                        runId,
                        r.name(),
                        r.repetition(),
                        r.type(),
                        r.status().name(),
                        r.code(),
                        json(r.inputs()),
                        json(r.outputs()),
                        json(r.error()),
                        time(r.startTime()),
                        time(r.endTime())
                      })
              .toList());
    }
  }

  private String json(JsonNode node) {
    return node == null ? null : mapper.writeValueAsString(node);
  }

  private JsonNode read(String text) {
    return text == null ? null : mapper.readTree(text);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private ActionRecord action(ResultSet rs) throws SQLException {
    return new ActionRecord(
        rs.getString("action_name"),
        rs.getString("repetition"),
        rs.getString("action_type"),
        Status.valueOf(rs.getString("status")),
        rs.getString("code"),
        read(rs.getString("inputs")),
        read(rs.getString("outputs")),
        read(rs.getString("error")),
        instant(rs, "start_time"),
        instant(rs, "end_time"));
  }

  private PlaybookRun map(ResultSet rs) throws SQLException {
    return new PlaybookRun(
        rs.getLong("id"),
        rs.getLong("playbook_id"),
        rs.getString("name"),
        (Long) rs.getObject("workspace_id", Long.class),
        (Long) rs.getObject("incident_id", Long.class),
        Status.valueOf(rs.getString("status")),
        rs.getString("trigger_name"),
        read(rs.getString("trigger_body")),
        read(rs.getString("requested_by")),
        (ObjectNode) read(rs.getString("definition")),
        (ObjectNode) read(rs.getString("parameters")),
        read(rs.getString("error")),
        read(rs.getString("outputs")),
        rs.getBoolean("cancel_requested"),
        rs.getObject("queued_time", OffsetDateTime.class),
        rs.getObject("start_time", OffsetDateTime.class),
        rs.getObject("end_time", OffsetDateTime.class));
  }
}
