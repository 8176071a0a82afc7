package io.vigil.automation.internal;

import io.vigil.automation.AutomationRun;
import io.vigil.shared.Page;
import io.vigil.shared.SkipToken;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** SQL for the automation history of incidents and the queue of requested playbook runs. */
@Repository
public class AutomationHistoryRepository {
  private static final TypeReference<List<AutomationRun.ActionOutcome>> OUTCOMES =
      new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  AutomationHistoryRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public void record(long workspaceId, long incidentId, AutomationRun run) {
    jdbc.sql(
            "INSERT INTO automation_run (workspace_id, incident_id, rule_name, rule_display_name,"
                + " trigger_kind, subject, actions, ran_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            workspaceId,
            incidentId,
            run.ruleName(),
            run.ruleDisplayName(),
            run.trigger(),
            run.subject(),
            mapper.writeValueAsString(run.actions()),
            run.ranTimeUtc())
        .update();
  }

  public Page<AutomationRun> list(long incidentId, int top, String skipToken) {
    long after = skipToken == null ? 0 : SkipToken.decodeId(skipToken);
    List<Long> ids = new ArrayList<>();
    List<AutomationRun> rows =
        jdbc.sql(
                "SELECT * FROM automation_run WHERE incident_id = ? AND id > ? ORDER BY id LIMIT ?")
            .params(incidentId, after, top + 1)
            .query(
                (rs, i) -> {
                  ids.add(rs.getLong("id"));
                  return new AutomationRun(
                      rs.getString("rule_name"),
                      rs.getString("rule_display_name"),
                      rs.getString("trigger_kind"),
                      rs.getString("subject"),
                      mapper.readValue(rs.getString("actions"), OUTCOMES),
                      rs.getObject("ran_time", OffsetDateTime.class));
                })
            .list();
    if (rows.size() <= top) {
      return new Page<>(rows, null);
    }
    return new Page<>(rows.subList(0, top), SkipToken.encode(String.valueOf(ids.get(top - 1))));
  }
}
