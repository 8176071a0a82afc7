package io.vigil.analytics.internal;

import io.vigil.analytics.AnalyticsRule;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** SQL for the analytics rules catalogue. */
@Repository
public class AnalyticsRuleRepository {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  AnalyticsRuleRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** The rule; with {@code lock}, its row stays locked until the transaction ends. */
  public Optional<AnalyticsRule> find(long workspaceId, String prefix, String name, boolean lock) {
    return jdbc.sql(
            "SELECT * FROM analytics_rule WHERE workspace_id = ? AND name_key = ?"
                + (lock ? " FOR UPDATE" : ""))
        .params(workspaceId, name.toLowerCase(Locale.ROOT))
        .query((rs, i) -> map(rs, prefix))
        .optional();
  }

  public void insert(AnalyticsRule rule) {
    jdbc.sql(
            "INSERT INTO analytics_rule (workspace_id, name, name_key, etag, kind, display_name,"
                + " description, severity, enabled, tactics, created_time, last_modified_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            rule.workspaceId(),
            rule.name(),
            rule.name().toLowerCase(Locale.ROOT),
            rule.etag(),
            rule.kind(),
            rule.displayName(),
            rule.description(),
            rule.severity(),
            rule.enabled(),
            mapper.writeValueAsString(rule.tactics()),
            rule.createdTimeUtc(),
            rule.lastModifiedTimeUtc())
        .update();
  }

  public void update(AnalyticsRule rule) {
    jdbc.sql(
            "UPDATE analytics_rule SET etag = ?, kind = ?, display_name = ?, description = ?,"
                + " severity = ?, enabled = ?, tactics = ?, last_modified_time = ? WHERE id = ?")
        .params(
            rule.etag(),
            rule.kind(),
            rule.displayName(),
            rule.description(),
            rule.severity(),
            rule.enabled(),
            mapper.writeValueAsString(rule.tactics()),
            rule.lastModifiedTimeUtc(),
            rule.id())
        .update();
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM analytics_rule WHERE id = ?").param(id).update();
  }

  public Page<AnalyticsRule> list(long workspaceId, String prefix, int top, String skipToken) {
    long after = skipToken == null ? 0 : SkipToken.decodeId(skipToken);
    List<AnalyticsRule> rows =
        jdbc.sql(
                "SELECT * FROM analytics_rule WHERE workspace_id = ? AND id > ? ORDER BY id"
                    + " LIMIT ?")
            .params(workspaceId, after, top + 1)
            .query((rs, i) -> map(rs, prefix))
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(
        rows.subList(0, top), SkipToken.encode(String.valueOf(rows.get(top - 1).id())));
  }

  private AnalyticsRule map(ResultSet rs, String prefix) throws SQLException {
    String name = rs.getString("name");
    return new AnalyticsRule(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        prefix + "/alertRules/" + name,
        name,
        rs.getString("etag"),
        rs.getString("kind"),
        rs.getString("display_name"),
        rs.getString("description"),
        rs.getString("severity"),
        rs.getBoolean("enabled"),
        mapper.readValue(rs.getString("tactics"), STRINGS),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class));
  }
}
