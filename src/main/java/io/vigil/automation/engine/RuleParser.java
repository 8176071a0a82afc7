package io.vigil.automation.engine;

import io.vigil.automation.engine.Condition.BooleanCondition;
import io.vigil.automation.engine.Condition.PropertyArrayChangedCondition;
import io.vigil.automation.engine.Condition.PropertyArrayCondition;
import io.vigil.automation.engine.Condition.PropertyChangedCondition;
import io.vigil.automation.engine.Condition.PropertyCondition;
import io.vigil.incident.Classification;
import io.vigil.incident.ClassificationReason;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Label;
import io.vigil.incident.LabelType;
import io.vigil.incident.Owner;
import io.vigil.incident.OwnerType;
import io.vigil.incident.Severity;
import io.vigil.incident.Tactic;
import io.vigil.shared.JsonInput;
import io.vigil.shared.RichText;
import io.vigil.task.TaskInput;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and checks the {@code properties} of an automation rule as Sentinel's API shapes it,
 * compiling its conditions and actions. Every problem is a 400 naming the field by its path. Enum
 * values are accepted in any letter case and stored in Sentinel's spelling, so that what is stored
 * round-trips to clients that compare them exactly.
 */
public final class RuleParser {
  /** How deep Boolean and PropertyArray conditions may nest. */
  public static final int MAX_NESTING = 5;

  private static final Pattern PLAYBOOK_ID =
      Pattern.compile(
          "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Logic/workflows/[^/]+");

  private final int maxConditions;
  private final int maxActions;

  public RuleParser(int maxConditions, int maxActions) {
    this.maxConditions = maxConditions;
    this.maxActions = maxActions;
  }

  /** A parsed rule: the compiled form and the definition to store and return. */
  public record Parsed(CompiledRule rule, ObjectNode definition) {}

  /**
   * Parses {@code properties} (read-only properties are ignored) of the rule named {@code name}.
   * {@code now} decides whether an expiration time lies in the past.
   */
  public Parsed parse(String name, JsonInput properties, OffsetDateTime now) {
    // What is stored and returned: the rule's own properties; read-only and unknown ones go.
    ObjectNode definition = properties.node().deepCopy() instanceof ObjectNode copy ? copy : null;
    definition.retain("displayName", "order", "triggeringLogic", "actions");
    JsonInput p = JsonInput.at(definition, properties.path("").replaceAll("\\.$", ""));
    String displayName = p.requiredString("displayName", 500);
    Long order = p.optionalLong("order", 1, 1000);
    if (order == null) {
      throw JsonInput.missing(p.path("order"));
    }

    JsonInput logic = p.object("triggeringLogic");
    Boolean enabled = logic.optionalBoolean("isEnabled");
    if (enabled == null) {
      throw JsonInput.missing(logic.path("isEnabled"));
    }
    OffsetDateTime expiration = logic.optionalDateTime("expirationTimeUtc");
    if (expiration != null && !expiration.isAfter(now)) {
      throw JsonInput.invalid(logic.path("expirationTimeUtc"), "lies in the past");
    }
    TriggersOn on = canonical(logic, "triggersOn", TriggersOn.class);
    TriggersWhen when = canonical(logic, "triggersWhen", TriggersWhen.class);
    Trigger.Kind kind;
    if (on == TriggersOn.Alerts) {
      if (when != TriggersWhen.Created) {
        throw JsonInput.invalid(logic.path("triggersWhen"), "must be Created for alert rules");
      }
      kind = Trigger.Kind.AlertCreated;
    } else {
      kind =
          when == TriggersWhen.Created
              ? Trigger.Kind.IncidentCreated
              : Trigger.Kind.IncidentUpdated;
    }

    List<JsonInput> conditionInputs = logic.objects("conditions", maxConditions);
    List<Condition> conditions = new ArrayList<>();
    for (JsonInput condition : conditionInputs) {
      conditions.add(condition(condition, kind, 1));
    }

    List<JsonInput> actionInputs = p.objects("actions", maxActions);
    if (actionInputs.isEmpty()) {
      throw JsonInput.invalid(p.path("actions"), "must hold at least one action");
    }
    List<RuleAction> actions = new ArrayList<>();
    for (JsonInput action : actionInputs) {
      actions.add(action(action, kind));
    }
    actions.sort(Comparator.comparingInt(RuleAction::order));

    CompiledRule rule =
        new CompiledRule(
            name, displayName, order.intValue(), enabled, expiration, kind, conditions, actions);
    return new Parsed(rule, definition);
  }

