package io.vigil.security.internal;

import io.vigil.security.ApiToken;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for API tokens; only a hash of each secret is stored. */
@Repository
public class TokenRepository {
  private static final String SELECT =
      "SELECT t.*, u.username FROM api_token t JOIN app_user u ON u.id = t.user_id";
  private static final RowMapper<ApiToken> ROW =
      (rs, i) ->
          new ApiToken(
              rs.getString("name"),
              rs.getString("username"),
              rs.getString("description"),
              rs.getObject("expires_time", OffsetDateTime.class),
              rs.getObject("last_used_time", OffsetDateTime.class),
              rs.getObject("revoked_time", OffsetDateTime.class),
              rs.getObject("created_time", OffsetDateTime.class));

  private final JdbcClient jdbc;

  TokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(
      String name,
      long userId,
      String description,
      String secretHash,
      OffsetDateTime expires,
      OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO api_token (name, user_id, description, secret_hash, expires_time,"
                + " created_time) VALUES (?, ?, ?, ?, ?, ?)")
        .params(name, userId, description, secretHash, expires, now)
        .update();
  }

  public Optional<ApiToken> findBySecretHash(String secretHash) {
    return jdbc.sql(SELECT + " WHERE t.secret_hash = ?").param(secretHash).query(ROW).optional();
  }

  public Optional<ApiToken> find(String name) {
    return jdbc.sql(SELECT + " WHERE t.name = ?")
        .param(name.toLowerCase(Locale.ROOT))
        .query(ROW)
        .optional();
  }

  public List<ApiToken> list(String username) {
    return jdbc.sql(SELECT + " WHERE u.username_key = ? ORDER BY t.id")
        .param(username.toLowerCase(Locale.ROOT))
        .query(ROW)
        .list();
  }

  public void revoke(String name, OffsetDateTime now) {
    jdbc.sql("UPDATE api_token SET revoked_time = ? WHERE name = ? AND revoked_time IS NULL")
        .params(now, name.toLowerCase(Locale.ROOT))
        .update();
  }

  /** Records a use unless one after {@code since} is recorded already (by another server). */
  public void touch(String name, OffsetDateTime now, OffsetDateTime since) {
    jdbc.sql(
            "UPDATE api_token SET last_used_time = ? WHERE name = ?"
                + " AND (last_used_time IS NULL OR last_used_time < ?)")
        .params(now, name, since)
        .update();
  }
}
