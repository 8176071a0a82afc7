package io.vigil.automation.engine;

import io.vigil.incident.EntityKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What conditions are tested against: the value(s) of every {@link Property} of one incident (or of
 * one alert and its incident), lower-cased once so that every comparison ignores case, and its
 * custom details.
 */
public final class Facts {
  private static final String[] NONE = {};
  private static final Property[] PROPERTIES = Property.values();

  /** Which properties each entity kind contributes, worked out once. */
  private static final Map<EntityKind, Property[]> BY_KIND =
      new java.util.EnumMap<>(EntityKind.class);

  static {
    for (EntityKind kind : EntityKind.values()) {
      BY_KIND.put(
          kind,
          java.util.Arrays.stream(PROPERTIES)
              .filter(p -> p.entityKind() == kind)
              .toArray(Property[]::new));
    }
  }

  private final String[][] values;
  private final List<Map.Entry<String, String[]>> customDetails;

  private Facts(Builder builder) {
    values = new String[PROPERTIES.length][];
    for (Property property : PROPERTIES) {
      List<String> given = builder.values.get(property);
      values[property.ordinal()] = given == null ? NONE : given.toArray(NONE);
    }
    List<Map.Entry<String, String[]>> details = new ArrayList<>();
    builder.customDetails.forEach(
        (key, detailValues) -> details.add(Map.entry(key, detailValues.toArray(NONE))));
    customDetails = List.copyOf(details);
  }

  public String[] values(Property property) {
    return values[property.ordinal()];
  }

  /** Custom details: lower-cased key → lower-cased values. */
  public List<Map.Entry<String, String[]>> customDetails() {
    return customDetails;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects facts; every value is lower-cased as it is added. */
  public static final class Builder {
    private final Map<Property, List<String>> values = new EnumMap<>(Property.class);
    private final Map<String, List<String>> customDetails = new LinkedHashMap<>();

    public Builder add(Property property, String value) {
      if (value != null) {
        values.computeIfAbsent(property, p -> new ArrayList<>()).add(Operator.fold(value));
      }
      return this;
    }

    public Builder addAll(Property property, Iterable<String> values) {
      for (String value : values) {
        add(property, value);
      }
      return this;
    }

    /** Replaces a property's values (used when an alert's own values stand for the incident's). */
    public Builder set(Property property, Iterable<String> newValues) {
      values.remove(property);
      return addAll(property, newValues);
    }

    /** Adds the properties an entity contributes (e.g. an Account's name and domain). */
    public Builder entity(EntityKind kind, JsonNode properties) {
      for (Property property : BY_KIND.get(kind)) {
        JsonNode value = properties.get(property.entityProperty());
        if (value != null && !value.isNull() && !value.isContainer()) {
          add(property, value.asString());
        }
      }
      return this;
    }

    /** Adds a custom detail: a key with one or more values. */
    public Builder customDetail(String key, Iterable<String> detailValues) {
      List<String> folded =
          customDetails.computeIfAbsent(Operator.fold(key), k -> new ArrayList<>());
      for (String value : detailValues) {
        folded.add(Operator.fold(value));
      }
      add(Property.IncidentCustomDetailsKey, key);
      addAll(Property.IncidentCustomDetailsValue, detailValues);
      return this;
    }

    public Facts build() {
      return new Facts(this);
    }
  }
}
