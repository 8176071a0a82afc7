package io.vigil.automation.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct single-value tests — probes — that the property conditions of a {@link RuleSet}
 * make: does some value of a property equal (contain, start with, end with) a given string? A
 * condition with several values holds when any of its probes does (for a Not… operator, when none
 * does), so a rule set needs only these answers, each found once per incident however many rules
 * ask.
 *
 * <p>The probes of one property are answered together, the first time a rule asks for any of them:
 * those of {@code Equals} by looking each of the property's values up in a hash map, whatever the
 * number of rules; the others by comparing every value with each probe's string.
 */
final class Probes {
  private static final int EQUALS = 0;
  private static final int CONTAINS = 1;
  private static final int STARTS_WITH = 2;
  private static final int ENDS_WITH = 3;

  /** By property ordinal: a value → the id of the probe equal to it; null where there are none. */
  private final Map<String, Integer>[] equalsByProperty;

  /** By property ordinal: the ids of the other probes. */
  private final int[][] scannedByProperty;

  /** By probe id. */
  private final int[] kinds;

  private final String[] strings;
  private final int count;

  private Probes(Builder builder) {
    equalsByProperty = builder.equalsByProperty.clone();
    scannedByProperty = new int[builder.scannedByProperty.length][];
    for (int i = 0; i < scannedByProperty.length; i++) {
      List<Integer> ids = builder.scannedByProperty[i];
      scannedByProperty[i] =
          ids == null ? new int[0] : ids.stream().mapToInt(Integer::intValue).toArray();
    }
    count = builder.kinds.size();
    kinds = builder.kinds.stream().mapToInt(Integer::intValue).toArray();
    strings = builder.strings.toArray(String[]::new);
  }

  /** How many probes there are: ids run from 0 to this, excluded. */
  int count() {
    return count;
  }

  /** Answers every probe of the property whose values are {@code actual}, into {@code answers}. */
  void answer(int property, String[] actual, boolean[] answers) {
    Map<String, Integer> equals = equalsByProperty[property];
    if (equals != null) {
      for (String value : actual) {
        Integer id = equals.get(value);
        if (id != null) {
          answers[id] = true;
        }
      }
    }
    for (int id : scannedByProperty[property]) {
      answers[id] = anyMatches(kinds[id], strings[id], actual);
    }
  }

  private static boolean anyMatches(int kind, String probe, String[] actual) {
    for (String value : actual) {
      boolean matches =
          switch (kind) {
            case CONTAINS -> contains(value, probe);
            case STARTS_WITH -> value.startsWith(probe);
            default -> value.endsWith(probe);
          };
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code value.contains(probe)}, telling equal-length strings apart by their hash codes first:
   * values such as analytics rule ids ({@code /subscriptions/…/alertRules/{id}}) share a prefix of
   * some 170 characters that a character comparison would scan each time. {@link String} caches its
   * hash code.
   */
  private static boolean contains(String value, String probe) {
    int difference = value.length() - probe.length();
    if (difference == 0) {
      return value.hashCode() == probe.hashCode() && value.equals(probe);
    }
    return difference > 0 && value.contains(probe);
  }

  /** Collects the probes of a rule set, giving each distinct one an id. */
  static final class Builder {
    @SuppressWarnings("unchecked")
    private final Map<String, Integer>[] equalsByProperty = new Map[Property.values().length];

    @SuppressWarnings("unchecked")
    private final List<Integer>[] scannedByProperty = new List[Property.values().length];

    private final Map<String, Integer> scannedIds = new HashMap<>();
    private final List<Integer> kinds = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();

    /**
     * The id of the probe testing {@code property} with {@code operator}'s comparison and value.
     */
    int id(Property property, Operator operator, String value) {
      int kind =
          switch (operator) {
            case Equals, NotEquals -> EQUALS;
            case Contains, NotContains -> CONTAINS;
            case StartsWith, NotStartsWith -> STARTS_WITH;
            case EndsWith, NotEndsWith -> ENDS_WITH;
          };
      int p = property.ordinal();
      if (kind == EQUALS) {
        if (equalsByProperty[p] == null) {
          equalsByProperty[p] = new HashMap<>();
        }
        return equalsByProperty[p].computeIfAbsent(value, v -> add(kind, v));
      }
      return scannedIds.computeIfAbsent(
          p + " " + kind + " " + value,
          key -> {
            int id = add(kind, value);
            if (scannedByProperty[p] == null) {
              scannedByProperty[p] = new ArrayList<>();
            }
            scannedByProperty[p].add(id);
            return id;
          });
    }

    private int add(int kind, String value) {
      kinds.add(kind);
      strings.add(value);
      return kinds.size() - 1;
    }

    Probes build() {
      return new Probes(this);
    }
  }
}
