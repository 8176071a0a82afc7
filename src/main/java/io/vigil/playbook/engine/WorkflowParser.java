package io.vigil.playbook.engine;

import io.vigil.playbook.expression.Call;
import io.vigil.playbook.expression.Functions;
import io.vigil.playbook.expression.Templates;
import io.vigil.shared.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses a workflow definition and refuses, naming the action and the problem, what Vigil cannot
 * run: unknown trigger or action types, expressions that do not parse or call unknown functions,
 * {@code runAfter} naming an action that is not a sibling, cycles, references to unknown actions,
 * loops or variables.
 */
public final class WorkflowParser {
  /** Trigger types Vigil accepts; see docs/playbook-execution.md for how each is started. */
  static final Set<String> TRIGGER_TYPES =
      Set.of("apiconnectionwebhook", "request", "recurrence", "apiconnection", "httpwebhook");

  static final Map<String, String> ACTION_TYPES = canonical();

  /** Functions that read the state of a run; the engine answers them. */
  public static final Set<String> RUN_FUNCTIONS =
      Set.of(
          "triggerbody",
          "triggeroutputs",
          "trigger",
          "triggerformdatavalue",
          "triggerformdatamultivalues",
          "triggermultipartbody",
          "body",
          "outputs",
          "actions",
          "action",
          "actionbody",
          "actionoutputs",
          "items",
          "item",
          "iterationindexes",
          "variables",
          "parameters",
          "result",
          "workflow",
          "listcallbackurl");

  private static final Set<String> READS_ACTION =
      Set.of("body", "outputs", "actions", "actionbody", "actionoutputs", "result");

  private static final int MAX_ACTIONS = 500;
  private static final int MAX_DEPTH = 8;

  private final List<String> problems = new ArrayList<>();
  private final Map<String, ActionDef> allActions = new HashMap<>();
  private final Set<String> variables = new HashSet<>();

  /** Each action's enclosing Foreach and Until names, lower-cased, outermost first. */
  private final Map<String, List<String>> loopsOf = new HashMap<>();

  private int count;

  private WorkflowParser() {}

  /** Parses {@code definition} or throws a 400 listing every problem found. */
  public static Workflow parse(JsonNode definition) {
    if (definition == null || !definition.isObject()) {
      throw ApiException.badRequest(
          "'properties.definition' must be a workflow definition object.");
    }
    WorkflowParser parser = new WorkflowParser();
    Workflow workflow = parser.workflow((ObjectNode) definition);
    if (!parser.problems.isEmpty()) {
      throw ApiException.badRequest("The workflow definition is not valid: ", parser.problems);
    }
    return workflow;
  }

  private Workflow workflow(ObjectNode definition) {
    Map<String, JsonNode> parameters = new LinkedHashMap<>();
    definition
        .path("parameters")
        .properties()
        .forEach(e -> parameters.put(e.getKey(), e.getValue().path("defaultValue")));
    Map<String, JsonNode> triggers = new LinkedHashMap<>();
    JsonNode triggerNodes = definition.path("triggers");
    if (!triggerNodes.isObject() || triggerNodes.isEmpty()) {
      problems.add("the definition needs a trigger in 'triggers'");
    } else {
      triggerNodes
          .properties()
          .forEach(
              e -> {
                String type = e.getValue().path("type").asString("");
                if (!TRIGGER_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                  problems.add(
                      "trigger '"
                          + e.getKey()
                          + "': the trigger type '"
                          + type
                          + "' is not supported");
                }
                triggers.put(e.getKey(), e.getValue());
                expressions("trigger '" + e.getKey() + "'", e.getValue().path("inputs"));
              });
    }
    JsonNode actionNodes = definition.path("actions");
    if (!actionNodes.isMissingNode() && !actionNodes.isObject()) {
      problems.add("'actions' must be an object");
    }
    List<ActionDef> actions = scope(actionNodes, List.of(), 0);
    for (ActionDef action : allActions.values()) {
      references(action);
    }
    return new Workflow(triggers, actions, parameters);
  }

