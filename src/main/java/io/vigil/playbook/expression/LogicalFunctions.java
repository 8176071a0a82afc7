package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Functions.MANY;

import tools.jackson.databind.JsonNode;

/**
 * Comparison and logic. and, or and if evaluate only the arguments they need, so a guard such as
 * {@code and(not(empty(x)), equals(x[0], 'a'))} does not fail on an empty x.
 */
final class LogicalFunctions {
  private LogicalFunctions() {}

  static void register(Functions.Registry r) {
    r.add("equals", 2, 2, a -> Values.bool(Values.equal(a.get(0), a.get(1))));
    r.add("not", 1, 1, a -> Values.bool(!a.bool(0)));
    r.add("and", 1, MANY, a -> logic(a, false));
    r.add("or", 1, MANY, a -> logic(a, true));
    r.add("if", 3, 3, a -> a.bool(0) ? a.get(1) : a.get(2));
    r.add("greater", 2, 2, a -> Values.bool(compare(a) > 0));
    r.add("greaterOrEquals", 2, 2, a -> Values.bool(compare(a) >= 0));
    r.add("less", 2, 2, a -> Values.bool(compare(a) < 0));
    r.add("lessOrEquals", 2, 2, a -> Values.bool(compare(a) <= 0));
  }

  /** Stops at the first argument equal to {@code decisive}: true for or, false for and. */
  private static JsonNode logic(Args a, boolean decisive) {
    for (int i = 0; i < a.size(); i++) {
      if (a.bool(i) == decisive) {
        return Values.bool(decisive);
      }
    }
    return Values.bool(!decisive);
  }

  private static int compare(Args a) {
    Integer order = Values.compare(a.get(0), a.get(1));
    if (order == null) {
      throw a.fail(
          "expects two numbers or two strings to compare. The provided values are of types '"
              + Values.typeName(a.get(0))
              + "' and '"
              + Values.typeName(a.get(1))
              + "'.");
    }
    return order;
  }
}
