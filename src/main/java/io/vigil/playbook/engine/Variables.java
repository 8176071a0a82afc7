package io.vigil.playbook.engine;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The variable actions. Each answers outputs that carry the variable's value after it, which is
 * what a resumed run sets the variable back to (see {@link Execution}).
 */
final class Variables {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Variables() {}

  static ObjectNode apply(
      String type, JsonNode inputs, Map<String, JsonNode> variables, String action) {
    if (type.equals("InitializeVariable")) {
      ArrayNode initialised = JSON.arrayNode();
      for (JsonNode v : inputs.path("variables")) {
        String name = v.path("name").asString("");
        String kind = v.path("type").asString("").toLowerCase(Locale.ROOT);
        JsonNode value = initial(kind, v.get("value"), name, action);
        if (variables.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
          throw new Execution.ActionFailure(
              "InvalidVariable", "The variable '" + name + "' is already initialised.");
        }
        initialised.add(JSON.objectNode().put("name", name).put("type", kind).set("value", value));
      }
      ObjectNode body = JSON.objectNode();
      body.set("variables", initialised);
      return Execution.body(body);
    }
    String name = inputs.path("name").asString("");
    String key = name.toLowerCase(Locale.ROOT);
    JsonNode current = variables.get(key);
    if (current == null) {
      throw new Execution.ActionFailure(
          "InvalidVariable",
          "The variable '" + name + "' used by '" + action + "' is not initialised.");
    }
    JsonNode value = inputs.path("value");
    JsonNode next =
        switch (type) {
          case "SetVariable" -> value.isMissingNode() ? JSON.nullNode() : value;
          case "AppendToArrayVariable" -> {
            if (!current.isArray()) {
              throw failure(action, name, "is not an array");
            }
            ArrayNode copy = ((ArrayNode) current).deepCopy();
            copy.add(value.isMissingNode() ? JSON.nullNode() : value);
            yield copy;
          }
          case "AppendToStringVariable" -> {
            if (!current.isString()) {
              throw failure(action, name, "is not a string");
            }
            yield JSON.stringNode(
                current.asString()
                    + (value.isString()
                        ? value.asString()
                        : value.isMissingNode() || value.isNull() ? "" : value.toString()));
          }
          case "IncrementVariable", "DecrementVariable" -> {
            if (!current.isNumber()) {
              throw failure(action, name, "is not a number");
            }
            BigDecimal by = value.isMissingNode() ? BigDecimal.ONE : value.decimalValue();
            BigDecimal result =
                type.equals("IncrementVariable")
                    ? current.decimalValue().add(by)
                    : current.decimalValue().subtract(by);
            yield current.isIntegralNumber() && value.isMissingNode()
                    || current.isIntegralNumber() && value.isIntegralNumber()
                ? JSON.numberNode(result.longValueExact())
                : JSON.numberNode(result);
          }
          default -> throw new IllegalArgumentException(type);
        };
    variables.put(key, next);
    ObjectNode body = JSON.objectNode().put("name", name);
    body.set("value", next);
    return Execution.body(body);
  }

  private static JsonNode initial(String kind, JsonNode value, String name, String action) {
    boolean absent = value == null || value.isNull();
    return switch (kind) {
      case "array" -> absent ? JSON.arrayNode() : check(value, value.isArray(), kind, name, action);
      case "string" ->
          absent ? JSON.stringNode("") : check(value, value.isString(), kind, name, action);
      case "integer" ->
          absent ? JSON.numberNode(0) : check(value, value.isIntegralNumber(), kind, name, action);
      case "float" ->
          absent ? JSON.numberNode(0.0) : check(value, value.isNumber(), kind, name, action);
      case "boolean" ->
          absent ? JSON.booleanNode(false) : check(value, value.isBoolean(), kind, name, action);
      case "object" ->
          absent ? JSON.objectNode() : check(value, value.isObject(), kind, name, action);
      default ->
          throw new Execution.ActionFailure(
              "InvalidVariable",
              "The variable '" + name + "' has the unknown type '" + kind + "'.");
    };
  }

  private static JsonNode check(
      JsonNode value, boolean ok, String kind, String name, String action) {
    if (!ok) {
      throw failure(
          action, name, "is declared " + kind + " but its value is " + Execution.kind(value));
    }
    return value;
  }

  private static Execution.ActionFailure failure(String action, String name, String problem) {
    return new Execution.ActionFailure(
        "InvalidVariable", "Action '" + action + "': the variable '" + name + "' " + problem + ".");
  }
}