  /** Parses the actions of one scope, checking runAfter within it. */
  private List<ActionDef> scope(JsonNode nodes, List<String> loops, int depth) {
    if (depth > MAX_DEPTH) {
      problems.add("actions are nested more than " + MAX_DEPTH + " levels deep");
      return List.of();
    }
    List<ActionDef> actions = new ArrayList<>();
    if (!nodes.isObject()) {
      return actions;
    }
    for (Map.Entry<String, JsonNode> e : nodes.properties()) {
      if (++count > MAX_ACTIONS) {
        problems.add("a workflow can have at most " + MAX_ACTIONS + " actions");
        return actions;
      }
      ActionDef action = action(e.getKey(), e.getValue(), loops, depth);
      if (action != null) {
        if (allActions.putIfAbsent(action.name().toLowerCase(Locale.ROOT), action) != null) {
          problems.add("action '" + action.name() + "': the name is used twice");
        }
        actions.add(action);
      }
    }
    Set<String> names = new HashSet<>();
    actions.forEach(a -> names.add(a.name()));
    for (ActionDef action : actions) {
      for (String before : action.runAfter().keySet()) {
        if (!names.contains(before)) {
          problems.add(
              "action '"
                  + action.name()
                  + "': runAfter names '"
                  + before
                  + "', which is not an action of the same scope");
        }
      }
    }
    cycles(actions);
    return actions;
  }

