package io.vigil.automation.engine;

import java.util.Locale;

/**
 * Sentinel's condition operators. The positive ones hold when the property matches <em>any</em> of
 * the values; the negative ones when it matches <em>none</em>. Comparison ignores letter case: both
 * sides are lower-cased before they get here.
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

  /** Whether this is one of the Not… operators, holding when no value matches. */
  public boolean negative() {
    return negative;
  }

  /**
   * Whether a property with these {@code actual} values satisfies the operator against the
   * condition's {@code expected} values. A multi-valued property (labels, entities of a kind) holds
   * for a positive operator when any of its values matches, for a negative one when none does.
   */
  public boolean test(String[] actual, String[] expected) {
    // One loop per kind of comparison, chosen once: this runs for every condition of every rule
    // on every change, and the JIT compiles small monomorphic loops best.
    boolean anyMatch =
        switch (this) {
          case Equals, NotEquals -> anyEquals(actual, expected);
          case Contains, NotContains -> anyContains(actual, expected);
          case StartsWith, NotStartsWith -> anyStartsWith(actual, expected);
          case EndsWith, NotEndsWith -> anyEndsWith(actual, expected);
        };
    return negative ? !anyMatch : anyMatch;
  }

  private static boolean anyEquals(String[] actual, String[] expected) {
    for (String value : actual) {
      for (String candidate : expected) {
        if (value.length() == candidate.length() && value.equals(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyContains(String[] actual, String[] expected) {
    for (String value : actual) {
      for (String candidate : expected) {
        int difference = value.length() - candidate.length();
        if (difference == 0
            ? value.equals(candidate)
            : difference > 0 && value.contains(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyStartsWith(String[] actual, String[] expected) {
    for (String value : actual) {
      for (String candidate : expected) {
        if (value.startsWith(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyEndsWith(String[] actual, String[] expected) {
    for (String value : actual) {
      for (String candidate : expected) {
        if (value.endsWith(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  static String fold(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
