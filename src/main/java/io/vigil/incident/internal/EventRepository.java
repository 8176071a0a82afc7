package io.vigil.incident.internal;

import io.vigil.incident.FieldChange;
import io.vigil.incident.IncidentEvent;
import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** SQL for the change log. */
@Repository
public class EventRepository {
  private final JdbcClient jdbc;
  private final JsonColumns json;

  EventRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void insert(IncidentEvent event) {
    jdbc.sql(
            "INSERT INTO incident_event (workspace_id, incident_id, incident_name, event_type,"
                + " subject, actor_type, actor, changes, occurred_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            event.workspaceId(),
            event.incidentId(),
            event.incidentName(),
            event.type().name(),
            event.subject(),
            event.actor().type().name(),
            json.write(event.actor().info()),
            json.write(event.changes()),
            event.occurredAt())
        .update();
  }

  public Page<IncidentEvent> list(long incidentId, int top, String skipToken) {
    long after = skipToken == null ? 0 : SkipToken.decodeId(skipToken);
    return page(
        jdbc.sql(
                "SELECT * FROM incident_event WHERE incident_id = ? AND id > ? ORDER BY id"
                    + " LIMIT ?")
            .params(incidentId, after, top + 1),
        top);
  }

  /** See {@link io.vigil.incident.IncidentEvents#history}. */
  public Page<IncidentEvent> history(
      long incidentId,
      String subject,
      IncidentEvent.Type start,
      Set<IncidentEvent.Type> types,
      int top,
      String skipToken) {
    long after = skipToken == null ? 0 : SkipToken.decodeId(skipToken);
    String key = subject.toLowerCase(Locale.ROOT);
    List<Object> params = new ArrayList<>(List.of(incidentId, key, incidentId, key, start.name()));
    types.forEach(type -> params.add(type.name()));
    params.add(after);
    params.add(top + 1);
    return page(
        jdbc.sql(
                "SELECT * FROM incident_event WHERE incident_id = ? AND LOWER(subject) = ?"
                    + " AND id >= COALESCE((SELECT MAX(id) FROM incident_event"
                    + " WHERE incident_id = ? AND LOWER(subject) = ? AND event_type = ?), 0)"
                    + " AND event_type IN ("
                    + String.join(", ", Collections.nCopies(types.size(), "?"))
                    + ") AND id > ? ORDER BY id LIMIT ?")
            .params(params),
        top);
  }

  private Page<IncidentEvent> page(JdbcClient.StatementSpec query, int top) {
    List<Long> ids = new ArrayList<>();
    List<IncidentEvent> events =
        query
            .query(
                (rs, i) -> {
                  ids.add(rs.getLong("id"));
                  List<FieldChange> changes = new ArrayList<>();
                  for (JsonNode change : json.mapper().readTree(rs.getString("changes"))) {
                    changes.add(
                        new FieldChange(
                            change.path("field").asString(),
                            value(change.get("oldValue")),
                            value(change.get("newValue"))));
                  }
                  return new IncidentEvent(
                      IncidentEvent.Type.valueOf(rs.getString("event_type")),
                      rs.getLong("workspace_id"),
                      rs.getLong("incident_id"),
                      rs.getString("incident_name"),
                      rs.getString("subject"),
                      new Actor(
                          Actor.Type.valueOf(rs.getString("actor_type")),
                          json.read(rs.getString("actor"), ClientInfo.class)),
                      changes,
                      rs.getObject("occurred_time", OffsetDateTime.class));
                })
            .list();
    if (events.size() <= top) {
      return new Page<>(events, null);
    }
    return new Page<>(events.subList(0, top), SkipToken.encode(String.valueOf(ids.get(top - 1))));
  }

  private Object value(JsonNode node) {
    return node == null || node.isNull() ? null : json.mapper().treeToValue(node, Object.class);
  }
}
