package io.vigil.playbook.expression;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/** JSON values as WDL sees them: type names, text conversion, equality and ordering. */
final class Values {
  static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;
  static final JsonNode NULL = NullNode.getInstance();

  private Values() {}

  static JsonNode string(String value) {
    return FACTORY.stringNode(value);
  }

  static JsonNode bool(boolean value) {
    return FACTORY.booleanNode(value);
  }

  /** An int node when it fits, so results compare equal to the same number parsed from JSON. */
  static JsonNode number(long value) {
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      return FACTORY.numberNode((int) value);
    }
    return FACTORY.numberNode(value);
  }

  static JsonNode number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new ExpressionException("The result is not a finite number.");
    }
    return FACTORY.numberNode(value);
  }

  static JsonNode number(BigDecimal value) {
    return FACTORY.numberNode(value);
  }

  static boolean isNull(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  /** Whole numbers are WDL's Integer; 1.0 written with a point is a Float. */
  static boolean isInteger(JsonNode value) {
    return value != null && value.isIntegralNumber() && value.canConvertToLong();
  }

  /** Logic Apps' names for value types, as its error messages use them. */
  static String typeName(JsonNode value) {
    if (isNull(value)) {
      return "Null";
    }
    if (value.isString()) {
      return "String";
    }
    if (value.isIntegralNumber()) {
      return "Integer";
    }
    if (value.isNumber()) {
      return "Float";
    }
    if (value.isBoolean()) {
      return "Boolean";
    }
    if (value.isArray()) {
      return "Array";
    }
    if (value.isObject()) {
      return "Object";
    }
    return value.getNodeType().toString();
  }

  /**
   * The text of a value where a string is needed (interpolation, {@code string()}, {@code
   * concat()}, {@code join()}): null is empty, booleans are {@code True}/{@code False} as .NET
   * prints them, numbers are plain, objects and arrays are compact JSON.
   */
  static String text(JsonNode value) {
    if (isNull(value)) {
      return "";
    }
    if (value.isString()) {
      return value.stringValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isNumber()) {
      return formatDouble(value.doubleValue());
    }
    return value.toString();
  }

  /**
   * Like .NET's shortest round-trip form: {@code 3} for 3.0, {@code 10.333}, and an exponent
   * ({@code 1E+20}) only for very large or very small magnitudes.
   */
  static String formatDouble(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-5 && magnitude < 1e15) {
      return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    BigDecimal mantissa = decimal.movePointLeft(exponent).stripTrailingZeros();
    return mantissa.toPlainString()
        + "E"
        + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  static BigDecimal decimal(JsonNode number) {
    if (number.isIntegralNumber()) {
      return new BigDecimal(number.bigIntegerValue());
    }
    if (number.isBigDecimal()) {
      return number.decimalValue();
    }
    return new BigDecimal(Double.toString(number.doubleValue()));
  }

  /**
   * WDL equality: deep for arrays and objects, numeric for numbers (1 equals 1.0), case-sensitive
   * for strings. Null equals the empty string, since Logic Apps compares null as {@code ""}.
   */
  static boolean equal(JsonNode a, JsonNode b) {
    if (isNull(a) || isNull(b)) {
      return isNullOrEmptyString(a) && isNullOrEmptyString(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    if (a.isString() && b.isString()) {
      return a.stringValue().equals(b.stringValue());
    }
    if (a.isBoolean() && b.isBoolean()) {
      return a.booleanValue() == b.booleanValue();
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> properties = a.properties().iterator();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> property = properties.next();
        JsonNode other = b.get(property.getKey());
        if (other == null || !equal(property.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isNullOrEmptyString(JsonNode value) {
    return isNull(value) || (value.isString() && value.stringValue().isEmpty());
  }

  /**
   * Orders two numbers, or two strings (ordinal, case-sensitive); null counts as the empty string.
   * Returns null for any other pair, which the caller reports as an error.
   */
  static Integer compare(JsonNode a, JsonNode b) {
    JsonNode left = isNull(a) ? string("") : a;
    JsonNode right = isNull(b) ? string("") : b;
    if (left.isNumber() && right.isNumber()) {
      return decimal(left).compareTo(decimal(right));
    }
    if (left.isString() && right.isString()) {
      return left.stringValue().compareTo(right.stringValue());
    }
    return null;
  }
}
