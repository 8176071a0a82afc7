package io.vigil.incident;

import io.vigil.incident.EntityKind.PropertyType;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the alerts and entities a connector supplies, in Sentinel's shapes, checking every property
 * against its kind: an unknown property or a wrong type is a 400 naming it, so that a mapping
 * mistake in a connector is caught at once rather than silently dropped.
 */
public final class ProvenanceReader {
  private static final int MAX_ENTITIES_PER_ALERT = 500;

  /** SecurityAlert properties and their types; {@code analyticRuleId} is Vigil's extension. */
  private static final Map<String, PropertyType> ALERT_PROPERTIES = new LinkedHashMap<>();

  static {
    for (String entry :
        ("alertDisplayName alertType compromisedEntity confidenceLevel confidenceScore:number"
                + " confidenceScoreStatus description endTimeUtc:time intent providerAlertId"
                + " processingEndTime:time productComponentName productName productVersion"
                + " remediationSteps:strings severity startTimeUtc:time status systemAlertId"
                + " tactics:strings techniques:strings timeGenerated:time vendorName alertLink"
                + " resourceIdentifiers:array additionalData:object confidenceReasons:array"
                + " analyticRuleId customDetails:object")
            .split(" ")) {
      String[] parts = entry.split(":");
      ALERT_PROPERTIES.put(
          parts[0],
          parts.length == 1
              ? PropertyType.STRING
              : switch (parts[1]) {
                case "time" -> PropertyType.DATE_TIME;
                case "strings" -> PropertyType.STRINGS;
                case "array" -> PropertyType.ARRAY;
                case "object" -> PropertyType.OBJECT;
                default -> PropertyType.NUMBER;
              });
    }
  }

  private ProvenanceReader() {}

  /** An entity: {@code {"kind": "Account", "properties": {…}}}. */
  public static EntityInput entity(JsonInput input) {
    EntityKind kind = input.requiredEnum("kind", EntityKind.class);
    JsonInput properties = input.object("properties");
    ObjectNode clean = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> property : properties.node().properties()) {
      String name = property.getKey();
      JsonNode value = property.getValue();
      if (name.equals("friendlyName") || value.isNull()) {
        continue; // read-only in Sentinel; Vigil derives it
      }
      PropertyType type =
          name.equals("additionalData") ? PropertyType.OBJECT : kind.properties().get(name);
      if (type == null) {
        throw JsonInput.invalid(
            properties.path(name),
            "is not a property of " + kind + " entities; they have " + kind.properties().keySet());
      }
      check(properties.path(name), value, type);
      clean.set(name, value);
    }
    if (clean.isEmpty()) {
      throw JsonInput.invalid(properties.path("").replaceAll("\\.$", ""), "must not be empty");
    }
    return new EntityInput(kind, clean);
  }

  /**
   * An alert in Sentinel's SecurityAlert shape, flat or wrapped in {@code properties}, with Vigil's
   * {@code analyticRuleId} and an {@code entities} list of entities it brings.
   */
  public static AlertInput alert(JsonInput input) {
    JsonInput alert = input.optionalObject("properties").orElse(input);
    alert.requiredString("alertDisplayName", 1024);
    Severity severity = alert.requiredEnum("severity", Severity.class);
    String name = alert.optionalString("systemAlertId", 256);
    if (name == null || name.isBlank()) {
      name = UUID.randomUUID().toString();
    }
    io.vigil.incident.IncidentService.checkName(alert.path("systemAlertId"), name);
    ObjectNode clean = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> property : alert.node().properties()) {
      String field = property.getKey();
      JsonNode value = property.getValue();
      if (field.equals("entities") || field.equals("friendlyName") || value.isNull()) {
        continue;
      }
      PropertyType type = ALERT_PROPERTIES.get(field);
      if (type == null) {
        throw JsonInput.invalid(
            alert.path(field),
            "is not a property of an alert; alerts have " + ALERT_PROPERTIES.keySet());
      }
      check(alert.path(field), value, type);
      clean.set(field, value);
    }
    clean.put("systemAlertId", name);
    clean.put("severity", severity.name());
    clean.put("friendlyName", clean.path("alertDisplayName").asString());
    if (!clean.has("status")) {
      clean.put("status", "New");
    }
    List<String> tactics = new ArrayList<>();
    JsonNode given = alert.raw("tactics");
    for (int i = 0; i < alert.strings("tactics", 20, 64).size(); i++) {
      tactics.add(
          JsonInput.enumValue(given.get(i), alert.path("tactics") + "[" + i + "]", Tactic.class)
              .name());
    }
    if (!tactics.isEmpty()) {
      // Stored in Sentinel's spelling whatever the letter case sent.
      ArrayNode canonical = clean.putArray("tactics");
      tactics.forEach(canonical::add);
    }
    List<EntityInput> entities =
        alert.objects("entities", MAX_ENTITIES_PER_ALERT).stream()
            .map(ProvenanceReader::entity)
            .toList();
    return new AlertInput(
        name,
        clean,
        alert.optionalString("analyticRuleId", 1024),
        alert.optionalString("productName", 256),
        tactics,
        alert.strings("techniques", 100, 64),
        entities);
  }

  private static void check(String path, JsonNode value, PropertyType type) {
    boolean ok =
        switch (type) {
          case STRING -> value.isString();
          case BOOLEAN -> value.isBoolean();
          case INTEGER -> value.isIntegralNumber();
          case NUMBER -> value.isNumber();
          case DATE_TIME -> value.isString() && isTime(value.stringValue());
          case STRINGS -> value.isArray() && value.valueStream().allMatch(JsonNode::isString);
          case OBJECT -> value.isObject();
          case ARRAY -> value.isArray();
        };
    if (!ok) {
      throw JsonInput.invalid(
          path,
          switch (type) {
            case STRING -> "must be a string";
            case BOOLEAN -> "must be true or false";
            case INTEGER -> "must be an integer";
            case NUMBER -> "must be a number";
            case DATE_TIME -> "must be an ISO-8601 date-time with a time zone";
            case STRINGS -> "must be an array of strings";
            case OBJECT -> "must be a JSON object";
            case ARRAY -> "must be a JSON array";
          });
    }
  }

  private static boolean isTime(String text) {
    try {
      Times.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
