package io.vigil.incident.internal;

import io.vigil.incident.Classification;
import io.vigil.incident.ClassificationReason;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentRef;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Label;
import io.vigil.incident.LabelType;
import io.vigil.incident.Owner;
import io.vigil.incident.OwnerType;
import io.vigil.incident.Severity;
import io.vigil.shared.SideTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for incidents and their labels. */
@Repository
public class IncidentRepository {
  /** The start of every query for incidents, alias {@code i}; see {@link #complete}. */
  static final String SELECT = "SELECT i.* FROM incident i";

  private final JdbcClient jdbc;
  private final JsonColumns json;
  private final SideTransactions side;

  IncidentRepository(JdbcClient jdbc, JsonColumns json, SideTransactions side) {
    this.jdbc = jdbc;
    this.json = json;
    this.side = side;
  }

  /**
   * Hands out the next incident number of a workspace, in a transaction of its own that commits at
   * once: the counter row is locked only while it is counted, not for the whole of the creating
   * transaction (which runs the workspace's automation rules), so concurrent creations do not queue
   * behind each other. Numbers are never handed out twice; one taken by a creation that then fails
   * is not reused, leaving a gap. The first incident of a workspace creates the counter, and a
   * concurrent first incident waits for it (ON CONFLICT) instead of failing.
   */
  public long nextNumber(long workspaceId) {
    return side.run(
        jdbc -> {
          jdbc.sql(
                  "INSERT INTO incident_number (workspace_id, last_number) VALUES (?, 0)"
                      + " ON CONFLICT DO NOTHING")
              .param(workspaceId)
              .update();
          jdbc.sql(
                  "UPDATE incident_number SET last_number = last_number + 1"
                      + " WHERE workspace_id = ?")
              .param(workspaceId)
              .update();
          return jdbc.sql("SELECT last_number FROM incident_number WHERE workspace_id = ?")
              .param(workspaceId)
              .query(Long.class)
              .single();
        });
  }

  /**
   * The incident named {@code name} in the workspace; with {@code lock}, its row stays locked until
   * the transaction ends, so that concurrent changes to it and its children serialise.
   */
  public Optional<Incident> find(
      long workspaceId, String name, boolean lock, LongFunction<String> resourceIds) {
    Optional<Incident> incident =
        jdbc.sql(
                SELECT
                    + " WHERE i.workspace_id = ? AND i.name_key = ?"
                    + (lock ? " FOR UPDATE OF i" : ""))
            .params(workspaceId, key(name))
            .query((rs, i) -> map(rs, resourceIds))
            .optional();
    return incident.map(found -> complete(List.of(found)).get(0));
  }

  /**
   * Locks the incident named {@code name} until the transaction ends, answering only what a change
   * to something that hangs off it (a task, a comment) needs: no labels, no counts.
   */
  public Optional<IncidentRef> lock(
      long workspaceId, String name, LongFunction<String> resourceIds) {
    return jdbc.sql(
            "SELECT id, workspace_id, name, severity, created_time FROM incident"
                + " WHERE workspace_id = ? AND name_key = ? FOR UPDATE")
        .params(workspaceId, key(name))
        .query(
            (rs, i) ->
                new IncidentRef(
                    rs.getLong("id"),
                    rs.getLong("workspace_id"),
                    rs.getString("name"),
                    resourceIds.apply(rs.getLong("workspace_id"))
                        + "/incidents/"
                        + rs.getString("name"),
                    Severity.valueOf(rs.getString("severity")),
                    rs.getObject("created_time", OffsetDateTime.class)))
        .optional();
  }

