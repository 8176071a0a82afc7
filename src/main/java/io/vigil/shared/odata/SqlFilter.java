package io.vigil.shared.odata;

import io.vigil.shared.odata.FilterExpression.And;
import io.vigil.shared.odata.FilterExpression.Any;
import io.vigil.shared.odata.FilterExpression.Comparison;
import io.vigil.shared.odata.FilterExpression.In;
import io.vigil.shared.odata.FilterExpression.Not;
import io.vigil.shared.odata.FilterExpression.Operator;
import io.vigil.shared.odata.FilterExpression.Or;
import io.vigil.shared.odata.FilterExpression.StringFunction;
import io.vigil.shared.odata.FilterSchema.CollectionField;
import io.vigil.shared.odata.FilterSchema.Field;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Translates a {@link FilterExpression} into a SQL condition with positional parameters.
 *
 * <p>The SQL uses only constructs that PostgreSQL and H2 (in PostgreSQL mode) share, and every
 * fragment is parenthesised so it can be combined with other conditions safely. Client values are
 * always bound as parameters, never copied into the SQL.
 *
 * <p>Semantics follow OData, where a comparison with a missing (null) value is simply false:
 *
 * <ul>
 *   <li>{@link FieldType#STRING} compares case-insensitively: {@code LOWER(col) = LOWER(?)}; the
 *       string functions become {@code LOWER(col) LIKE ? ESCAPE '\'} with a lower-cased pattern in
 *       which {@code %}, {@code _} and {@code \} are escaped.
 *   <li>{@code ne} also matches null: {@code (col IS NULL OR col <> ?)}; {@code eq null} and {@code
 *       ne null} become {@code IS NULL} and {@code IS NOT NULL}.
 *   <li>{@code not} becomes {@code (... IS NOT TRUE)} rather than {@code NOT (...)}, because SQL's
 *       {@code NOT} of an unknown (null) comparison is still unknown and would drop the row, while
 *       in OData {@code not (status eq 'Closed')} matches incidents that have no status.
 *   <li>{@link FieldType#ENUM} values are matched case-insensitively against the allowed values and
 *       bound in their canonical spelling, so the column can be compared directly.
 *   <li>{@link FieldType#TIMESTAMP} values are bound as UTC {@link OffsetDateTime} truncated to
 *       microseconds; for {@code lt} and {@code ge} a dropped sub-microsecond part is compensated
 *       for, so that range filters stay exact.
 *   <li>{@code any()} fills the collection's {@code EXISTS} template with the element predicate.
 * </ul>
 */
public final class SqlFilter {

  private final List<Object> parameters = new ArrayList<>();

  private SqlFilter() {}

  /**
   * Translates a filter against a schema.
   *
   * @param expression the parsed filter
   * @param schema the fields the filter may use
   * @return the condition and its parameters
   * @throws FilterException if the filter names an unknown field, or applies an operator, function
   *     or value that does not suit a field's type
   */
  public static SqlFragment toSql(FilterExpression expression, FilterSchema schema) {
    SqlFilter translator = new SqlFilter();
    String sql = translator.translate(expression, new Scope(schema, null, null));
    return new SqlFragment(sql, translator.parameters);
  }

  /**
   * Where paths are resolved: the top-level schema, or an element schema inside {@code any()}
   * together with the lambda variable and collection path, which are used to show paths as the
   * client wrote them.
   */
  private record Scope(FilterSchema schema, String variable, String collectionPath) {

    String show(String path) {
      if (variable == null) {
        return path;
      }
      return path.equals(FilterExpression.THIS) ? variable : variable + "/" + path;
    }
  }

  private String translate(FilterExpression expression, Scope scope) {
    if (expression instanceof And || expression instanceof Or) {
      boolean and = expression instanceof And;
      List<String> operands = new ArrayList<>();
      flatten(expression, and, scope, operands);
      return "(" + String.join(and ? " AND " : " OR ", operands) + ")";
    }
    if (expression instanceof Not not) {
      return "(" + translate(not.expression(), scope) + " IS NOT TRUE)";
    }
    if (expression instanceof Comparison comparison) {
      return comparison(comparison, scope);
    }
    if (expression instanceof In in) {
      return in(in, scope);
    }
    if (expression instanceof StringFunction function) {
      return stringFunction(function, scope);
    }
    return any((Any) expression, scope);
  }

  /** Lists the operands of a chain of the same junction, so that a AND b AND c is not nested. */
  private void flatten(
      FilterExpression expression, boolean and, Scope scope, List<String> operands) {
    if (and && expression instanceof And junction) {
      flatten(junction.left(), true, scope, operands);
      flatten(junction.right(), true, scope, operands);
    } else if (!and && expression instanceof Or junction) {
      flatten(junction.left(), false, scope, operands);
      flatten(junction.right(), false, scope, operands);
    } else {
      operands.add(translate(expression, scope));
    }
  }

  private String comparison(Comparison comparison, Scope scope) {
    Field field = requireField(comparison.path(), scope);
    String column = field.sql();
    Operator operator = comparison.operator();
    if (comparison.value() instanceof Literal.NullValue) {
      return switch (operator) {
        case EQ -> "(" + column + " IS NULL)";
        case NE -> "(" + column + " IS NOT NULL)";
        default ->
            throw new FilterException(
                "$filter: '"
                    + operator.keyword()
                    + "' cannot be used with null; use eq null or ne null");
      };
    }
    if (operator != Operator.EQ
        && operator != Operator.NE
        && (field.type() == FieldType.ENUM || field.type() == FieldType.BOOLEAN)) {
      throw new FilterException(
          "$filter: '"
              + operator.keyword()
              + "' cannot be used on '"
              + scope.show(field.path())
              + "', which is "
              + describe(field.type())
              + " field; use eq, ne or in");
    }
    Object value = value(field, comparison.value(), scope);
    if (value instanceof OffsetDateTime time && DateTimes.hasSubMicroseconds(time)) {
      // The bound value is truncated to what the database stores; for a stored t, t < x holds
      // exactly when t <= truncated(x), and t >= x exactly when t > truncated(x).
      if (operator == Operator.LT) {
        operator = Operator.LE;
      } else if (operator == Operator.GE) {
        operator = Operator.GT;
      }
    }
    String placeholder = bind(value, field);
    String left = field.type() == FieldType.STRING ? "LOWER(" + column + ")" : column;
    return switch (operator) {
      case EQ -> "(" + left + " = " + placeholder + ")";
      case NE -> "(" + column + " IS NULL OR " + left + " <> " + placeholder + ")";
      case GT -> "(" + left + " > " + placeholder + ")";
      case GE -> "(" + left + " >= " + placeholder + ")";
      case LT -> "(" + left + " < " + placeholder + ")";
      case LE -> "(" + left + " <= " + placeholder + ")";
    };
  }

  private String in(In in, Scope scope) {
    Field field = requireField(in.path(), scope);
    String column = field.sql();
    boolean includesNull = false;
    List<String> placeholders = new ArrayList<>();
    for (Literal literal : in.values()) {
      if (literal instanceof Literal.NullValue) {
        includesNull = true;
      } else {
        placeholders.add(bind(value(field, literal, scope), field));
      }
    }
    if (placeholders.isEmpty()) {
      return "(" + column + " IS NULL)";
    }
    String left = field.type() == FieldType.STRING ? "LOWER(" + column + ")" : column;
    String list = left + " IN (" + String.join(", ", placeholders) + ")";
    return includesNull ? "(" + list + " OR " + column + " IS NULL)" : "(" + list + ")";
  }

  private String stringFunction(StringFunction function, Scope scope) {
    Field field = requireField(function.path(), scope);
    if (field.type() != FieldType.STRING) {
      throw new FilterException(
          "$filter: "
              + function.function().keyword()
              + "() cannot be used on '"
              + scope.show(field.path())
              + "', which is "
              + describe(field.type())
              + " field; it needs a text field");
    }
    String escaped = escapeLike(function.value().toLowerCase(Locale.ROOT));
    String pattern =
        switch (function.function()) {
          case CONTAINS -> "%" + escaped + "%";
          case STARTSWITH -> escaped + "%";
          case ENDSWITH -> "%" + escaped;
        };
    parameters.add(pattern);
    return "(LOWER(" + field.sql() + ") LIKE ? ESCAPE '\\')";
  }

  private String any(Any any, Scope scope) {
    String path = any.collectionPath();
    CollectionField collection =
        scope
            .schema()
            .collection(path)
            .orElseThrow(
                () ->
                    scope.schema().field(path).isPresent()
                        ? new FilterException(
                            "$filter: '"
                                + scope.show(path)
                                + "' is not a collection, so any() cannot be used on it")
                        : unknownField(path, scope));
    String shownCollection = scope.show(collection.path());
    Scope element = new Scope(collection.elementSchema(), any.variable(), shownCollection);
    String predicate = translate(any.predicate(), element);
    return "(" + collection.existsTemplate().replace("%s", predicate) + ")";
  }

  private Field requireField(String path, Scope scope) {
    return scope
        .schema()
        .field(path)
        .orElseThrow(
            () ->
                scope.schema().collection(path).isPresent()
                    ? new FilterException(
                        "$filter: '"
                            + scope.show(path)
                            + "' is a collection; filter it with "
                            + scope.show(path)
                            + "/any(x: ...)")
                    : unknownField(path, scope));
  }

  private static FilterException unknownField(String path, Scope scope) {
    String where = scope.collectionPath() == null ? "" : " in " + scope.collectionPath() + "/any()";
    String supported =
        scope.schema().paths().stream().map(scope::show).collect(Collectors.joining(", "));
    return new FilterException(
        "$filter: unknown field '"
            + scope.show(path)
            + "'"
            + where
            + "; supported fields are "
            + (supported.isEmpty() ? "none" : supported));
  }

  /** Checks the literal against the field's type and converts it to the value to bind. */
  private static Object value(Field field, Literal literal, Scope scope) {
    switch (field.type()) {
      case STRING:
        if (literal instanceof Literal.StringValue string) {
          return string.value();
        }
        break;
      case ENUM:
        if (literal instanceof Literal.StringValue string) {
          return field.allowedValues().stream()
              .filter(allowed -> allowed.equalsIgnoreCase(string.value()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new FilterException(
                          "$filter: "
                              + show(literal)
                              + " is not a valid value for '"
                              + scope.show(field.path())
                              + "'; allowed values are "
                              + String.join(", ", field.allowedValues())));
        }
        break;
      case TIMESTAMP:
        if (literal instanceof Literal.DateTimeValue time) {
          return time.value();
        }
        if (literal instanceof Literal.StringValue string) {
          return DateTimes.parse(string.value())
              .orElseThrow(
                  () ->
                      new FilterException(
                          "$filter: "
                              + show(literal)
                              + " is not a valid date-time for '"
                              + scope.show(field.path())
                              + "'; expected ISO-8601 such as 2024-01-01T00:00:00Z"));
        }
        break;
      case NUMBER:
        if (literal instanceof Literal.LongValue number) {
          return number.value();
        }
        if (literal instanceof Literal.DecimalValue number) {
          return number.value();
        }
        break;
      case BOOLEAN:
        if (literal instanceof Literal.BooleanValue bool) {
          return bool.value();
        }
        break;
    }
    throw new FilterException(
        "$filter: '"
            + scope.show(field.path())
            + "' is "
            + describe(field.type())
            + " field and cannot be compared with "
            + show(literal));
  }

  /** Records the parameter and returns its placeholder. */
  private String bind(Object value, Field field) {
    if (value instanceof OffsetDateTime time) {
      value = DateTimes.toStoredPrecision(time);
    }
    parameters.add(value);
    return field.type() == FieldType.STRING ? "LOWER(?)" : "?";
  }

  private static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String describe(FieldType type) {
    return switch (type) {
      case STRING -> "a text";
      case ENUM -> "an enum";
      case TIMESTAMP -> "a date-time";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
    };
  }

  /** Shows a literal the way a client would write it. */
  private static String show(Literal literal) {
    if (literal instanceof Literal.StringValue string) {
      return "'" + string.value().replace("'", "''") + "'";
    }
    if (literal instanceof Literal.LongValue number) {
      return Long.toString(number.value());
    }
    if (literal instanceof Literal.DecimalValue number) {
      return number.value().toString();
    }
    if (literal instanceof Literal.BooleanValue bool) {
      return Boolean.toString(bool.value());
    }
    if (literal instanceof Literal.DateTimeValue time) {
      return time.value().toString();
    }
    return "null";
  }
}
