package io.vigil.security.internal;

import io.vigil.security.VigilUser;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for local accounts. */
@Repository
public class UserRepository {
  private static final RowMapper<VigilUser> ROW =
      (rs, i) ->
          new VigilUser(
              rs.getString("username"),
              rs.getString("password_hash"),
              rs.getString("display_name"),
              rs.getString("email"),
              rs.getString("object_id"),
              rs.getBoolean("administrator"),
              rs.getBoolean("enabled"));

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<VigilUser> findByUsername(String username) {
    return jdbc.sql("SELECT * FROM app_user WHERE username_key = ?")
        .param(username.toLowerCase(Locale.ROOT))
        .query(ROW)
        .optional();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
  }

  public void insert(
      String username,
      String passwordHash,
      String displayName,
      String email,
      boolean administrator,
      OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO app_user (username, username_key, password_hash, display_name, email,"
                + " object_id, administrator, enabled, created_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)")
        .params(
            username,
            username.toLowerCase(Locale.ROOT),
            passwordHash,
            displayName,
            email,
            UUID.randomUUID().toString(),
            administrator,
            now)
        .update();
  }

  public Optional<Long> idOf(String username) {
    return jdbc.sql("SELECT id FROM app_user WHERE username_key = ?")
        .param(username.toLowerCase(Locale.ROOT))
        .query(Long.class)
        .optional();
  }

  public java.util.List<VigilUser> list() {
    return jdbc.sql("SELECT * FROM app_user ORDER BY username_key").query(ROW).list();
  }

  public void update(
      String username, String displayName, String email, boolean administrator, boolean enabled) {
    jdbc.sql(
            "UPDATE app_user SET display_name = ?, email = ?, administrator = ?, enabled = ?"
                + " WHERE username_key = ?")
        .params(displayName, email, administrator, enabled, username.toLowerCase(Locale.ROOT))
        .update();
  }

  public void setPassword(String username, String passwordHash) {
    jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username_key = ?")
        .params(passwordHash, username.toLowerCase(Locale.ROOT))
        .update();
  }

  public boolean delete(String username) {
    return jdbc.sql("DELETE FROM app_user WHERE username_key = ?")
            .param(username.toLowerCase(Locale.ROOT))
            .update()
        > 0;
  }

  public Optional<VigilUser> findByEmail(String email) {
    return jdbc
        .sql("SELECT * FROM app_user WHERE LOWER(email) = ? ORDER BY id")
        .param(email.toLowerCase(Locale.ROOT))
        .query(ROW)
        .stream()
        .findFirst();
  }
}
