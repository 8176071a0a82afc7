package io.vigil.incident.internal;

import io.vigil.incident.Comment;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for incident comments. */
@Repository
public class CommentRepository {
  private final JdbcClient jdbc;
  private final JsonColumns json;

  CommentRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Optional<Comment> find(long incidentId, String name) {
    return jdbc.sql("SELECT * FROM incident_comment WHERE incident_id = ? AND name_key = ?")
        .params(incidentId, name.toLowerCase(Locale.ROOT))
        .query((rs, i) -> map(rs))
        .optional();
  }

  public long count(long incidentId) {
    return jdbc.sql("SELECT COUNT(*) FROM incident_comment WHERE incident_id = ?")
        .param(incidentId)
        .query(Long.class)
        .single();
  }

  public void insert(long incidentId, Comment comment) {
    jdbc.sql(
            "INSERT INTO incident_comment (incident_id, name, name_key, etag, message, author,"
                + " created_time, last_modified_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            incidentId,
            comment.name(),
            comment.name().toLowerCase(Locale.ROOT),
            comment.etag(),
            comment.message(),
            json.write(comment.author()),
            comment.createdTimeUtc(),
            comment.lastModifiedTimeUtc())
        .update();
  }

  public void update(Comment comment) {
    jdbc.sql(
            "UPDATE incident_comment SET etag = ?, message = ?, last_modified_time = ?"
                + " WHERE id = ?")
        .params(comment.etag(), comment.message(), comment.lastModifiedTimeUtc(), comment.id())
        .update();
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM incident_comment WHERE id = ?").param(id).update();
  }

  public Page<Comment> list(long incidentId, int top, String skipToken) {
    long after = skipToken == null ? 0 : SkipToken.decodeId(skipToken);
    List<Comment> rows =
        jdbc.sql(
                "SELECT * FROM incident_comment WHERE incident_id = ? AND id > ? ORDER BY id"
                    + " LIMIT ?")
            .params(incidentId, after, top + 1)
            .query((rs, i) -> map(rs))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(String.valueOf(rows.get(top - 1).id())));
  }

  private Comment map(ResultSet rs) throws SQLException {
    return new Comment(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("etag"),
        rs.getString("message"),
        json.read(rs.getString("author"), ClientInfo.class),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class));
  }
}
