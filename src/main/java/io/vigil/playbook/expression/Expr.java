package io.vigil.playbook.expression;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The syntax tree of one WDL expression. Positions are offsets into the whole template text. */
sealed interface Expr {
  int position();

  /** A string, number, boolean or null written in the expression. */
  record Literal(JsonNode value, int position) implements Expr {}

  /** {@code name(arguments)}; {@code name} is lower-cased, {@code spelling} is as written. */
  record FunctionCall(String name, String spelling, List<Expr> arguments, int position)
      implements Expr {
    public FunctionCall {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * {@code target[key]}, {@code target.key}, or their null-safe forms {@code target?[key]} and
   * {@code target?.key}, which give null instead of failing on a null target or missing member.
   */
  record Access(Expr target, Expr key, boolean nullSafe, int position) implements Expr {}
}
