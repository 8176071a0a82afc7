package io.vigil.playbook.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies {@link Template} to every string in a JSON value, such as an action's {@code inputs} or
 * an If action's {@code expression} object. Object keys are never evaluated, as in Logic Apps.
 */
public final class Templates {
  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private Templates() {}

  /** A copy of {@code value} with every string replaced by its evaluated template. */
  public static JsonNode evaluate(JsonNode value, ExpressionContext context) {
    if (value == null) {
      return Values.NULL;
    }
    if (value.isString()) {
      return Template.parse(value.stringValue()).evaluate(context);
    }
    if (value.isObject()) {
      ObjectNode result = Values.FACTORY.objectNode();
      for (Map.Entry<String, JsonNode> property : value.properties()) {
        result.set(property.getKey(), evaluate(property.getValue(), context));
      }
      return result;
    }
    if (value.isArray()) {
      ArrayNode result = Values.FACTORY.arrayNode(value.size());
      for (JsonNode item : value) {
        result.add(evaluate(item, context));
      }
      return result;
    }
    return value;
  }

  /**
   * Parses every string in the tree; returns one problem per string that does not parse, as {@code
   * "<json path>: <message>"} with paths like {@code $.actions.Compose.inputs} or {@code $['Add
   * comment'].inputs.body[0]}. Empty when all parse.
   */
  public static List<String> validate(JsonNode value) {
    List<String> problems = new ArrayList<>();
    walk(
        value,
        "$",
        (path, template, error) -> {
          if (error != null) {
            problems.add(path + ": " + error.getMessage());
          }
        });
    return problems;
  }

  /** All calls in all strings of the tree; strings that do not parse are skipped. */
  public static List<Call> calls(JsonNode value) {
    List<Call> calls = new ArrayList<>();
    walk(
        value,
        "$",
        (path, template, error) -> {
          if (template != null) {
            calls.addAll(template.calls());
          }
        });
    return calls;
  }

  private interface Visitor {
    void visit(String path, Template template, ExpressionException error);
  }

  private static void walk(JsonNode value, String path, Visitor visitor) {
    if (value == null) {
      return;
    }
    if (value.isString()) {
      try {
        visitor.visit(path, Template.parse(value.stringValue()), null);
      } catch (ExpressionException e) {
        visitor.visit(path, null, e);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> property : value.properties()) {
        walk(property.getValue(), member(path, property.getKey()), visitor);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), path + "[" + i + "]", visitor);
      }
    }
  }

  private static String member(String path, String name) {
    if (SIMPLE_NAME.matcher(name).matches()) {
      return path + "." + name;
    }
    return path + "['" + name.replace("'", "\\'") + "']";
  }
}
