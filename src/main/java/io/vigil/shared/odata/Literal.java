package io.vigil.shared.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A constant value written in a {@code $filter} expression. */
public sealed interface Literal
    permits Literal.StringValue,
        Literal.LongValue,
        Literal.DecimalValue,
        Literal.BooleanValue,
        Literal.NullValue,
        Literal.DateTimeValue {

  /** The {@code null} literal. */
  Literal NULL = new NullValue();

  /** A single-quoted string, already unescaped ({@code 'O''Brien'} holds {@code O'Brien}). */
  record StringValue(String value) implements Literal {
    public StringValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A whole number that fits in a {@code long}. */
  record LongValue(long value) implements Literal {}

  /** A number with a fractional part or exponent, or a whole number too large for a long. */
  record DecimalValue(BigDecimal value) implements Literal {
    public DecimalValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code true} or {@code false}. */
  record BooleanValue(boolean value) implements Literal {}

  /** {@code null}; use {@link Literal#NULL}. */
  record NullValue() implements Literal {}

  /**
   * A date-time, written either unquoted ({@code 2024-01-01T00:00:00Z}) or in the OData v3 form
   * {@code datetime'2024-01-01T00:00:00Z'}. The offset is kept as written.
   */
  record DateTimeValue(OffsetDateTime value) implements Literal {
    public DateTimeValue {
      Objects.requireNonNull(value, "value");
    }
  }
}
