package io.vigil.automation.engine;

import io.vigil.incident.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What conditions are tested against: the value(s) of every {@link Property} of one incident (or of
 * one alert and its incident), lower-cased so that every comparison ignores case, and its custom
 * details.
 *
 * <p>A property's values are read from the entities and lower-cased the first time a condition asks
 * for them, not when the facts are built: an incident brings dozens of entity properties and long
 * mixed-case values (ids, hashes, command lines), of which a workspace's rules read few. So facts
 * are not thread-safe; they belong to the one evaluation that built them.
 */
public final class Facts {
  private static final String[] NONE = {};
  private static final JsonNode[] NO_ENTITIES = {};
  private static final Property[] PROPERTIES = Property.values();
  private static final int KINDS = EntityKind.values().length;

  /** Values added directly, as given, by property ordinal; null where none were. */
  private final String[][] given;

  /** The properties of each entity, by entity kind ordinal. */
  private final JsonNode[][] entities;

  /** Lower-cased values by property ordinal, filled in as properties are first read. */
  private final String[][] folded = new String[PROPERTIES.length][];

  private final List<Map.Entry<String, String[]>> customDetails;

  private Facts(Builder builder) {
    given = new String[PROPERTIES.length][];
    for (int i = 0; i < given.length; i++) {
      List<String> values = builder.values[i];
      given[i] = values == null ? null : values.toArray(NONE);
    }
    entities = new JsonNode[builder.entities.length][];
    for (int i = 0; i < entities.length; i++) {
      List<JsonNode> ofKind = builder.entities[i];
      entities[i] = ofKind == null ? NO_ENTITIES : ofKind.toArray(NO_ENTITIES);
    }
    List<Map.Entry<String, String[]>> details = new ArrayList<>();
    builder.customDetails.forEach(
        (key, detailValues) -> details.add(Map.entry(key, detailValues.toArray(NONE))));
    customDetails = List.copyOf(details);
  }

  /**
   * The property's values, lower-cased: of an entity property, those of every entity of its kind.
   */
  public String[] values(Property property) {
    String[] values = folded[property.ordinal()];
    if (values == null) {
      values = read(property);
      folded[property.ordinal()] = values;
    }
    return values;
  }

  private String[] read(Property property) {
    String[] direct = given[property.ordinal()];
    List<String> values = new ArrayList<>();
    if (direct != null) {
      for (String value : direct) {
        values.add(Operator.fold(value));
      }
    }
    if (property.entityKind() != null) {
      for (JsonNode entity : entities[property.entityKind().ordinal()]) {
        JsonNode value = entity.get(property.entityProperty());
        if (value != null && !value.isNull() && !value.isContainer()) {
          values.add(Operator.fold(value.asString()));
        }
      }
    }
    return values.isEmpty() ? NONE : values.toArray(NONE);
  }

  /** Custom details: lower-cased key → lower-cased values. */
  public List<Map.Entry<String, String[]>> customDetails() {
    return customDetails;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects facts; values are lower-cased when first read (see {@link Facts}). */
  public static final class Builder {
    @SuppressWarnings("unchecked")
    private final List<String>[] values = new List[PROPERTIES.length];

    @SuppressWarnings("unchecked")
    private final List<JsonNode>[] entities = new List[KINDS];

    private final Map<String, List<String>> customDetails = new LinkedHashMap<>();

    public Builder add(Property property, String value) {
      if (value != null) {
        List<String> list = values[property.ordinal()];
        if (list == null) {
          list = new ArrayList<>();
          values[property.ordinal()] = list;
        }
        list.add(value);
      }
      return this;
    }

    public Builder addAll(Property property, Iterable<String> values) {
      for (String value : values) {
        add(property, value);
      }
      return this;
    }

    /**
     * Replaces a property's values (used when an alert's own values stand for the incident's). Not
     * for entity properties, whose values come from the entities.
     */
    public Builder set(Property property, Iterable<String> newValues) {
      if (property.entityKind() != null) {
        throw new IllegalArgumentException(property + " is read from entities");
      }
      values[property.ordinal()] = null;
      return addAll(property, newValues);
    }

    /**
     * Adds an entity: its properties (e.g. an Account's name and domain) count among the values of
     * the matching {@link Property}s.
     */
    public Builder entity(EntityKind kind, JsonNode properties) {
      List<JsonNode> ofKind = entities[kind.ordinal()];
      if (ofKind == null) {
        ofKind = new ArrayList<>();
        entities[kind.ordinal()] = ofKind;
      }
      ofKind.add(properties);
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
