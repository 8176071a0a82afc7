package io.vigil.automation.engine;

import java.util.List;
import java.util.Map;

/**
 * A compiled condition of an automation rule. Conditions are parsed and checked once, when a rule
 * is saved (see {@code RuleParser}); evaluating one is a walk over these records.
 */
public sealed interface Condition {

  boolean test(Evaluation evaluation);

  /** {@code Property}: the property matches any (or, negated, none) of the values. */
  record PropertyCondition(Property property, Operator operator, String[] values)
      implements Condition {
    public PropertyCondition(Property property, Operator operator, List<String> values) {
      this(property, operator, values.toArray(String[]::new));
    }

    @Override
    public boolean test(Evaluation evaluation) {
      return operator.test(evaluation.values(property), values);
    }
  }

  /**
   * {@code PropertyArray}: over the incident's custom details (or, nested, over the values of the
   * current detail), any item — or every item — satisfies all item conditions.
   */
  record PropertyArrayCondition(ArrayType arrayType, boolean allItems, List<Condition> items)
      implements Condition {

    /** What a {@code PropertyArray} condition ranges over. */
    public enum ArrayType {
      CustomDetails,
      CustomDetailValues
    }

    @Override
    public boolean test(Evaluation evaluation) {
      Object[] elements =
          arrayType == ArrayType.CustomDetails
              ? evaluation.facts().customDetails().toArray()
              : evaluation.currentDetailValues();
      if (elements.length == 0) {
        return false;
      }
      for (Object element : elements) {
        boolean holds = evaluation.within(element, () -> allHold(evaluation));
        if (holds != allItems) {
          return holds; // any item holding (AnyItem) or one failing (AllItems) decides
        }
      }
      return allItems;
    }

    private boolean allHold(Evaluation evaluation) {
      for (Condition item : items) {
        if (!item.test(evaluation)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code PropertyChanged}: the property changed, from or to a value matching the operator. */
  record PropertyChangedCondition(
      Trigger.ChangedProperty property, boolean changedFrom, Operator operator, List<String> values)
      implements Condition {
    @Override
    public boolean test(Evaluation evaluation) {
      Trigger.Change change = evaluation.trigger().changes().get(property);
      if (change == null) {
        return false;
      }
      return operator.test(
          (changedFrom ? change.oldValues() : change.newValues()).toArray(String[]::new),
          values.toArray(String[]::new));
    }
  }

  /** {@code PropertyArrayChanged}: items were added to the collection by this update. */
  record PropertyArrayChangedCondition(Trigger.ArrayChange arrayType) implements Condition {
    @Override
    public boolean test(Evaluation evaluation) {
      return evaluation.trigger().added().contains(arrayType);
    }
  }

  /** {@code Boolean}: And or Or over inner conditions. */
  record BooleanCondition(boolean and, List<Condition> inner) implements Condition {
    public BooleanCondition {
      inner = List.copyOf(inner);
    }

    @Override
    public boolean test(Evaluation evaluation) {
      for (int i = 0; i < inner.size(); i++) {
        if (inner.get(i).test(evaluation) != and) {
          return !and;
        }
      }
      return and;
    }
  }

  /** The facts and trigger a condition is tested against, and the custom detail in scope. */
  final class Evaluation {
    private final Facts facts;
    private final Trigger trigger;
    private Map.Entry<String, String[]> detail;
    private String detailValue;

    public Evaluation(Facts facts, Trigger trigger) {
      this.facts = facts;
      this.trigger = trigger;
    }

    public Facts facts() {
      return facts;
    }

    public Trigger trigger() {
      return trigger;
    }

    /** A property's values, narrowed to the custom detail (and detail value) in scope. */
    String[] values(Property property) {
      if (detail != null || detailValue != null) {
        if (property == Property.IncidentCustomDetailsKey && detail != null) {
          return new String[] {detail.getKey()};
        }
        if (property == Property.IncidentCustomDetailsValue) {
          return detailValue != null ? new String[] {detailValue} : detail.getValue();
        }
      }
      return facts.values(property);
    }

    String[] currentDetailValues() {
      return detail != null ? detail.getValue() : facts.values(Property.IncidentCustomDetailsValue);
    }

    /** Runs {@code body} with a custom detail, or one of its values, in scope. */
    @SuppressWarnings("unchecked")
    boolean within(Object element, java.util.function.BooleanSupplier body) {
      Map.Entry<String, String[]> outerDetail = detail;
      String outerValue = detailValue;
      if (element instanceof Map.Entry<?, ?> entry) {
        detail = (Map.Entry<String, String[]>) entry;
        detailValue = null;
      } else {
        detailValue = (String) element;
      }
      try {
        return body.getAsBoolean();
      } finally {
        detail = outerDetail;
        detailValue = outerValue;
      }
    }
  }
}
