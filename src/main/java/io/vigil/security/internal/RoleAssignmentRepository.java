package io.vigil.security.internal;

import io.vigil.security.Role;
import io.vigil.security.RoleAssignment;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for role assignments. */
@Repository
public class RoleAssignmentRepository {
  private static final String SELECT =
      "SELECT r.name, u.username, r.workspace_id, r.role, r.created_time FROM role_assignment r"
          + " JOIN app_user u ON u.id = r.user_id";
  private static final RowMapper<RoleAssignment> ROW =
      (rs, i) ->
          new RoleAssignment(
              rs.getString("name"),
              rs.getString("username"),
              rs.getLong("workspace_id"),
              Role.valueOf(rs.getString("role")),
              rs.getObject("created_time", OffsetDateTime.class));

  private final JdbcClient jdbc;

  RoleAssignmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The roles a user holds in a workspace. */
  public List<Role> roles(String username, long workspaceId) {
    return jdbc.sql(
            "SELECT r.role FROM role_assignment r JOIN app_user u ON u.id = r.user_id"
                + " WHERE u.username_key = ? AND r.workspace_id = ?")
        .params(username.toLowerCase(Locale.ROOT), workspaceId)
        .query((rs, i) -> Role.valueOf(rs.getString("role")))
        .list();
  }

  /** The user names (lower case) of the accounts holding at least one role in a workspace. */
  public List<String> holders(long workspaceId) {
    return jdbc.sql(
            "SELECT DISTINCT u.username_key FROM role_assignment r JOIN app_user u"
                + " ON u.id = r.user_id WHERE r.workspace_id = ?")
        .param(workspaceId)
        .query(String.class)
        .list();
  }

  /** The user names (lower case) of the accounts holding {@code role} in a workspace. */
  public List<String> holders(long workspaceId, Role role) {
    return jdbc.sql(
            "SELECT DISTINCT u.username_key FROM role_assignment r JOIN app_user u"
                + " ON u.id = r.user_id WHERE r.workspace_id = ? AND r.role = ?")
        .params(workspaceId, role.name())
        .query(String.class)
        .list();
  }

  /** The roles a user holds in any workspace of a resource group. */
  public List<Role> rolesInResourceGroup(
      String username, String subscriptionId, String resourceGroup) {
    return jdbc.sql(
            "SELECT r.role FROM role_assignment r JOIN app_user u ON u.id = r.user_id"
                + " JOIN workspace w ON w.id = r.workspace_id WHERE u.username_key = ?"
                + " AND LOWER(w.subscription_id) = ? AND LOWER(w.resource_group) = ?")
        .params(
            username.toLowerCase(Locale.ROOT),
            subscriptionId.toLowerCase(Locale.ROOT),
            resourceGroup.toLowerCase(Locale.ROOT))
        .query((rs, i) -> Role.valueOf(rs.getString("role")))
        .list();
  }

  public Optional<RoleAssignment> find(String name) {
    return jdbc.sql(SELECT + " WHERE r.name_key = ?")
        .param(name.toLowerCase(Locale.ROOT))
        .query(ROW)
        .optional();
  }

  public List<RoleAssignment> list(String username, Long workspaceId) {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (username != null) {
      sql.append(" AND u.username_key = ?");
      params.add(username.toLowerCase(Locale.ROOT));
    }
    if (workspaceId != null) {
      sql.append(" AND r.workspace_id = ?");
      params.add(workspaceId);
    }
    return jdbc.sql(sql + " ORDER BY r.id").params(params).query(ROW).list();
  }

  public void insert(String name, long userId, long workspaceId, Role role, OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO role_assignment (name, name_key, user_id, workspace_id, role, created_time)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(name, name.toLowerCase(Locale.ROOT), userId, workspaceId, role.name(), now)
        .update();
  }

  public void delete(String name) {
    jdbc.sql("DELETE FROM role_assignment WHERE name_key = ?")
        .param(name.toLowerCase(Locale.ROOT))
        .update();
  }
}
