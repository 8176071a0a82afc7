package io.vigil.automation.engine;

import java.util.List;
import java.util.Locale;

/**
 * Sentinel's condition operators. The positive ones hold when the property matches <em>any</em> of
 * the values; the negative ones when it matches <em>none</em>. Comparison ignores letter case.
 */
public enum Operator {
  Equals(false),
  NotEquals(true),
  Contains(false),
  NotContains(true),
  StartsWith(false),
  NotStartsWith(true),
  EndsWith(false),
  NotEndsWith(true);

  private final boolean negative;

  Operator(boolean negative) {
    this.negative = negative;
  }

  /**
   * Whether a property with these {@code actual} values satisfies the operator against the
   * condition's {@code expected} values (both already lower-cased). A multi-valued property
   * (labels, entities of a kind) holds for a positive operator when any of its values matches, and
   * for a negative one when none does.
   */
  public boolean test(List<String> actual, List<String> expected) {
    boolean anyMatch = false;
    for (String value : actual) {
      if (value != null && matchesAny(value, expected)) {
        anyMatch = true;
        break;
      }
    }
    return negative ? !anyMatch : anyMatch;
  }

  private boolean matchesAny(String value, List<String> expected) {
    for (String candidate : expected) {
      boolean match =
          switch (this) {
            case Equals, NotEquals -> value.equals(candidate);
            case Contains, NotContains -> value.contains(candidate);
            case StartsWith, NotStartsWith -> value.startsWith(candidate);
            case EndsWith, NotEndsWith -> value.endsWith(candidate);
          };
      if (match) {
        return true;
      }
    }
    return false;
  }

  static String fold(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
