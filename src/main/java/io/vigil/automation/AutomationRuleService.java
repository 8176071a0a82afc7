package io.vigil.automation;

import io.vigil.audit.AuditTrail;
import io.vigil.automation.engine.CompiledRule;
import io.vigil.automation.engine.RuleAction;
import io.vigil.automation.engine.RuleParser;
import io.vigil.automation.engine.RuleSet;
import io.vigil.automation.internal.AutomationRuleRepository;
import io.vigil.incident.IncidentService;
import io.vigil.playbook.PlaybookRuns;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import io.vigil.shared.odata.FieldType;
import io.vigil.shared.odata.FilterException;
import io.vigil.shared.odata.FilterExpression;
import io.vigil.shared.odata.FilterParser;
import io.vigil.shared.odata.FilterSchema;
import io.vigil.shared.odata.SqlFilter;
import io.vigil.shared.odata.SqlFragment;
import io.vigil.task.TaskService;
import io.vigil.task.TaskTemplateService;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * The automation rules of each workspace. Keeps every workspace's compiled rules in run order in
 * memory, dropped whenever a rule of the workspace changes, so that evaluating rules costs no
 * parsing and no query.
 */
@Service
public class AutomationRuleService {
  private static final FilterSchema SCHEMA =
      FilterSchema.builder()
          .field("properties/displayName", "r.display_name", FieldType.STRING)
          .field("properties/order", "r.rule_order", FieldType.NUMBER)
          .field("properties/triggeringLogic/isEnabled", "r.enabled", FieldType.BOOLEAN)
          .collection(
              "properties/actions",
              "EXISTS (SELECT 1 FROM automation_rule_action_type a WHERE a.rule_id = r.id AND %s)",
              FilterSchema.builder()
                  .enumField(
                      "actionType",
                      "a.action_type",
                      List.of(
                          "AddIncidentTask", "AddTaskTemplate", "ModifyProperties", "RunPlaybook"))
                  .build())
          .collection(
              "properties/analyticsRuleIds",
              "EXISTS (SELECT 1 FROM automation_rule_analytics_rule x WHERE x.rule_id = r.id AND %s)",
              FilterSchema.builder()
                  .field(FilterExpression.THIS, "x.analytic_rule_id", FieldType.STRING)
                  .build())
          .build();

  private final AutomationRuleRepository rules;
  private final AuditTrail audit;
  private final PlaybookRuns playbookRuns;
  private final TaskService tasks;
  private final TaskTemplateService templates;
  private final Clock clock;
  private final RuleParser parser;
  private final int maxRules;
  private final Map<Long, RuleSet> compiled = new ConcurrentHashMap<>();

  AutomationRuleService(
      AutomationRuleRepository rules,
      AuditTrail audit,
      PlaybookRuns playbookRuns,
      TaskService tasks,
      TaskTemplateService templates,
      Clock clock,
      @Value("${vigil.automation.max-rules-per-workspace}") int maxRules,
      @Value("${vigil.automation.max-conditions}") int maxConditions,
      @Value("${vigil.automation.max-actions}") int maxActions) {
    this.rules = rules;
    this.audit = audit;
    this.playbookRuns = playbookRuns;
    this.tasks = tasks;
    this.templates = templates;
    this.clock = clock;
    this.maxRules = maxRules;
    this.parser = new RuleParser(maxConditions, maxActions);
  }

  /** The result of a create-or-update. */
  public record Saved(AutomationRule rule, boolean created) {}

