package io.vigil.automation;

import io.vigil.automation.engine.CompiledRule;
import io.vigil.automation.engine.Condition;
import io.vigil.automation.engine.Facts;
import io.vigil.automation.engine.RuleAction;
import io.vigil.automation.engine.Trigger;
import io.vigil.automation.engine.UpdatedBySource;
import io.vigil.incident.Alert;
import io.vigil.incident.AlertInput;
import io.vigil.incident.EntityInput;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentInput;
import io.vigil.incident.IncidentService;
import io.vigil.incident.Owner;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Answers which rules would fire on an incident, in which order, which of their conditions hold,
 * and what their actions would do — changing nothing. Later rules see what earlier rules' property
 * changes would have done, as in a real run.
 */
@Service
public class AutomationDryRun {
  private final AutomationRuleService rules;
  private final IncidentService incidents;
  private final Clock clock;

  AutomationDryRun(AutomationRuleService rules, IncidentService incidents, Clock clock) {
    this.rules = rules;
    this.incidents = incidents;
    this.clock = clock;
  }

  /**
   * What the dry run is about: a stored incident or a described one, the trigger, and optionally a
   * draft rule that takes the place of the stored rule of its name (or joins the rules) for this
   * run only.
   */
  public record Request(
      String incidentId,
      IncidentInput incident,
      Trigger trigger,
      String alertId,
      CompiledRule draft) {}

  /** The verdict on one rule. */
  public record RuleVerdict(
      String name,
      String displayName,
      int order,
      String skipped,
      boolean matched,
      List<Map<String, Object>> conditions,
      List<Map<String, Object>> actions) {}

  @Transactional(readOnly = true)
  public List<RuleVerdict> run(Workspace workspace, Request request) {
    Incident incident;
    List<IncidentFacts.EntityFact> entities = new ArrayList<>();
    List<JsonNode> alerts = new ArrayList<>();
    if (request.incidentId() != null) {
      incident = incidents.get(workspace, request.incidentId());
      incidents
          .entities(workspace, incident.name())
          .forEach(e -> entities.add(new IncidentFacts.EntityFact(e.kind(), e.properties())));
      incidents.alerts(workspace, incident.name()).stream()
          .map(Alert::properties)
          .forEach(alerts::add);
    } else {
      incident = described(workspace, request.incident(), Times.utc(clock.instant()));
      for (EntityInput e : request.incident().entities()) {
        entities.add(new IncidentFacts.EntityFact(e.kind(), e.properties()));
      }
      for (AlertInput alert : request.incident().alerts()) {
        alerts.add(alert.properties());
        alert
            .entities()
            .forEach(e -> entities.add(new IncidentFacts.EntityFact(e.kind(), e.properties())));
      }
    }
    JsonNode triggeringAlert = null;
    if (request.trigger().kind() == Trigger.Kind.AlertCreated) {
      if (alerts.isEmpty()) {
        throw JsonInput.invalid("trigger", "AlertCreated needs an incident with an alert");
      }
      triggeringAlert =
          alerts.stream()
              .filter(
                  a ->
                      request.alertId() == null
                          || a.path("systemAlertId")
                              .asString("")
                              .equalsIgnoreCase(request.alertId()))
              .findFirst()
              .orElseThrow(() -> JsonInput.invalid("alertId", "names no alert of the incident"));
    }

    OffsetDateTime now = Times.utc(clock.instant());
    List<RuleVerdict> verdicts = new ArrayList<>();
    Facts facts = null;
    for (CompiledRule rule : withDraft(rules.runOrder(workspace), request.draft())) {
      if (rule.trigger() != request.trigger().kind()) {
        continue;
      }
      if (!rule.isActive(now)) {
        verdicts.add(
            new RuleVerdict(
                rule.name(),
                rule.displayName(),
                rule.order(),
                rule.enabled() ? "Expired" : "Disabled",
                false,
                List.of(),
                List.of()));
        continue;
      }
      if (facts == null) {
        facts =
            IncidentFacts.of(
                incident, entities, alerts, request.trigger().updatedBySource(), triggeringAlert);
      }
      Condition.Evaluation evaluation = new Condition.Evaluation(facts, request.trigger());
      List<Map<String, Object>> conditions = new ArrayList<>();
      boolean matched = true;
      for (int i = 0; i < rule.conditions().size(); i++) {
        Condition condition = rule.conditions().get(i);
        boolean held = condition.test(evaluation);
        matched &= held;
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("index", i);
        verdict.put("conditionType", conditionType(condition));
        verdict.put("held", held);
        conditions.add(verdict);
      }
      List<Map<String, Object>> actions = new ArrayList<>();
      if (matched) {
        for (RuleAction action : rule.actions()) {
          Map<String, Object> described = new LinkedHashMap<>();
          described.put("order", action.order());
          described.put("actionType", action.actionType());
          described.put("wouldDo", describe(action));
          actions.add(described);
          if (action instanceof RuleAction.ModifyProperties modify) {
            incident = simulate(incident, AutomationRunner.modified(incident, modify));
            facts = null;
          }
        }
      }
      verdicts.add(
          new RuleVerdict(
              rule.name(), rule.displayName(), rule.order(), null, matched, conditions, actions));
    }
    return verdicts;
  }

  private static List<CompiledRule> withDraft(List<CompiledRule> stored, CompiledRule draft) {
    if (draft == null) {
      return stored;
    }
    List<CompiledRule> all = new ArrayList<>(stored);
    all.removeIf(rule -> rule.name().equalsIgnoreCase(draft.name()));
    all.add(draft);
    all.sort(CompiledRule.RUN_ORDER);
    return all;
  }

