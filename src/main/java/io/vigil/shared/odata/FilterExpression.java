package io.vigil.shared.odata;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The syntax tree of a parsed {@code $filter} expression; see {@link FilterParser}.
 *
 * <p>Field paths are kept exactly as written, with {@code /} separating segments (for example
 * {@code properties/owner/assignedTo}). Inside an {@link Any} predicate they are relative to the
 * lambda variable.
 */
public sealed interface FilterExpression
    permits FilterExpression.And,
        FilterExpression.Or,
        FilterExpression.Not,
        FilterExpression.Comparison,
        FilterExpression.In,
        FilterExpression.StringFunction,
        FilterExpression.Any {

  /**
   * The path that stands for the lambda variable itself, as in {@code tactics/any(t: t eq 'x')},
   * which is used for collections of plain values.
   */
  String THIS = "$this";

  /** Comparison operators, each with its OData keyword. */
  enum Operator {
    EQ,
    NE,
    GT,
    GE,
    LT,
    LE;

    /** The OData keyword for this operator, e.g. {@code eq}. */
    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** String-matching functions, each with its OData name. */
  enum Function {
    CONTAINS,
    STARTSWITH,
    ENDSWITH;

    /** The OData function name, e.g. {@code contains}. */
    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Both sides must hold. */
  record And(FilterExpression left, FilterExpression right) implements FilterExpression {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** At least one side must hold. */
  record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** The inner expression must not hold. */
  record Not(FilterExpression expression) implements FilterExpression {
    public Not {
      Objects.requireNonNull(expression, "expression");
    }
  }

  /** {@code path op value}, e.g. {@code properties/severity eq 'High'}. */
  record Comparison(String path, Operator operator, Literal value) implements FilterExpression {
    public Comparison {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code path in (v1, v2, ...)}; there is always at least one value. */
  record In(String path, List<Literal> values) implements FilterExpression {
    public In {
      Objects.requireNonNull(path, "path");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("in needs at least one value");
      }
    }
  }

  /** {@code contains(path, 'value')} and friends. */
  record StringFunction(Function function, String path, String value) implements FilterExpression {
    public StringFunction {
      Objects.requireNonNull(function, "function");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@code collectionPath/any(variable: predicate)}: at least one element of the collection
   * satisfies the predicate. Paths in the predicate are relative to the element ({@code
   * l/labelName} is stored as {@code labelName}, a bare {@code l} as {@link #THIS}).
   */
  record Any(String collectionPath, String variable, FilterExpression predicate)
      implements FilterExpression {
    public Any {
      Objects.requireNonNull(collectionPath, "collectionPath");
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(predicate, "predicate");
    }
  }
}