  /** Values of {@code triggeringLogic.triggersOn}. */
  enum TriggersOn {
    Incidents,
    Alerts
  }

  /** Values of {@code triggeringLogic.triggersWhen}. */
  enum TriggersWhen {
    Created,
    Updated
  }

  enum ConditionType {
    Property,
    PropertyArray,
    PropertyChanged,
    PropertyArrayChanged,
    Boolean
  }

  enum ArrayConditionType {
    AnyItem,
    AllItems
  }

  enum ChangeType {
    ChangedFrom,
    ChangedTo
  }

  enum ArrayChangeType {
    Added
  }

  enum BooleanOperator {
    And,
    Or
  }

  private Condition condition(JsonInput input, Trigger.Kind kind, int depth) {
    if (depth > MAX_NESTING) {
      throw JsonInput.invalid(
          input.path("").replaceAll("\\.$", ""),
          "nests conditions deeper than " + MAX_NESTING + " levels");
    }
    ConditionType type = canonical(input, "conditionType", ConditionType.class);
    JsonInput c = input.object("conditionProperties");
    return switch (type) {
      case Property -> propertyCondition(c);
      case PropertyArray -> {
        PropertyArrayCondition.ArrayType arrayType =
            canonical(c, "arrayType", PropertyArrayCondition.ArrayType.class);
        ArrayConditionType all = canonical(c, "arrayConditionType", ArrayConditionType.class);
        List<JsonInput> itemInputs = c.objects("itemConditions", 10);
        if (itemInputs.isEmpty()) {
          throw JsonInput.invalid(c.path("itemConditions"), "must hold at least one condition");
        }
        List<Condition> items = new ArrayList<>();
        for (JsonInput item : itemInputs) {
          items.add(condition(item, kind, depth + 1));
        }
        yield new PropertyArrayCondition(arrayType, all == ArrayConditionType.AllItems, items);
      }
      case PropertyChanged -> {
        requireUpdate(input, kind);
        Trigger.ChangedProperty property =
            canonical(c, "propertyName", Trigger.ChangedProperty.class);
        ChangeType change = canonical(c, "changeType", ChangeType.class);
        Operator operator = canonical(c, "operator", Operator.class);
        values(c);
        if (property == Trigger.ChangedProperty.IncidentSeverity) {
          canonicalValues(c, Severity.class, operator);
        } else if (property == Trigger.ChangedProperty.IncidentStatus) {
          canonicalValues(c, IncidentStatus.class, operator);
        }
        yield new PropertyChangedCondition(
            property, change == ChangeType.ChangedFrom, operator, fold(values(c)));
      }
      case PropertyArrayChanged -> {
        requireUpdate(input, kind);
        Trigger.ArrayChange arrayType = canonical(c, "arrayType", Trigger.ArrayChange.class);
        canonical(c, "changeType", ArrayChangeType.class);
        yield new PropertyArrayChangedCondition(arrayType);
      }
      case Boolean -> {
        BooleanOperator operator = canonical(c, "operator", BooleanOperator.class);
        List<JsonInput> innerInputs = c.objects("innerConditions", 10);
        if (innerInputs.size() < 2) {
          throw JsonInput.invalid(c.path("innerConditions"), "must hold 2 to 10 conditions");
        }
        List<Condition> inner = new ArrayList<>();
        for (JsonInput condition : innerInputs) {
          inner.add(condition(condition, kind, depth + 1));
        }
        yield new BooleanCondition(operator == BooleanOperator.And, inner);
      }
    };
  }