  @Transactional
  public Saved put(
      Workspace workspace, String name, JsonInput body, String expectedEtag, Actor actor) {
    IncidentService.checkName("automationRuleId", name);
    OffsetDateTime now = Times.utc(clock.instant());
    RuleParser.Parsed parsed = parser.parse(name, body.object("properties"), now);
    for (RuleAction action : parsed.rule().actions()) {
      if (action instanceof RuleAction.RunPlaybook run
          && !playbookRuns.exists(run.logicAppResourceId())) {
        throw ApiException.badRequest(
            "The RunPlaybook action (order "
                + run.order()
                + "): actionConfiguration.logicAppResourceId names the playbook '"
                + run.logicAppResourceId()
                + "', which does not exist.");
      }
      if (action instanceof RuleAction.AddIncidentTask add && add.assignedTo() != null) {
        tasks.checkAssignee(
            workspace.id(),
            add.assignedTo(),
            actionPath(body.object("properties"), add.order()) + ".actionConfiguration.assignedTo");
      }
      if (action instanceof RuleAction.AddTaskTemplate add
          && templates.find(workspace, add.templateName()).isEmpty()) {
        throw JsonInput.invalid(
            actionPath(body.object("properties"), add.order())
                + ".actionConfiguration.templateName",
            "names no task template of the workspace ('" + add.templateName() + "')");
      }
    }
    Optional<AutomationRule> existing =
        rules.find(workspace.id(), workspace.securityInsightsId(), name, true);
    Etags.check(expectedEtag, existing.map(AutomationRule::etag).orElse(null));
    if (existing.isEmpty() && rules.countLocked(workspace.id()) >= maxRules) {
      throw ApiException.conflict(
          "TooManyAutomationRules",
          "The workspace already has the maximum of "
              + maxRules
              + " automation rules; raise vigil.automation.max-rules-per-workspace.");
    }
    String stored = existing.map(AutomationRule::name).orElse(name);
    AutomationRule rule =
        new AutomationRule(
            existing.map(AutomationRule::id).orElse(0L),
            workspace.id(),
            workspace.securityInsightsId() + "/automationRules/" + stored,
            stored,
            Etags.next(),
            parsed.definition(),
            parsed.rule(),
            existing.map(AutomationRule::createdBy).orElse(actor.info()),
            actor.info(),
            existing.map(AutomationRule::createdTimeUtc).orElse(now),
            now);
    rules.save(rule, existing.isEmpty());
    audit.record(
        actor,
        existing.isEmpty() ? "AutomationRuleCreated" : "AutomationRuleUpdated",
        rule.resourceId(),
        Map.of(
            "definition",
            AuditTrail.change(
                existing.map(AutomationRule::definition).orElse(null), parsed.definition())));
    changed(workspace.id());
    return new Saved(get(workspace, name), existing.isEmpty());
  }

  /** The path of the action with {@code order} in the body, as the parser names its fields. */
  private static String actionPath(JsonInput properties, int order) {
    JsonNode actions = properties.node().get("actions");
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i).path("order").asInt() == order) {
        return properties.path("actions") + "[" + i + "]";
      }
    }
    return properties.path("actions");
  }

  /**
   * A rule as a PUT of {@code body} would compile it, without storing it: what the dry run tests
   * when the rule wizard asks how a rule not yet saved would behave.
   */
  public CompiledRule draft(String name, JsonInput body) {
    IncidentService.checkName("rule.name", name);
    return parser.parse(name, body.object("properties"), Times.utc(clock.instant())).rule();
  }

  public AutomationRule get(Workspace workspace, String name) {
    return rules
        .find(workspace.id(), workspace.securityInsightsId(), name, false)
        .orElseThrow(
            () -> ApiException.notFound("The automation rule '" + name + "' was not found."));
  }

  @Transactional
  public boolean delete(Workspace workspace, String name, Actor actor) {
    Optional<AutomationRule> existing =
        rules.find(workspace.id(), workspace.securityInsightsId(), name, true);
    existing.ifPresent(
        rule -> {
          rules.delete(rule.id());
          audit.record(
              actor,
              "AutomationRuleDeleted",
              rule.resourceId(),
              Map.of("displayName", rule.compiled().displayName()));
        });
    changed(workspace.id());
    return existing.isPresent();
  }

  /**
   * A page of rules in run order. {@code $filter} can name {@code properties/displayName}, {@code
   * properties/order}, {@code properties/triggeringLogic/isEnabled}, {@code
   * properties/actions/any(a: a/actionType eq 'AddIncidentTask')} and {@code
   * properties/analyticsRuleIds/any(r: r eq '…')}.
   */
  public Page<AutomationRule> list(Workspace workspace, String filter, int top, String skipToken) {
    String where = null;
    List<Object> params = List.of();
    if (filter != null && !filter.isBlank()) {
      try {
        SqlFragment fragment = SqlFilter.toSql(FilterParser.parse(filter), SCHEMA);
        where = fragment.sql();
        params = fragment.parameters();
      } catch (FilterException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    return rules.list(
        workspace.id(), workspace.securityInsightsId(), where, params, top, skipToken);
  }

  /** The workspace's rules in the order they run, compiled. */
  public List<CompiledRule> runOrder(Workspace workspace) {
    return ruleSet(workspace).rules();
  }

  /** The workspace's rules in the order they run, compiled together to be tested quickly. */
  public RuleSet ruleSet(Workspace workspace) {
    return compiled.computeIfAbsent(
        workspace.id(),
        id ->
            RuleSet.of(
                rules.all(id, workspace.securityInsightsId()).stream()
                    .map(AutomationRule::compiled)
                    .sorted(CompiledRule.RUN_ORDER)
                    .toList()));
  }

  /** Drops the cached rules now and again once the transaction ends, whatever its outcome. */
  private void changed(long workspaceId) {
    compiled.remove(workspaceId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              compiled.remove(workspaceId);
            }
          });
    }
  }
}
