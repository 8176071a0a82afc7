package io.vigil.automation.internal;

import io.vigil.automation.AutomationRule;
import io.vigil.automation.engine.CompiledRule;
import io.vigil.automation.engine.RuleParser;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** SQL for automation rules. */
@Repository
public class AutomationRuleRepository {
  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final RuleParser parser = new RuleParser(Integer.MAX_VALUE, Integer.MAX_VALUE);

  AutomationRuleRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public Optional<AutomationRule> find(long workspaceId, String prefix, String name, boolean lock) {
    return jdbc.sql(
            "SELECT * FROM automation_rule WHERE workspace_id = ? AND name_key = ?"
                + (lock ? " FOR UPDATE" : ""))
        .params(workspaceId, name.toLowerCase(Locale.ROOT))
        .query((rs, i) -> map(rs, prefix))
        .optional();
  }

  /**
   * Counts the workspace's rules, holding the workspace row until the transaction ends so that
   * concurrent creations cannot together pass the limit.
   */
  public long countLocked(long workspaceId) {
    jdbc.sql("SELECT id FROM workspace WHERE id = ? FOR UPDATE")
        .param(workspaceId)
        .query(Long.class)
        .single();
    return count(workspaceId);
  }

  public long count(long workspaceId) {
    return jdbc.sql("SELECT COUNT(*) FROM automation_rule WHERE workspace_id = ?")
        .param(workspaceId)
        .query(Long.class)
        .single();
  }

  /** Every rule of a workspace, compiled. */
  public List<AutomationRule> all(long workspaceId, String prefix) {
    return jdbc.sql("SELECT * FROM automation_rule WHERE workspace_id = ?")
        .param(workspaceId)
        .query((rs, i) -> map(rs, prefix))
        .list();
  }

  public void save(AutomationRule rule, boolean create) {
    CompiledRule compiled = rule.compiled();
    long id = rule.id();
    if (create) {
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      jdbc.sql(
              "INSERT INTO automation_rule (workspace_id, name, name_key, etag, display_name,"
                  + " rule_order, enabled, expiration_time, trigger_kind, definition, created_by,"
                  + " last_modified_by, created_time, last_modified_time)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              rule.workspaceId(),
              rule.name(),
              rule.name().toLowerCase(Locale.ROOT),
              rule.etag(),
              compiled.displayName(),
              compiled.order(),
              compiled.enabled(),
              compiled.expirationTimeUtc(),
              compiled.trigger().name(),
              mapper.writeValueAsString(rule.definition()),
              mapper.writeValueAsString(rule.createdBy()),
              mapper.writeValueAsString(rule.lastModifiedBy()),
              rule.createdTimeUtc(),
              rule.lastModifiedTimeUtc())
          .update(keys, "id");
      id = keys.getKey().longValue();
    } else {
      jdbc.sql(
              "UPDATE automation_rule SET etag = ?, display_name = ?, rule_order = ?, enabled = ?,"
                  + " expiration_time = ?, trigger_kind = ?, definition = ?, last_modified_by = ?,"
                  + " last_modified_time = ? WHERE id = ?")
          .params(
              rule.etag(),
              compiled.displayName(),
              compiled.order(),
              compiled.enabled(),
              compiled.expirationTimeUtc(),
              compiled.trigger().name(),
              mapper.writeValueAsString(rule.definition()),
              mapper.writeValueAsString(rule.lastModifiedBy()),
              rule.lastModifiedTimeUtc(),
              id)
          .update();
      jdbc.sql("DELETE FROM automation_rule_action_type WHERE rule_id = ?").param(id).update();
      jdbc.sql("DELETE FROM automation_rule_analytics_rule WHERE rule_id = ?").param(id).update();
    }
    for (String type :
        new LinkedHashSet<>(compiled.actions().stream().map(a -> a.actionType()).toList())) {
      jdbc.sql("INSERT INTO automation_rule_action_type (rule_id, action_type) VALUES (?, ?)")
          .params(id, type)
          .update();
    }
    for (String ruleId : new LinkedHashSet<>(RuleParser.analyticRuleIds(rule.definition()))) {
      jdbc.sql(
              "INSERT INTO automation_rule_analytics_rule (rule_id, analytic_rule_id) VALUES (?, ?)")
          .params(id, ruleId.toLowerCase(Locale.ROOT))
          .update();
    }
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM automation_rule WHERE id = ?").param(id).update();
  }

  /** A page of rules in run order, narrowed by a translated {@code $filter}. */
  public Page<AutomationRule> list(
      long workspaceId,
      String prefix,
      String where,
      List<Object> whereParams,
      int top,
      String skipToken) {
    StringBuilder sql =
        new StringBuilder("SELECT r.* FROM automation_rule r WHERE r.workspace_id = ?");
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    if (where != null) {
      sql.append(" AND ").append(where);
      params.addAll(whereParams);
    }
    if (skipToken != null) {
      List<String> last = SkipToken.decode(skipToken, 2);
      try {
        params.add(Integer.parseInt(last.get(0)));
      } catch (NumberFormatException e) {
        throw io.vigil.shared.ApiException.badRequest("The $skipToken is not valid.");
      }
      params.add(last.get(1));
      sql.append(" AND (r.rule_order, r.name_key) > (?, ?)");
    }
    sql.append(" ORDER BY r.rule_order, r.name_key LIMIT ").append(top + 1);
    List<AutomationRule> rows =
        jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs, prefix)).list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    AutomationRule last = rows.get(top - 1);
    return new Page<>(
        rows.subList(0, top),
        SkipToken.encode(
            String.valueOf(last.compiled().order()), last.name().toLowerCase(Locale.ROOT)));
  }

  private AutomationRule map(ResultSet rs, String prefix) throws SQLException {
    String name = rs.getString("name");
    ObjectNode definition = (ObjectNode) mapper.readTree(rs.getString("definition"));
    // Stored definitions were checked when saved; compile them as they are, expired or not.
    CompiledRule compiled =
        parser.parse(name, io.vigil.shared.JsonInput.body(definition), OffsetDateTime.MIN).rule();
    return new AutomationRule(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        prefix + "/automationRules/" + name,
        name,
        rs.getString("etag"),
        definition,
        compiled,
        mapper.readValue(rs.getString("created_by"), ClientInfo.class),
        mapper.readValue(rs.getString("last_modified_by"), ClientInfo.class),
        rs.getObject("created_time", OffsetDateTime.class),
        rs.getObject("last_modified_time", OffsetDateTime.class));
  }
}
