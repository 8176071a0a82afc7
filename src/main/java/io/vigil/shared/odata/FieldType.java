package io.vigil.shared.odata;

/** How a filterable field is compared in SQL; see {@link SqlFilter}. */
public enum FieldType {
  /** Free text, compared case-insensitively; the only type the string functions accept. */
  STRING,
  /**
   * One of a fixed set of values, stored in their canonical spelling. Client values are matched
   * case-insensitively and bound canonically; only equality and {@code in} are allowed. Declare
   * with {@link FilterSchema.Builder#enumField}.
   */
  ENUM,
  /** A {@code timestamp with time zone}; values are bound as UTC {@code OffsetDateTime}. */
  TIMESTAMP,
  /** An integer or decimal column. */
  NUMBER,
  /** A boolean column; only equality and {@code in} are allowed. */
  BOOLEAN
}
