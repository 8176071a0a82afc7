package io.vigil.shared.odata;

import java.util.List;
import java.util.Objects;

/**
 * A parenthesised SQL condition with positional {@code ?} placeholders and the values to bind to
 * them, in order.
 *
 * @param sql the condition, ready to be combined with {@code AND} into a {@code WHERE} clause
 * @param parameters one value per {@code ?}: String, Long, BigDecimal, Boolean or OffsetDateTime
 */
public record SqlFragment(String sql, List<Object> parameters) {

  /** Copies the parameters so that the fragment stays immutable. */
  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }
}