  private static String conditionType(Condition condition) {
    return switch (condition.getClass().getSimpleName()) {
      case "PropertyCondition" -> "Property";
      case "PropertyArrayCondition" -> "PropertyArray";
      case "PropertyChangedCondition" -> "PropertyChanged";
      case "PropertyArrayChangedCondition" -> "PropertyArrayChanged";
      default -> "Boolean";
    };
  }

  private static String describe(RuleAction action) {
    if (action instanceof RuleAction.AddIncidentTask add) {
      return "Add "
          + (add.mandatory() ? "mandatory " : "")
          + "task '"
          + add.title()
          + "'"
          + (add.assignedTo() == null
              ? ""
              : " assigned to " + add.assignedTo().type() + " " + add.assignedTo().name())
          + (add.dueAfterIncidentCreated() == null
              ? ""
              : " due " + add.dueAfterIncidentCreated() + " after the incident was created");
    }
    if (action instanceof RuleAction.AddTaskTemplate add) {
      return "Add the tasks of task template '" + add.templateName() + "' not yet on the incident";
    }
    if (action instanceof RuleAction.ModifyProperties modify) {
      return "Modify " + String.join(", ", AutomationRunner.fields(modify));
    }
    return "Queue a run of playbook " + ((RuleAction.RunPlaybook) action).logicAppResourceId();
  }

  /** An incident described in the request body, as it would be stored. */
  private static Incident described(Workspace workspace, IncidentInput input, OffsetDateTime now) {
    Set<String> ruleIds = new LinkedHashSet<>(input.relatedAnalyticRuleIds());
    Set<String> products = new LinkedHashSet<>();
    Set<String> tactics = new LinkedHashSet<>();
    for (AlertInput alert : input.alerts()) {
      if (alert.analyticRuleId() != null) {
        ruleIds.add(alert.analyticRuleId());
      }
      if (alert.productName() != null) {
        products.add(alert.productName());
      }
      tactics.addAll(alert.tactics());
    }
    return new Incident(
        0,
        workspace.id(),
        workspace.securityInsightsId() + "/incidents/dry-run",
        "dry-run",
        0,
        "",
        input.title(),
        input.description(),
        input.severity(),
        input.status(),
        input.classification(),
        input.classificationReason(),
        input.classificationComment(),
        input.owner() == null ? Owner.UNASSIGNED : input.owner(),
        input.labels(),
        input.firstActivityTimeUtc(),
        input.lastActivityTimeUtc(),
        now,
        now,
        input.providerName(),
        input.providerIncidentId(),
        List.copyOf(ruleIds),
        input.alerts().size(),
        0,
        0,
        0,
        List.copyOf(products),
        List.copyOf(tactics),
        List.of());
  }

  /** The incident as a ModifyProperties action would leave it. */
  private static Incident simulate(Incident i, IncidentInput change) {
    boolean closed = change.status() == io.vigil.incident.IncidentStatus.Closed;
    return i.with(
        change.severity(),
        change.status(),
        closed ? change.classification() : null,
        closed ? change.classificationReason() : null,
        closed ? change.classificationComment() : null,
        change.owner(),
        distinct(change.labels()));
  }

  /** The trigger a dry run names: created, alert created, or updated with given changes. */
  public static Trigger trigger(JsonInput body) {
    String kind = body.optionalString("trigger", 32);
    Trigger.Kind trigger =
        kind == null
            ? Trigger.Kind.IncidentCreated
            : JsonInput.enumValue(
                tools.jackson.databind.node.StringNode.valueOf(kind),
                "trigger",
                Trigger.Kind.class);
    UpdatedBySource source = body.optionalEnum("updatedBySource", UpdatedBySource.class);
    String by = source == null ? UpdatedBySource.User.name() : source.name();
    if (trigger != Trigger.Kind.IncidentUpdated) {
      return new Trigger(trigger, by, Map.of(), Set.of());
    }
    Map<Trigger.ChangedProperty, Trigger.Change> changes = new LinkedHashMap<>();
    body.optionalObject("changes")
        .ifPresent(
            c -> {
              for (String field : c.node().propertyNames()) {
                Trigger.ChangedProperty property =
                    JsonInput.enumValue(
                        tools.jackson.databind.node.StringNode.valueOf(field),
                        c.path(field),
                        Trigger.ChangedProperty.class);
                JsonInput change = c.object(field);
                changes.put(
                    property,
                    new Trigger.Change(
                        folded(change.optionalString("from", 1024)),
                        folded(change.optionalString("to", 1024))));
              }
            });
    Set<Trigger.ArrayChange> added = new LinkedHashSet<>();
    List<String> names = body.strings("added", 4, 16);
    for (int i = 0; i < names.size(); i++) {
      added.add(
          JsonInput.enumValue(
              body.raw("added").get(i), "added[" + i + "]", Trigger.ArrayChange.class));
    }
    return new Trigger(trigger, by, changes, added);
  }

  private static List<String> folded(String value) {
    return value == null ? List.of() : List.of(value.toLowerCase(java.util.Locale.ROOT));
  }

  private static List<io.vigil.incident.Label> distinct(List<io.vigil.incident.Label> labels) {
    Map<String, io.vigil.incident.Label> unique = new LinkedHashMap<>();
    labels.forEach(l -> unique.putIfAbsent(l.labelName().toLowerCase(java.util.Locale.ROOT), l));
    return List.copyOf(unique.values());
  }
}
