package io.vigil.incident.internal;

import io.vigil.incident.Alert;
import io.vigil.incident.Entity;
import io.vigil.incident.EntityKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

/**
 * SQL for what an incident came from: its alerts and entities. Callers hold the incident's row
 * lock, so "insert unless present" needs no further guard.
 */
@Repository
public class ProvenanceRepository {
  private final JdbcClient jdbc;
  private final JsonColumns json;

  ProvenanceRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public boolean hasAlert(long incidentId, String name) {
    return jdbc.sql("SELECT COUNT(*) FROM incident_alert WHERE incident_id = ? AND name_key = ?")
            .params(incidentId, name.toLowerCase(Locale.ROOT))
            .query(Long.class)
            .single()
        > 0;
  }

  public long insertAlert(
      long incidentId,
      String name,
      String analyticRuleId,
      ObjectNode properties,
      OffsetDateTime now) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO incident_alert (incident_id, name, name_key, analytic_rule_id,"
                + " properties, created_time) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            incidentId,
            name,
            name.toLowerCase(Locale.ROOT),
            analyticRuleId,
            json.write(properties),
            now)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public List<Alert> alerts(long incidentId) {
    return jdbc.sql("SELECT name, properties FROM incident_alert WHERE incident_id = ? ORDER BY id")
        .param(incidentId)
        .query((rs, i) -> new Alert(rs.getString("name"), json.object(rs.getString("properties"))))
        .list();
  }

  /** An entity as stored, and whether this call added it. */
  public record StoredEntity(Entity entity, boolean added) {}

  /** Adds the entity unless one with the same identity is on the incident already. */
  public StoredEntity addEntity(
      long incidentId, EntityKind kind, String identityHash, ObjectNode properties) {
    Optional<Entity> existing =
        jdbc.sql(
                "SELECT id, name, kind, properties FROM incident_entity"
                    + " WHERE incident_id = ? AND identity_hash = ?")
            .params(incidentId, identityHash)
            .query(
                (rs, i) ->
                    new Entity(
                        rs.getString("name"),
                        EntityKind.valueOf(rs.getString("kind")),
                        json.object(rs.getString("properties"))))
            .optional();
    if (existing.isPresent()) {
      return new StoredEntity(existing.get(), false);
    }
    String name = UUID.randomUUID().toString();
    jdbc.sql(
            "INSERT INTO incident_entity (incident_id, name, kind, identity_hash, properties)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(incidentId, name, kind.name(), identityHash, json.write(properties))
        .update();
    return new StoredEntity(new Entity(name, kind, properties), true);
  }

  public void linkAlertEntity(long alertId, long incidentId, String entityName) {
    jdbc.sql(
            "INSERT INTO incident_alert_entity (alert_id, entity_id) SELECT ?, id FROM"
                + " incident_entity WHERE incident_id = ? AND name = ?")
        .params(alertId, incidentId, entityName)
        .update();
  }

  public List<Entity> entities(long incidentId) {
    return jdbc.sql(
            "SELECT name, kind, properties FROM incident_entity WHERE incident_id = ? ORDER BY id")
        .param(incidentId)
        .query(
            (rs, i) ->
                new Entity(
                    rs.getString("name"),
                    EntityKind.valueOf(rs.getString("kind")),
                    json.object(rs.getString("properties"))))
        .list();
  }
}
