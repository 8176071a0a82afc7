package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Functions.MANY;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Arithmetic. Two integers give an integer (div truncates toward zero, as in C#); a float on either
 * side gives a float; a decimal (from decimal()) on either side gives a decimal.
 */
final class MathFunctions {
  private enum Operation {
    ADD,
    SUB,
    MUL,
    DIV,
    MOD
  }

  private static final int RANGE_LIMIT = 100_000;

  private MathFunctions() {}

  static void register(Functions.Registry r) {
    r.add("add", 2, 2, a -> arithmetic(a, Operation.ADD));
    r.add("sub", 2, 2, a -> arithmetic(a, Operation.SUB));
    r.add("mul", 2, 2, a -> arithmetic(a, Operation.MUL));
    r.add("div", 2, 2, a -> arithmetic(a, Operation.DIV));
    r.add("mod", 2, 2, a -> arithmetic(a, Operation.MOD));
    r.add("min", 1, MANY, a -> extreme(a, false));
    r.add("max", 1, MANY, a -> extreme(a, true));
    r.add("rand", 2, 2, MathFunctions::rand);
    r.add("range", 2, 2, MathFunctions::range);
  }

  private static JsonNode arithmetic(Args a, Operation operation) {
    JsonNode left = a.number(0);
    JsonNode right = a.number(1);
    boolean divides = operation == Operation.DIV || operation == Operation.MOD;
    if (divides && Values.decimal(right).signum() == 0) {
      throw a.fail("cannot divide by zero.");
    }
    if (Values.isInteger(left) && Values.isInteger(right)) {
      long x = left.longValue();
      long y = right.longValue();
      try {
        return Values.number(
            switch (operation) {
              case ADD -> Math.addExact(x, y);
              case SUB -> Math.subtractExact(x, y);
              case MUL -> Math.multiplyExact(x, y);
              case DIV -> {
                if (x == Long.MIN_VALUE && y == -1) {
                  throw new ArithmeticException("overflow");
                }
                yield x / y;
              }
              case MOD -> x % y;
            });
      } catch (ArithmeticException e) {
        throw a.fail("overflowed: the result does not fit in a 64-bit integer.");
      }
    }
    if (left.isBigDecimal() || right.isBigDecimal()) {
      BigDecimal x = Values.decimal(left);
      BigDecimal y = Values.decimal(right);
      return Values.number(
          switch (operation) {
            case ADD -> x.add(y);
            case SUB -> x.subtract(y);
            case MUL -> x.multiply(y);
            case DIV -> x.divide(y, MathContext.DECIMAL128);
            case MOD -> x.remainder(y);
          });
    }
    double x = left.doubleValue();
    double y = right.doubleValue();
    return Values.number(
        switch (operation) {
          case ADD -> x + y;
          case SUB -> x - y;
          case MUL -> x * y;
          case DIV -> x / y;
          case MOD -> x % y;
        });
  }

  /** Over the arguments, or over the one array argument: min(1, 2, 3) or min(createArray(1, 2)). */
  private static JsonNode extreme(Args a, boolean max) {
    List<JsonNode> numbers = new ArrayList<>();
    if (a.size() == 1 && a.get(0).isArray()) {
      a.get(0).forEach(numbers::add);
    } else {
      for (int i = 0; i < a.size(); i++) {
        numbers.add(a.get(i));
      }
    }
    if (numbers.isEmpty()) {
      throw a.fail("expects at least one number; the array is empty.");
    }
    JsonNode best = null;
    for (JsonNode number : numbers) {
      if (!number.isNumber()) {
        throw a.fail(
            "expects only numbers. A provided value is of type '" + Values.typeName(number) + "'.");
      }
      if (best == null) {
        best = number;
      } else {
        int order = Values.decimal(number).compareTo(Values.decimal(best));
        if (max ? order > 0 : order < 0) {
          best = number;
        }
      }
    }
    return best;
  }

  /** A random integer from minValue (inclusive) to maxValue (exclusive). */
  private static JsonNode rand(Args a) {
    long min = a.integer(0);
    long max = a.integer(1);
    if (min >= max) {
      throw a.fail("expects its first parameter to be less than its second.");
    }
    return Values.number(ThreadLocalRandom.current().nextLong(min, max));
  }

  /** count integers from startIndex; Logic Apps allows at most 100,000. */
  private static JsonNode range(Args a) {
    long start = a.integer(0);
    long count = a.integer(1);
    if (count < 0 || count > RANGE_LIMIT) {
      throw a.fail(
          "expects its second parameter (the count) to be between 0 and " + RANGE_LIMIT + ".");
    }
    if (start + count > Integer.MAX_VALUE) {
      throw a.fail("expects the sum of its parameters not to exceed " + Integer.MAX_VALUE + ".");
    }
    ArrayNode result = Values.FACTORY.arrayNode((int) count);
    for (long i = 0; i < count; i++) {
      result.add(Values.number(start + i));
    }
    return result;
  }
}
