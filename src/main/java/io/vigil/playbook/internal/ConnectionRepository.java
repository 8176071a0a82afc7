package io.vigil.playbook.internal;

import io.vigil.playbook.Connection;
import io.vigil.playbook.Scope;
import io.vigil.shared.Page;
import io.vigil.shared.SecretBox;
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

/** SQL for connections; credentials are sealed on the way in and opened on the way out. */
@Repository
public class ConnectionRepository {
  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final SecretBox box;

  ConnectionRepository(JdbcClient jdbc, ObjectMapper mapper, SecretBox box) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.box = box;
  }

  public Optional<Connection> find(String resourceId, boolean lock) {
    return jdbc.sql("SELECT * FROM connection WHERE resource_key = ?" + (lock ? " FOR UPDATE" : ""))
        .param(resourceId.toLowerCase(Locale.ROOT))
        .query((rs, i) -> map(rs))
        .optional();
  }

  public void save(Connection c, boolean create) {
    String secret =
        c.credentials() == null ? null : box.seal(mapper.writeValueAsString(c.credentials()));
    if (create) {
      jdbc.sql(
              "INSERT INTO connection (subscription_id, resource_group, name, resource_key,"
                  + " scope_key, etag, api, display_name, endpoint, secret, created_time,"
                  + " changed_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              c.scope().subscriptionId(),
              c.scope().resourceGroup(),
              c.name(),
              c.resourceId().toLowerCase(Locale.ROOT),
              c.scope().key(),
              c.etag(),
              c.api(),
              c.displayName(),
              c.endpoint(),
              secret,
              c.createdTime(),
              c.changedTime())
          .update();
    } else {
      jdbc.sql(
              "UPDATE connection SET etag = ?, api = ?, display_name = ?, endpoint = ?, secret = ?,"
                  + " changed_time = ? WHERE id = ?")
          .params(c.etag(), c.api(), c.displayName(), c.endpoint(), secret, c.changedTime(), c.id())
          .update();
    }
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM connection WHERE id = ?").param(id).update();
  }

  public Page<Connection> list(Scope scope, int top, String skipToken) {
    StringBuilder sql = new StringBuilder("SELECT * FROM connection WHERE scope_key = ?");
    List<Object> params = new ArrayList<>(List.of(scope.key()));
    if (skipToken != null) {
      sql.append(" AND resource_key > ?");
      params.add(SkipToken.decode(skipToken, 1).get(0));
    }
    sql.append(" ORDER BY resource_key LIMIT ").append(top + 1);
    List<Connection> rows =
        jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs)).list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top),
        SkipToken.encode(rows.get(top - 1).resourceId().toLowerCase(Locale.ROOT)));
  }

  private Connection map(ResultSet rs) throws SQLException {
    String secret = rs.getString("secret");
    return new Connection(
        rs.getLong("id"),
        new Scope(rs.getString("subscription_id"), rs.getString("resource_group")),
        rs.getString("name"),
        rs.getString("etag"),
        rs.getString("api"),
        rs.getString("display_name"),
        rs.getString("endpoint"),
        secret == null ? null : (ObjectNode) mapper.readTree(box.open(secret)),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("changed_time", OffsetDateTime.class));
  }
}
