package io.vigil.playbook.expression;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One string value of a workflow definition, parsed. It is one of:
 *
 * <ul>
 *   <li>a literal: a string that neither starts with {@code @} nor contains {@code @{};
 *   <li>a whole-string expression {@code @expr}, whose result keeps its JSON type;
 *   <li>an interpolated string with {@code @{expr}} parts, whose results are turned into text.
 * </ul>
 *
 * {@code @@} at the start stands for a literal at-sign ({@code "@@foo"} is {@code "@foo"}), and
 * {@code @@{} anywhere stands for a literal {@code @{}. Positions in errors are 0-based offsets
 * into the string.
 */
public final class Template {
  private final String text;
  private final JsonNode literal;
  private final Expr whole;
  private final List<Object> parts;

  private Template(String text, JsonNode literal, Expr whole, List<Object> parts) {
    this.text = text;
    this.literal = literal;
    this.whole = whole;
    this.parts = parts;
  }

  /** Parses {@code text}; throws {@link ExpressionException} naming the problem and position. */
  public static Template parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text is null");
    }
    try {
      if (text.startsWith("@@")) {
        return new Template(text, Values.string(text.substring(1)), null, null);
      }
      if (text.startsWith("@") && !text.startsWith("@{")) {
        Parser.Result result = Parser.parse(text, 1, false);
        return new Template(text, null, result.expression(), null);
      }
      return interpolated(text);
    } catch (ExpressionException e) {
      throw e.inTemplate(text, true);
    }
  }

  /** Splits text into literal pieces (String) and {@code @{...}} expressions (Expr). */
  private static Template interpolated(String text) {
    List<Object> parts = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int index = 0;
    while (index < text.length()) {
      if (text.startsWith("@@{", index)) {
        pending.append("@{");
        index += 3;
      } else if (text.startsWith("@{", index)) {
        if (pending.length() > 0) {
          parts.add(pending.toString());
          pending.setLength(0);
        }
        Parser.Result result = Parser.parse(text, index + 2, true);
        parts.add(result.expression());
        index = result.end();
      } else {
        pending.append(text.charAt(index++));
      }
    }
    if (parts.isEmpty()) {
      return new Template(text, Values.string(pending.toString()), null, null);
    }
    if (pending.length() > 0) {
      parts.add(pending.toString());
    }
    return new Template(text, null, null, List.copyOf(parts));
  }

  /** The string as written in the definition. */
  public String text() {
    return text;
  }

  /** True when the string holds no expression; {@link #evaluate} then returns it unchanged. */
  public boolean isLiteral() {
    return literal != null;
  }

  /**
   * Evaluates the template; throws {@link ExpressionException} naming the problem and position.
   * Other exceptions the context throws pass unchanged. The result may share nodes with values the
   * context returned, so treat it as read-only (copy it before changing it).
   */
  public JsonNode evaluate(ExpressionContext context) {
    if (literal != null) {
      return literal;
    }
    Evaluator evaluator = new Evaluator(context);
    try {
      if (whole != null) {
        return evaluator.evaluate(whole);
      }
      StringBuilder result = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof Expr expression) {
          result.append(Values.text(evaluator.evaluate(expression)));
        } else {
          result.append((String) part);
        }
      }
      return Values.string(result.toString());
    } catch (ExpressionException e) {
      throw e.inTemplate(text, false);
    }
  }

  /** The functions called anywhere in the template, outer calls before the calls in arguments. */
  public List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    if (whole != null) {
      collect(whole, calls);
    } else if (parts != null) {
      for (Object part : parts) {
        if (part instanceof Expr expression) {
          collect(expression, calls);
        }
      }
    }
    return calls;
  }

  private static void collect(Expr expression, List<Call> calls) {
    if (expression instanceof Expr.FunctionCall call) {
      List<String> literals = new ArrayList<>();
      for (Expr argument : call.arguments()) {
        if (argument instanceof Expr.Literal value && value.value().isString()) {
          literals.add(value.value().stringValue());
        } else {
          break;
        }
      }
      calls.add(new Call(call.name(), literals));
      call.arguments().forEach(argument -> collect(argument, calls));
    } else if (expression instanceof Expr.Access access) {
      collect(access.target(), calls);
      collect(access.key(), calls);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