  private PropertyCondition propertyCondition(JsonInput c) {
    Property property = canonical(c, "propertyName", Property.class);
    Operator operator = canonical(c, "operator", Operator.class);
    values(c);
    switch (property) {
      case IncidentSeverity -> canonicalValues(c, Severity.class, operator);
      case IncidentStatus -> canonicalValues(c, IncidentStatus.class, operator);
      case IncidentTactics -> canonicalValues(c, Tactic.class, operator);
      case IncidentUpdatedBySource -> canonicalValues(c, UpdatedBySource.class, operator);
      default -> {
        // free text
      }
    }
    return new PropertyCondition(property, operator, fold(values(c)));
  }

  private static List<String> values(JsonInput c) {
    List<String> values = c.strings("propertyValues", 100, 1024);
    if (values.isEmpty()) {
      throw JsonInput.invalid(c.path("propertyValues"), "must hold at least one value");
    }
    return values;
  }

  /** For Equals and NotEquals on an enum-valued property, values must be among its values. */
  private static <E extends Enum<E>> void canonicalValues(
      JsonInput c, Class<E> type, Operator operator) {
    if (operator != Operator.Equals && operator != Operator.NotEquals) {
      return;
    }
    ArrayNode values = (ArrayNode) c.raw("propertyValues");
    for (int i = 0; i < values.size(); i++) {
      E value = JsonInput.enumValue(values.get(i), c.path("propertyValues") + "[" + i + "]", type);
      values.set(i, values.stringNode(value.name()));
    }
  }

  private static void requireUpdate(JsonInput input, Trigger.Kind kind) {
    if (kind != Trigger.Kind.IncidentUpdated) {
      throw JsonInput.invalid(
          input.path("conditionType"),
          "can only be used by rules that trigger when an incident is updated");
    }
  }

  private RuleAction action(JsonInput input, Trigger.Kind kind) {
    Long order = input.optionalLong("order", 1, 1000);
    if (order == null) {
      throw JsonInput.missing(input.path("order"));
    }
    ActionType type = canonical(input, "actionType", ActionType.class);
    if (kind == Trigger.Kind.AlertCreated && type != ActionType.RunPlaybook) {
      throw JsonInput.invalid(
          input.path("actionType"), "must be RunPlaybook for rules that trigger on alerts");
    }
    JsonInput config = input.object("actionConfiguration");
    int n = order.intValue();
    return switch (type) {
      case AddIncidentTask -> {
        String title = config.requiredString("title", TaskInput.MAX_TITLE);
        String description = config.optionalString("description", TaskInput.MAX_DESCRIPTION);
        if (description != null) {
          description = RichText.sanitize(description);
          ((ObjectNode) config.node()).put("description", description);
        }
        Boolean mandatory = config.optionalBoolean("mandatory");
        // Who the task is assigned to; the rule's service checks the name against the workspace.
        TaskInput.AssigneeChange assignedTo = TaskInput.AssigneeChange.read(config);
        if (assignedTo != null && assignedTo.type() != null) {
          ((ObjectNode) config.node().get("assignedTo")).put("type", assignedTo.type().name());
        }
        yield new RuleAction.AddIncidentTask(
            n,
            title,
            description,
            Boolean.TRUE.equals(mandatory),
            assignedTo == TaskInput.AssigneeChange.CLEAR ? null : assignedTo,
            TaskInput.DueChange.duration(config, "dueAfterIncidentCreated"));
      }
      case AddTaskTemplate ->
          new RuleAction.AddTaskTemplate(n, config.requiredString("templateName", 256));
      case ModifyProperties -> modify(n, config);
      case RunPlaybook -> {
        String playbook = config.requiredString("logicAppResourceId", 1024);
        if (!PLAYBOOK_ID.matcher(playbook).matches()) {
          throw JsonInput.invalid(
              config.path("logicAppResourceId"),
              "must be a playbook id: /subscriptions/{s}/resourceGroups/{rg}/providers/"
                  + "Microsoft.Logic/workflows/{name}");
        }
        yield new RuleAction.RunPlaybook(n, playbook, config.optionalUuid("tenantId"));
      }
    };
  }

