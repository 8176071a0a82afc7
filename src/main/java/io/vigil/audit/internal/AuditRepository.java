package io.vigil.audit.internal;

import io.vigil.audit.AuditRecord;
import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** SQL for the audit trail: inserts and queries, nothing else. */
@Repository
public class AuditRepository {
  private static final TypeReference<Map<String, Object>> CHANGES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  AuditRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public void insert(
      OffsetDateTime now,
      Actor actor,
      String token,
      String address,
      String action,
      String resourceId,
      Map<String, Object> changes) {
    jdbc.sql(
            "INSERT INTO audit_record (occurred_time, actor_type, actor_name, actor_id, token,"
                + " client_address, action, resource_id, changes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            now,
            actor.type().name(),
            actor.info().userPrincipalName() != null
                ? actor.info().userPrincipalName()
                : actor.info().name(),
            actor.info().objectId(),
            token,
            address,
            action,
            resourceId,
            mapper.writeValueAsString(changes))
        .update();
  }

  public Page<AuditRecord> query(
      String actor,
      String resourcePrefix,
      OffsetDateTime from,
      OffsetDateTime to,
      int top,
      String skipToken) {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_record WHERE id > ?");
    List<Object> params = new ArrayList<>();
    params.add(skipToken == null ? 0L : SkipToken.decodeId(skipToken));
    if (actor != null) {
      sql.append(" AND (LOWER(actor_name) = ? OR LOWER(actor_id) = ?)");
      params.add(actor.toLowerCase(Locale.ROOT));
      params.add(actor.toLowerCase(Locale.ROOT));
    }
    if (resourcePrefix != null) {
      sql.append(" AND LOWER(resource_id) LIKE ? ESCAPE '\\'");
      params.add(
          resourcePrefix
                  .toLowerCase(Locale.ROOT)
                  .replace("\\", "\\\\")
                  .replace("%", "\\%")
                  .replace("_", "\\_")
              + "%");
    }
    if (from != null) {
      sql.append(" AND occurred_time >= ?");
      params.add(from);
    }
    if (to != null) {
      sql.append(" AND occurred_time < ?");
      params.add(to);
    }
    sql.append(" ORDER BY id LIMIT ").append(top + 1);
    List<Long> ids = new ArrayList<>();
    List<AuditRecord> rows =
        jdbc.sql(sql.toString())
            .params(params)
            .query(
                (rs, i) -> {
                  ids.add(rs.getLong("id"));
                  return new AuditRecord(
                      rs.getLong("id"),
                      rs.getObject("occurred_time", OffsetDateTime.class),
                      new Actor(
                          Actor.Type.valueOf(rs.getString("actor_type")),
                          new ClientInfo(
                              null, rs.getString("actor_name"), rs.getString("actor_id"), null)),
                      rs.getString("token"),
                      rs.getString("client_address"),
                      rs.getString("action"),
                      rs.getString("resource_id"),
                      mapper.readValue(rs.getString("changes"), CHANGES));
                })
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(rows.subList(0, top), SkipToken.encode(String.valueOf(ids.get(top - 1))));
  }
}
