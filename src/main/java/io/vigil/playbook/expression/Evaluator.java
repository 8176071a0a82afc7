package io.vigil.playbook.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Evaluates a syntax tree: built-in functions here, every other name through the context. */
final class Evaluator {
  private final ExpressionContext context;

  Evaluator(ExpressionContext context) {
    if (context == null) {
      throw new IllegalArgumentException("context is null");
    }
    this.context = context;
  }

  /** Evaluates an expression; exceptions of the context other than ExpressionException pass. */
  JsonNode evaluate(Expr expression) {
    try {
      return eval(expression);
    } catch (ContextFailure e) {
      throw e.original;
    }
  }

  /**
   * Carries an exception the context threw (anything but ExpressionException) up through the
   * built-ins around the call, so that none of them reports it as its own failure.
   */
  private static final class ContextFailure extends RuntimeException {
    final RuntimeException original;

    ContextFailure(RuntimeException original) {
      super(original.getMessage(), original, false, false);
      this.original = original;
    }
  }

  private JsonNode eval(Expr expression) {
    if (expression instanceof Expr.Literal literal) {
      return literal.value();
    }
    if (expression instanceof Expr.FunctionCall call) {
      return call(call);
    }
    return access((Expr.Access) expression);
  }

  private JsonNode call(Expr.FunctionCall call) {
    Functions.Builtin builtin = Functions.lookup(call.name());
    List<Expr> arguments = call.arguments();
    if (builtin != null) {
      Args args = new Args(call.spelling(), arguments.size(), i -> eval(arguments.get(i)), context);
      try {
        JsonNode result = builtin.implementation().apply(args);
        return result == null ? Values.NULL : result;
      } catch (ExpressionException e) {
        throw e.at(call.position());
      } catch (ContextFailure e) {
        throw e;
      } catch (RuntimeException e) {
        // A bug or an unexpected value deep in a function still reads as a template error.
        throw new ExpressionException(
                "The template language function '" + call.spelling() + "' failed: " + e, e)
            .at(call.position());
      }
    }
    List<JsonNode> values = new ArrayList<>(arguments.size());
    for (Expr argument : arguments) {
      values.add(eval(argument));
    }
    try {
      JsonNode result = context.call(call.name(), Collections.unmodifiableList(values));
      return result == null ? Values.NULL : result;
    } catch (ExpressionException e) {
      throw e.at(call.position());
    } catch (RuntimeException e) {
      throw new ContextFailure(e);
    }
  }

  /**
   * Member and element selection. A null target, a missing property or an index out of range fail
   * unless the access is null-safe ({@code ?[} or {@code ?.}), which gives null instead. Selecting
   * from a string, number or boolean fails either way, as in Logic Apps.
   */
  private JsonNode access(Expr.Access access) {
    JsonNode target = eval(access.target());
    JsonNode key = eval(access.key());
    int position = access.position();
    if (Values.isNull(target)) {
      if (access.nullSafe()) {
        return Values.NULL;
      }
      throw new ExpressionException(
          "The template language expression cannot be evaluated because "
              + describe(key)
              + " cannot be selected from a null value. Use '?[' to get null instead.",
          position);
    }
    if (target.isObject()) {
      if (!key.isString()) {
        throw new ExpressionException(
            "Object properties can only be selected by name (a string); the provided key is of"
                + " type '"
                + Values.typeName(key)
                + "'.",
            position);
      }
      JsonNode value = property(target, key.stringValue());
      if (value != null) {
        return value;
      }
      if (access.nullSafe()) {
        return Values.NULL;
      }
      throw new ExpressionException(
          "The template language expression cannot be evaluated because property '"
              + key.stringValue()
              + "' doesn't exist, available properties are '"
              + String.join(", ", target.propertyNames())
              + "'.",
          position);
    }
    if (target.isArray()) {
      if (!key.isNumber() || key.doubleValue() != Math.rint(key.doubleValue())) {
        throw new ExpressionException(
            "Array elements can only be selected using an integer index; the provided index is "
                + describe(key)
                + ".",
            position);
      }
      double index = key.doubleValue();
      if (index >= 0 && index < target.size()) {
        return target.get((int) index);
      }
      if (access.nullSafe()) {
        return Values.NULL;
      }
      throw new ExpressionException(
          "The template language expression cannot be evaluated because array index '"
              + Values.text(key)
              + "' is outside bounds (0 - "
              + (target.size() - 1)
              + ") of array.",
          position);
    }
    throw new ExpressionException(
        "The template language expression cannot be evaluated because "
            + describe(key)
            + " cannot be selected. Property selection is not supported on values of type '"
            + Values.typeName(target)
            + "'.",
        position);
  }

  /** Exact name first; otherwise the first property whose name differs only in letter case. */
  private static JsonNode property(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value != null) {
      return value;
    }
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      if (property.getKey().equalsIgnoreCase(name)) {
        return property.getValue();
      }
    }
    return null;
  }

  private static String describe(JsonNode key) {
    if (key.isString()) {
      return "property '" + key.stringValue() + "'";
    }
    if (key.isNumber()) {
      return "index '" + Values.text(key) + "'";
    }
    return "a key of type '" + Values.typeName(key) + "'";
  }
}
