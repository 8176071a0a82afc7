package io.vigil.playbook.expression;

import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The arguments of one built-in call. Each is evaluated when the function first reads it, so that
 * {@code if}, {@code and}, {@code or} and {@code coalesce} skip what they do not need, e.g. {@code
 * if(empty(x), null, x[0])}. The typed getters fail with Logic Apps' wording, naming the function
 * and the parameter.
 */
final class Args {
  private static final String[] ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"
  };

  private final String function;
  private final int count;
  private final IntFunction<JsonNode> source;
  private final JsonNode[] values;
  private final ExpressionContext context;

  Args(String function, int count, IntFunction<JsonNode> source, ExpressionContext context) {
    this.function = function;
    this.count = count;
    this.source = source;
    this.values = new JsonNode[count];
    this.context = context;
  }

  String function() {
    return function;
  }

  ExpressionContext context() {
    return context;
  }

  int size() {
    return count;
  }

  boolean has(int index) {
    return index < count;
  }

  /** The argument's value; JSON null when it is absent. */
  JsonNode get(int index) {
    if (index >= count) {
      return Values.NULL;
    }
    if (values[index] == null) {
      JsonNode value = source.apply(index);
      values[index] = value == null ? Values.NULL : value;
    }
    return values[index];
  }

  String string(int index) {
    JsonNode value = get(index);
    if (!value.isString()) {
      throw wrongType(index, "a string");
    }
    return value.stringValue();
  }

  /** The argument as a string, or {@code fallback} when it is absent or null. */
  String optionalString(int index, String fallback) {
    JsonNode value = get(index);
    return Values.isNull(value) ? fallback : string(index);
  }

  /** Any value as text, the way interpolation writes it. */
  String text(int index) {
    return Values.text(get(index));
  }

  /** A whole number; a float with no fraction (such as 2.0) is accepted too. */
  long integer(int index) {
    JsonNode value = get(index);
    if (Values.isInteger(value)) {
      return value.longValue();
    }
    if (value.isNumber()) {
      double number = value.doubleValue();
      if (number == Math.rint(number) && Math.abs(number) < 9.2e18) {
        return (long) number;
      }
    }
    throw wrongType(index, "an integer");
  }

  JsonNode number(int index) {
    JsonNode value = get(index);
    if (!value.isNumber()) {
      throw wrongType(index, "an integer or a float");
    }
    return value;
  }

  boolean bool(int index) {
    JsonNode value = get(index);
    if (!value.isBoolean()) {
      throw wrongType(index, "a boolean");
    }
    return value.booleanValue();
  }

  ArrayNode array(int index) {
    JsonNode value = get(index);
    if (!value.isArray()) {
      throw wrongType(index, "an array");
    }
    return (ArrayNode) value;
  }

  ObjectNode object(int index) {
    JsonNode value = get(index);
    if (!value.isObject()) {
      throw wrongType(index, "an object");
    }
    return (ObjectNode) value;
  }

  /** "The template language function 'f' expects its second parameter to be ..." */
  ExpressionException wrongType(int index, String expected) {
    return fail(
        "expects its "
            + parameter(index)
            + " to be "
            + expected
            + ". The provided value is of type '"
            + Values.typeName(get(index))
            + "'.");
  }

  /** "The template language function 'f' " followed by {@code problem}. */
  ExpressionException fail(String problem) {
    return new ExpressionException("The template language function '" + function + "' " + problem);
  }

  String parameter(int index) {
    if (count == 1 && Functions.maxArity(function) == 1) {
      return "parameter";
    }
    return (index < ORDINALS.length ? ORDINALS[index] : "#" + (index + 1)) + " parameter";
  }
}
