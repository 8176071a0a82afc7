package io.vigil.shared.odata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields a {@code $filter} may refer to, and the SQL each one maps to.
 *
 * <p>Field paths are matched case-insensitively. The SQL expressions and templates come from the
 * application, never from the client, and are copied into the generated SQL as they are.
 *
 * <pre>{@code
 * FilterSchema labels = FilterSchema.builder()
 *     .field("labelName", "l.label_name", FieldType.STRING)
 *     .build();
 * FilterSchema incidents = FilterSchema.builder()
 *     .field("properties/title", "i.title", FieldType.STRING)
 *     .enumField("properties/severity", "i.severity", List.of("High", "Medium", "Low"))
 *     .collection("properties/labels",
 *         "EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND %s)", labels)
 *     .build();
 * }</pre>
 */
public final class FilterSchema {

  /** A scalar field. {@code allowedValues} is empty unless the type is {@link FieldType#ENUM}. */
  record Field(String path, String sql, FieldType type, List<String> allowedValues) {}

  /** A collection that {@code any()} can range over. */
  record CollectionField(String path, String existsTemplate, FilterSchema elementSchema) {}

  private final Map<String, Field> fields;
  private final Map<String, CollectionField> collections;
  private final List<String> paths;

  private FilterSchema(Builder builder) {
    this.fields = Map.copyOf(builder.fields);
    this.collections = Map.copyOf(builder.collections);
    this.paths = List.copyOf(builder.paths);
  }

  /** Starts an empty schema. */
  public static Builder builder() {
    return new Builder();
  }

  Optional<Field> field(String path) {
    return Optional.ofNullable(fields.get(key(path)));
  }

  Optional<CollectionField> collection(String path) {
    return Optional.ofNullable(collections.get(key(path)));
  }

  /** Every field and collection path, in declaration order, for error messages. */
  List<String> paths() {
    return paths;
  }

  private static String key(String path) {
    return path.toLowerCase(Locale.ROOT);
  }

  /** Collects fields and collections; each path may be declared once. */
  public static final class Builder {
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, CollectionField> collections = new LinkedHashMap<>();
    private final List<String> paths = new ArrayList<>();

    private Builder() {}

    /**
     * Declares a scalar field.
     *
     * @param path the field path as clients write it, e.g. {@code properties/status}; inside an
     *     element schema, relative to the element, or {@link FilterExpression#THIS} for the element
     *     itself
     * @param sqlExpression the column or expression it maps to, e.g. {@code i.status}
     * @param type how it is compared; use {@link #enumField} for {@link FieldType#ENUM}
     * @return this builder
     */
    public Builder field(String path, String sqlExpression, FieldType type) {
      Objects.requireNonNull(type, "type");
      if (type == FieldType.ENUM) {
        throw new IllegalArgumentException("declare enum field " + path + " with enumField()");
      }
      return addField(path, sqlExpression, type, List.of());
    }

    /**
     * Declares a field restricted to a fixed set of values.
     *
     * @param path the field path as clients write it
     * @param sqlExpression the column or expression it maps to
     * @param allowedValues the canonical spellings, as stored in the column
     * @return this builder
     */
    public Builder enumField(String path, String sqlExpression, List<String> allowedValues) {
      List<String> values = List.copyOf(allowedValues);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("enum field " + path + " needs allowed values");
      }
      long distinct = values.stream().map(FilterSchema::key).distinct().count();
      if (distinct != values.size()) {
        throw new IllegalArgumentException(
            "enum field " + path + " has values that differ only in case: " + values);
      }
      return addField(path, sqlExpression, FieldType.ENUM, values);
    }

    /**
     * Declares a collection that clients filter with {@code path/any(x: ...)}.
     *
     * @param path the collection path as clients write it, e.g. {@code properties/labels}
     * @param existsSqlTemplate a condition containing exactly one {@code %s}, which receives the
     *     translated element predicate, e.g. {@code EXISTS (SELECT 1 FROM incident_label l WHERE
     *     l.incident_id = i.id AND %s)}; it is not a format string, so other {@code %} characters
     *     stay as they are, and it must not contain {@code ?} placeholders
     * @param elementSchema the fields of one element, with paths relative to the element
     * @return this builder
     */
    public Builder collection(String path, String existsSqlTemplate, FilterSchema elementSchema) {
      Objects.requireNonNull(elementSchema, "elementSchema");
      requireText(existsSqlTemplate, "existsSqlTemplate");
      int first = existsSqlTemplate.indexOf("%s");
      if (first < 0 || existsSqlTemplate.indexOf("%s", first + 1) >= 0) {
        throw new IllegalArgumentException(
            "collection template for " + path + " must contain exactly one %s");
      }
      if (existsSqlTemplate.indexOf('?') >= 0) {
        // The parameter list is built from the client's values only, so it cannot fill these.
        throw new IllegalArgumentException(
            "collection template for " + path + " must not contain ? placeholders");
      }
      claim(path);
      collections.put(key(path), new CollectionField(path, existsSqlTemplate, elementSchema));
      return this;
    }

    /** Returns the immutable schema. */
    public FilterSchema build() {
      return new FilterSchema(this);
    }

    private Builder addField(
        String path, String sqlExpression, FieldType type, List<String> allowedValues) {
      requireText(sqlExpression, "sqlExpression");
      claim(path);
      fields.put(key(path), new Field(path, sqlExpression, type, allowedValues));
      return this;
    }

    private void claim(String path) {
      requireText(path, "path");
      String key = key(path);
      if (fields.containsKey(key) || collections.containsKey(key)) {
        throw new IllegalArgumentException("path declared twice: " + path);
      }
      paths.add(path);
    }

    private static void requireText(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
    }
  }
}