  private ActionDef action(String name, JsonNode json, List<String> loops, int depth) {
    String where = "action '" + name + "'";
    if (!json.isObject()) {
      problems.add(where + ": must be an object");
      return null;
    }
    String type = ACTION_TYPES.get(json.path("type").asString("").toLowerCase(Locale.ROOT));
    if (type == null) {
      problems.add(
          where + ": the action type '" + json.path("type").asString("") + "' is not supported");
      return null;
    }
    Map<String, Set<Status>> runAfter = new LinkedHashMap<>();
    json.path("runAfter")
        .properties()
        .forEach(
            e -> {
              Set<Status> statuses = new LinkedHashSet<>();
              if (!e.getValue().isArray()) {
                problems.add(where + ": runAfter '" + e.getKey() + "' must list statuses");
              }
              for (JsonNode s : e.getValue()) {
                Status status = runAfterStatus(s.asString(""));
                if (status == null) {
                  problems.add(
                      where
                          + ": runAfter status '"
                          + s.asString("")
                          + "' is not one of Succeeded, Failed, Skipped, TimedOut");
                } else {
                  statuses.add(status);
                }
              }
              runAfter.put(e.getKey(), statuses);
            });
    loopsOf.put(
        name.toLowerCase(Locale.ROOT),
        loops.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
    List<String> inner = loops;
    if (type.equals("Foreach") || type.equals("Until")) {
      inner = new ArrayList<>(loops);
      inner.add(name);
    }
    List<ActionDef> actions = List.of();
    List<ActionDef> otherwise = List.of();
    List<ActionDef.Case> cases = List.of();
    switch (type) {
      case "If" -> {
        actions = scope(json.path("actions"), inner, depth + 1);
        otherwise = scope(json.path("else").path("actions"), inner, depth + 1);
        if (json.path("expression").isMissingNode()) {
          problems.add(where + ": an If needs an 'expression'");
        }
      }
      case "Switch" -> {
        cases = new ArrayList<>();
        Set<String> values = new HashSet<>();
        for (Map.Entry<String, JsonNode> c : json.path("cases").properties()) {
          if (!values.add(c.getValue().path("case").toString())) {
            problems.add(where + ": two cases match " + c.getValue().path("case"));
          }
          cases.add(
              new ActionDef.Case(
                  c.getKey(),
                  c.getValue().path("case"),
                  scope(c.getValue().path("actions"), inner, depth + 1)));
        }
        otherwise = scope(json.path("default").path("actions"), inner, depth + 1);
      }
      case "Foreach", "Until", "Scope" -> actions = scope(json.path("actions"), inner, depth + 1);
      default -> {}
    }
    if (type.equals("Foreach") && json.path("foreach").isMissingNode()) {
      problems.add(where + ": a Foreach needs 'foreach'");
    }
    if (type.equals("Until") && json.path("expression").isMissingNode()) {
      problems.add(where + ": an Until needs an 'expression'");
    }
    if (type.equals("InitializeVariable")) {
      for (JsonNode v : json.path("inputs").path("variables")) {
        variables.add(v.path("name").asString("").toLowerCase(Locale.ROOT));
      }
    }
    ObjectNode own = ((ObjectNode) json).deepCopy();
    own.remove(List.of("actions", "else", "cases", "default", "runAfter"));
    expressions(where, own);
    return new ActionDef(name, type, json, runAfter, actions, otherwise, cases);
  }

  private void expressions(String where, JsonNode node) {
    for (String problem : Templates.validate(node)) {
      problems.add(where + ": " + problem);
    }
    for (Call call : Templates.calls(node)) {
      String function = call.function().toLowerCase(Locale.ROOT);
      if (!Functions.isBuiltIn(function) && !RUN_FUNCTIONS.contains(function)) {
        problems.add(where + ": the function '" + call.function() + "' is not defined");
      }
    }
  }

  /** Checks that functions reading actions, loops and variables name ones that exist. */
  private void references(ActionDef action) {
    ObjectNode own = ((ObjectNode) action.json()).deepCopy();
    own.remove(List.of("actions", "else", "cases", "default"));
    String where = "action '" + action.name() + "'";
    for (Call call : Templates.calls(own)) {
      String function = call.function().toLowerCase(Locale.ROOT);
      if (call.literalStringArguments().isEmpty()) {
        continue;
      }
      String target = call.literalStringArguments().get(0).toLowerCase(Locale.ROOT);
      if (READS_ACTION.contains(function) && !allActions.containsKey(target)) {
        problems.add(where + ": " + call.function() + "('" + target + "') names no action");
      } else if (function.equals("items") && !enclosingLoops(action).contains(target)) {
        problems.add(where + ": items('" + target + "') is used outside a Foreach of that name");
      } else if (function.equals("variables") && !variables.contains(target)) {
        problems.add(where + ": variables('" + target + "') names no initialised variable");
      }
    }
  }

  /** The loops around an action; a Foreach's own expression may not use its own items. */
  private List<String> enclosingLoops(ActionDef action) {
    return loopsOf.getOrDefault(action.name().toLowerCase(Locale.ROOT), List.of());
  }

  private void cycles(List<ActionDef> actions) {
    Map<String, ActionDef> byName = new HashMap<>();
    actions.forEach(a -> byName.put(a.name(), a));
    Set<String> done = new HashSet<>();
    for (ActionDef action : actions) {
      visit(action, byName, new LinkedHashSet<>(), done);
    }
  }

  private void visit(
      ActionDef action, Map<String, ActionDef> byName, Set<String> path, Set<String> done) {
    if (done.contains(action.name())) {
      return;
    }
    if (!path.add(action.name())) {
      problems.add(
          "action '"
              + action.name()
              + "': runAfter forms a cycle ("
              + String.join(" → ", path)
              + ")");
      done.add(action.name());
      return;
    }
    for (String before : action.runAfter().keySet()) {
      ActionDef next = byName.get(before);
      if (next != null) {
        visit(next, byName, path, done);
      }
    }
    path.remove(action.name());
    done.add(action.name());
  }

  private static Status runAfterStatus(String name) {
    for (Status s : List.of(Status.Succeeded, Status.Failed, Status.Skipped, Status.TimedOut)) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    return null;
  }

  private static Map<String, String> canonical() {
    Map<String, String> types = new HashMap<>();
    for (String type :
        List.of(
            "ApiConnection",
            "ApiConnectionWebhook",
            "Http",
            "Foreach",
            "If",
            "Switch",
            "Until",
            "Scope",
            "Compose",
            "ParseJson",
            "Query",
            "Select",
            "Table",
            "Join",
            "InitializeVariable",
            "SetVariable",
            "AppendToArrayVariable",
            "AppendToStringVariable",
            "IncrementVariable",
            "DecrementVariable",
            "Terminate",
            "Wait",
            "Response")) {
      types.put(type.toLowerCase(Locale.ROOT), type);
    }
    return Map.copyOf(types);
  }
}