  public long insert(Incident incident) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO incident (workspace_id, name, name_key, incident_number, etag, title,"
                + " description, severity, severity_rank, status, classification,"
                + " classification_reason, classification_comment, owner_object_id, owner_email,"
                + " owner_assigned_to, owner_upn, owner_type, first_activity_time,"
                + " last_activity_time, created_time, last_modified_time, provider_name,"
                + " provider_incident_id, related_rule_ids, alerts_count, comments_count,"
                + " alert_product_names, tactics, techniques) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            incident.workspaceId(),
            incident.name(),
            key(incident.name()),
            incident.incidentNumber(),
            incident.etag(),
            incident.title(),
            incident.description(),
            incident.severity().name(),
            incident.severity().rank(),
            incident.status().name(),
            name(incident.classification()),
            name(incident.classificationReason()),
            incident.classificationComment(),
            incident.owner().objectId(),
            incident.owner().email(),
            incident.owner().assignedTo(),
            incident.owner().userPrincipalName(),
            incident.owner().ownerType().name(),
            incident.firstActivityTimeUtc(),
            incident.lastActivityTimeUtc(),
            incident.createdTimeUtc(),
            incident.lastModifiedTimeUtc(),
            incident.providerName(),
            incident.providerIncidentId(),
            json.write(incident.relatedAnalyticRuleIds()),
            incident.alertsCount(),
            incident.commentsCount(),
            json.write(incident.alertProductNames()),
            json.write(incident.tactics()),
            json.write(incident.techniques()))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    insertLabels(id, incident.labels());
    return id;
  }

  /** Replaces every stored property of the incident with those of {@code incident}. */
  public void update(Incident incident) {
    jdbc.sql(
            "UPDATE incident SET etag = ?, title = ?, description = ?, severity = ?,"
                + " severity_rank = ?, status = ?, classification = ?, classification_reason = ?,"
                + " classification_comment = ?, owner_object_id = ?, owner_email = ?,"
                + " owner_assigned_to = ?, owner_upn = ?, owner_type = ?,"
                + " first_activity_time = ?, last_activity_time = ?, last_modified_time = ?,"
                + " provider_name = ?, provider_incident_id = ?, related_rule_ids = ?,"
                + " alerts_count = ?, alert_product_names = ?, tactics = ?, techniques = ?"
                + " WHERE id = ?")
        .params(
            incident.etag(),
            incident.title(),
            incident.description(),
            incident.severity().name(),
            incident.severity().rank(),
            incident.status().name(),
            name(incident.classification()),
            name(incident.classificationReason()),
            incident.classificationComment(),
            incident.owner().objectId(),
            incident.owner().email(),
            incident.owner().assignedTo(),
            incident.owner().userPrincipalName(),
            incident.owner().ownerType().name(),
            incident.firstActivityTimeUtc(),
            incident.lastActivityTimeUtc(),
            incident.lastModifiedTimeUtc(),
            incident.providerName(),
            incident.providerIncidentId(),
            json.write(incident.relatedAnalyticRuleIds()),
            incident.alertsCount(),
            json.write(incident.alertProductNames()),
            json.write(incident.tactics()),
            json.write(incident.techniques()),
            incident.id())
        .update();
    jdbc.sql("DELETE FROM incident_label WHERE incident_id = ?").param(incident.id()).update();
    insertLabels(incident.id(), incident.labels());
  }

  /** Moves the comment count by {@code delta}, atomically. */
  public void addToCommentsCount(long incidentId, int delta) {
    jdbc.sql("UPDATE incident SET comments_count = comments_count + ? WHERE id = ?")
        .params(delta, incidentId)
        .update();
  }

  public void delete(long incidentId) {
    jdbc.sql("DELETE FROM incident WHERE id = ?").param(incidentId).update();
  }

  /** Runs a list query built by {@link IncidentQuery}; answers at most {@code limit} rows. */
  public List<Incident> query(String sql, List<Object> params, LongFunction<String> resourceIds) {
    List<Incident> rows =
        jdbc.sql(sql).params(params).query((rs, i) -> map(rs, resourceIds)).list();
    return complete(rows);
  }

  private void insertLabels(long incidentId, List<Label> labels) {
    int position = 0;
    for (Label label : labels) {
      jdbc.sql(
              "INSERT INTO incident_label (incident_id, position, name, name_key, label_type)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(
              incidentId,
              position++,
              label.labelName(),
              key(label.labelName()),
              label.labelType().name())
          .update();
    }
  }

  /**
   * Adds to incidents as read their labels and task counts, each in one query for the whole page.
   * The task counts are counted here rather than kept on the incident's row: a counter there would
   * be updated by every task written, so that adding ten tasks to a new incident rewrote its (wide)
   * row ten times, and inside the savepoints automation actions run in, each of those updates made
   * PostgreSQL record the row's lockers as a new MultiXact (docs/benchmarks.md, "Ingestion with
   * automation"). One grouped query for the page, through the index on {@code incident_task
   * (incident_id, status)}, costs H2 far less than a subquery per incident.
   */
  private List<Incident> complete(List<Incident> incidents) {
    if (incidents.isEmpty()) {
      return incidents;
    }
    String ids =
        incidents.stream().map(i -> String.valueOf(i.id())).collect(Collectors.joining(","));
    Map<Long, List<Label>> labels = new HashMap<>();
    jdbc.sql(
            "SELECT incident_id, name, label_type FROM incident_label WHERE incident_id IN ("
                + ids
                + ") ORDER BY incident_id, position")
        .query(
            rs -> {
              labels
                  .computeIfAbsent(rs.getLong("incident_id"), k -> new ArrayList<>())
                  .add(
                      new Label(
                          rs.getString("name"), LabelType.valueOf(rs.getString("label_type"))));
            });
    Map<Long, int[]> counts = new HashMap<>();
    jdbc.sql(
            "SELECT incident_id, COUNT(*) AS tasks,"
                + " SUM(CASE WHEN status = 'Completed' THEN 1 ELSE 0 END) AS completed"
                + " FROM incident_task WHERE incident_id IN ("
                + ids
                + ") GROUP BY incident_id")
        .query(
            rs -> {
              counts.put(
                  rs.getLong("incident_id"),
                  new int[] {rs.getInt("tasks"), rs.getInt("completed")});
            });
    return incidents.stream()
        .map(
            i -> {
              int[] count = counts.getOrDefault(i.id(), new int[2]);
              return i.withLabelsAndTaskCounts(
                  labels.getOrDefault(i.id(), List.of()), count[0], count[1]);
            })
        .toList();
  }

  private Incident map(ResultSet rs, LongFunction<String> resourceIds) throws SQLException {
    String ownerType = rs.getString("owner_type");
    Owner owner =
        new Owner(
            rs.getString("owner_object_id"),
            rs.getString("owner_email"),
            rs.getString("owner_assigned_to"),
            rs.getString("owner_upn"),
            ownerType == null ? OwnerType.Unknown : OwnerType.valueOf(ownerType));
    String classification = rs.getString("classification");
    String reason = rs.getString("classification_reason");
    String name = rs.getString("name");
    return new Incident(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        resourceIds.apply(rs.getLong("workspace_id")) + "/incidents/" + name,
        name,
        rs.getLong("incident_number"),
        rs.getString("etag"),
        rs.getString("title"),
        rs.getString("description"),
        Severity.valueOf(rs.getString("severity")),
        IncidentStatus.valueOf(rs.getString("status")),
        classification == null ? null : Classification.valueOf(classification),
        reason == null ? null : ClassificationReason.valueOf(reason),
        rs.getString("classification_comment"),
        owner.isAssigned() ? owner : Owner.UNASSIGNED,
        List.of(),
        rs.getObject("first_activity_time", OffsetDateTime.class),
        rs.getObject("last_activity_time", OffsetDateTime.class),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class),
        rs.getString("provider_name"),
        rs.getString("provider_incident_id"),
        json.strings(rs.getString("related_rule_ids")),
        rs.getInt("alerts_count"),
        rs.getInt("comments_count"),
        0, // counted by complete()
        0,
        json.strings(rs.getString("alert_product_names")),
        json.strings(rs.getString("tactics")),
        json.strings(rs.getString("techniques")));
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