  enum ActionType {
    ModifyProperties,
    RunPlaybook,
    AddIncidentTask,
    AddTaskTemplate
  }

  private RuleAction.ModifyProperties modify(int order, JsonInput config) {
    Severity severity = optionalCanonical(config, "severity", Severity.class);
    IncidentStatus status = optionalCanonical(config, "status", IncidentStatus.class);
    Classification classification =
        optionalCanonical(config, "classification", Classification.class);
    ClassificationReason reason =
        optionalCanonical(config, "classificationReason", ClassificationReason.class);
    String comment = config.optionalString("classificationComment", 5000);
    Owner owner =
        config
            .optionalObject("owner")
            .map(
                o -> {
                  OwnerType type = optionalCanonical(o, "ownerType", OwnerType.class);
                  Owner given =
                      new Owner(
                          o.optionalUuid("objectId"),
                          o.optionalString("email", 320),
                          o.optionalString("assignedTo", 256),
                          o.optionalString("userPrincipalName", 320),
                          type == null ? OwnerType.User : type);
                  // An empty owner unassigns the incident.
                  return given.isAssigned() ? given : Owner.UNASSIGNED;
                })
            .orElse(null);
    List<Label> labels = new ArrayList<>();
    for (JsonInput label : config.objects("labels", 100)) {
      LabelType type = optionalCanonical(label, "labelType", LabelType.class);
      labels.add(
          new Label(label.requiredString("labelName", 256), type == null ? LabelType.User : type));
    }
    if (severity == null
        && status == null
        && classification == null
        && owner == null
        && labels.isEmpty()) {
      throw JsonInput.invalid(
          config.path("").replaceAll("\\.$", ""),
          "must set at least one of severity, status, classification, owner or labels");
    }
    if (status == IncidentStatus.Closed && classification == null) {
      throw JsonInput.invalid(config.path("classification"), "is required to close an incident");
    }
    if (classification != null && reason != null && !classification.reasons().contains(reason)) {
      throw JsonInput.invalid(
          config.path("classificationReason"),
          "'" + reason + "' does not fit the classification " + classification);
    }
    return new RuleAction.ModifyProperties(
        order, severity, status, classification, reason, comment, owner, List.copyOf(labels));
  }

  /** Reads a required enum field and writes it back in Sentinel's spelling. */
  private static <E extends Enum<E>> E canonical(JsonInput input, String field, Class<E> type) {
    E value = input.requiredEnum(field, type);
    ((ObjectNode) input.node()).put(field, value.name());
    return value;
  }

  private static <E extends Enum<E>> E optionalCanonical(
      JsonInput input, String field, Class<E> type) {
    E value = input.optionalEnum(field, type);
    if (value != null) {
      ((ObjectNode) input.node()).put(field, value.name());
    }
    return value;
  }

  private static List<String> fold(List<String> values) {
    return values.stream().map(Operator::fold).toList();
  }

  /** The analytics rule ids a rule's conditions name (for the grid and the list filter). */
  public static List<String> analyticRuleIds(JsonNode definition) {
    List<String> ids = new ArrayList<>();
    collectRuleIds(definition.path("triggeringLogic").path("conditions"), ids);
    return ids;
  }

  private static void collectRuleIds(JsonNode conditions, List<String> ids) {
    for (JsonNode condition : conditions) {
      JsonNode c = condition.path("conditionProperties");
      String property = c.path("propertyName").asString("");
      if ((property.equals("IncidentRelatedAnalyticRuleIds")
              || property.equals("AlertAnalyticRuleIds"))
          && !c.path("operator").asString("").startsWith("Not")) {
        c.path("propertyValues").forEach(v -> ids.add(v.asString()));
      }
      collectRuleIds(c.path("innerConditions"), ids);
      collectRuleIds(c.path("itemConditions"), ids);
    }
  }
}
