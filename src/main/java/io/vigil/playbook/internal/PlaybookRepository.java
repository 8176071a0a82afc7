package io.vigil.playbook.internal;

import io.vigil.playbook.Playbook;
import io.vigil.playbook.PlaybookRef;
import io.vigil.playbook.Scope;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** SQL for playbooks. */
@Repository
public class PlaybookRepository {
  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  PlaybookRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public static String key(String resourceId) {
    return resourceId.toLowerCase(Locale.ROOT);
  }

  public Optional<Playbook> find(String resourceId, boolean lock) {
    return jdbc.sql("SELECT * FROM playbook WHERE resource_key = ?" + (lock ? " FOR UPDATE" : ""))
        .param(key(resourceId))
        .query((rs, i) -> map(rs))
        .optional();
  }

  /** The playbook's id, scope and name: its definition is not read. */
  public Optional<PlaybookRef> ref(long id) {
    return jdbc.sql("SELECT id, subscription_id, resource_group, name FROM playbook WHERE id = ?")
        .param(id)
        .query(
            (rs, i) ->
                new PlaybookRef(
                    rs.getLong("id"),
                    new Scope(rs.getString("subscription_id"), rs.getString("resource_group")),
                    rs.getString("name")))
        .optional();
  }

  public void insert(Playbook p) {
    jdbc.sql(
            "INSERT INTO playbook (subscription_id, resource_group, name, resource_key, scope_key,"
                + " etag, state, location, definition, parameters, created_time, changed_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            p.scope().subscriptionId(),
            p.scope().resourceGroup(),
            p.name(),
            key(p.resourceId()),
            p.scope().key(),
            p.etag(),
            p.enabled() ? "Enabled" : "Disabled",
            p.location(),
            mapper.writeValueAsString(p.definition()),
            mapper.writeValueAsString(p.parameters()),
            p.createdTime(),
            p.changedTime())
        .update();
  }

  public void update(Playbook p) {
    jdbc.sql(
            "UPDATE playbook SET etag = ?, state = ?, location = ?, definition = ?, parameters = ?,"
                + " changed_time = ? WHERE id = ?")
        .params(
            p.etag(),
            p.enabled() ? "Enabled" : "Disabled",
            p.location(),
            mapper.writeValueAsString(p.definition()),
            mapper.writeValueAsString(p.parameters()),
            p.changedTime(),
            p.id())
        .update();
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM playbook WHERE id = ?").param(id).update();
  }

  /** A page of a resource group's playbooks by name. */
  public Page<Playbook> list(Scope scope, int top, String skipToken) {
    StringBuilder sql = new StringBuilder("SELECT * FROM playbook WHERE scope_key = ?");
    List<Object> params = new ArrayList<>(List.of(scope.key()));
    if (skipToken != null) {
      sql.append(" AND resource_key > ?");
      params.add(SkipToken.decode(skipToken, 1).get(0));
    }
    sql.append(" ORDER BY resource_key LIMIT ").append(top + 1);
    List<Playbook> rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs)).list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(rows.subList(0, top), SkipToken.encode(key(rows.get(top - 1).resourceId())));
  }

  private Playbook map(ResultSet rs) throws SQLException {
    return new Playbook(
        rs.getLong("id"),
        new Scope(rs.getString("subscription_id"), rs.getString("resource_group")),
        rs.getString("name"),
        rs.getString("etag"),
        "Enabled".equals(rs.getString("state")),
        rs.getString("location"),
        (ObjectNode) mapper.readTree(rs.getString("definition")),
        (ObjectNode) mapper.readTree(rs.getString("parameters")),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("changed_time", OffsetDateTime.class));
  }
}
