package io.vigil.workspace.internal;

import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for workspaces. */
@Repository
public class WorkspaceRepository {
  private static final RowMapper<Workspace> ROW =
      (rs, i) ->
          new Workspace(
              rs.getLong("id"),
              rs.getString("subscription_id"),
              rs.getString("resource_group"),
              rs.getString("name"),
              rs.getString("customer_id"),
              rs.getObject("created_time", OffsetDateTime.class));

  private final JdbcClient jdbc;

  WorkspaceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Workspace> findByKey(String pathKey) {
    return jdbc.sql("SELECT * FROM workspace WHERE path_key = ?")
        .param(pathKey)
        .query(ROW)
        .optional();
  }

  public Optional<Workspace> findById(long id) {
    return jdbc.sql("SELECT * FROM workspace WHERE id = ?").param(id).query(ROW).optional();
  }

  public List<Workspace> findAll() {
    return jdbc.sql("SELECT * FROM workspace ORDER BY id").query(ROW).list();
  }

  public Workspace insert(
      String subscriptionId, String resourceGroup, String name, String pathKey, Clock clock) {
    OffsetDateTime now = Times.utc(clock.instant());
    String customerId = UUID.randomUUID().toString();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO workspace (subscription_id, resource_group, name, path_key, customer_id,"
                + " created_time) VALUES (?, ?, ?, ?, ?, ?)")
        .params(subscriptionId, resourceGroup, name, pathKey, customerId, now)
        .update(keys, "id");
    return new Workspace(
        keys.getKey().longValue(), subscriptionId, resourceGroup, name, customerId, now);
  }
}
