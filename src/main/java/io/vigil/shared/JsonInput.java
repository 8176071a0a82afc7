package io.vigil.shared;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads one JSON object of a request body. Every accessor checks presence, type, enum membership
 * and length, and names the offending field by its full path (e.g. {@code properties.owner.email})
 * in the 400 it throws. A JSON {@code null} counts as absent.
 */
public final class JsonInput {
  private final JsonNode node;
  private final String path;

  private JsonInput(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The request body, which must be a JSON object. */
  public static JsonInput body(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw ApiException.badRequest("The request body is required.");
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    return new JsonInput(node, "");
  }

  /** Wraps an object found at {@code path}; used for array items. */
  public static JsonInput at(JsonNode node, String path) {
    if (!node.isObject()) {
      throw invalid(path, "must be a JSON object");
    }
    return new JsonInput(node, path);
  }

  public JsonNode node() {
    return node;
  }

  /** The full path of a field of this object, as error messages name it. */
  public String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  public JsonNode raw(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  public JsonInput object(String name) {
    return optionalObject(name).orElseThrow(() -> missing(path(name)));
  }

  public Optional<JsonInput> optionalObject(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw invalid(path(name), "must be a JSON object");
    }
    return Optional.of(new JsonInput(value, path(name)));
  }

  public String requiredString(String name, int maxLength) {
    String value = optionalString(name, maxLength);
    if (value == null || value.isBlank()) {
      throw missing(path(name));
    }
    return value;
  }

  public String optionalString(String name, int maxLength) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      throw invalid(path(name), "must be a string");
    }
    String text = value.stringValue();
    if (text.length() > maxLength) {
      throw invalid(
          path(name),
          "is " + text.length() + " characters long; at most " + maxLength + " are allowed");
    }
    return text;
  }

  public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
    E value = optionalEnum(name, type);
    if (value == null) {
      throw missing(path(name));
    }
    return value;
  }

  public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    return enumValue(value, path(name), type);
  }

  /** Parses an enum from its Sentinel spelling; letter case is forgiven. */
  public static <E extends Enum<E>> E enumValue(JsonNode value, String path, Class<E> type) {
    if (!value.isString()) {
      throw invalid(path, "must be a string, one of " + Arrays.toString(type.getEnumConstants()));
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.stringValue())) {
        return constant;
      }
    }
    throw invalid(
        path,
        "has the unknown value '"
            + value.stringValue()
            + "'; allowed values are "
            + Arrays.toString(type.getEnumConstants()));
  }

  public OffsetDateTime optionalDateTime(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      throw invalid(path(name), "must be an ISO-8601 date-time string");
    }
    try {
      return Times.parse(value.stringValue());
    } catch (IllegalArgumentException e) {
      throw invalid(path(name), e.getMessage());
    }
  }

  public Boolean optionalBoolean(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(path(name), "must be true or false");
    }
    return value.booleanValue();
  }

  public Long optionalLong(String name, long min, long max) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(path(name), "must be an integer");
    }
    long number = value.longValue();
    if (number < min || number > max) {
      throw invalid(path(name), "must be between " + min + " and " + max);
    }
    return number;
  }

  public String optionalUuid(String name) {
    String value = optionalString(name, 36);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw invalid(path(name), "must be a GUID");
    }
    return value;
  }

  /** The objects of an array field; empty when absent. */
  public List<JsonInput> objects(String name, int maxItems) {
    List<JsonInput> items = new ArrayList<>();
    JsonNode array = array(name, maxItems);
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        items.add(at(array.get(i), path(name) + "[" + i + "]"));
      }
    }
    return items;
  }

  /** The strings of an array field; empty when absent. */
  public List<String> strings(String name, int maxItems, int maxLength) {
    List<String> items = new ArrayList<>();
    JsonNode array = array(name, maxItems);
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        String itemPath = path(name) + "[" + i + "]";
        if (!item.isString()) {
          throw invalid(itemPath, "must be a string");
        }
        if (item.stringValue().length() > maxLength) {
          throw invalid(itemPath, "is longer than " + maxLength + " characters");
        }
        items.add(item.stringValue());
      }
    }
    return items;
  }

  private JsonNode array(String name, int maxItems) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw invalid(path(name), "must be a JSON array");
    }
    if (value.size() > maxItems) {
      throw invalid(
          path(name), "has " + value.size() + " items; at most " + maxItems + " are allowed");
    }
    return value;
  }

  public static ApiException missing(String path) {
    return ApiException.badRequest("The field '" + path + "' is required.");
  }

  public static ApiException invalid(String path, String problem) {
    return ApiException.badRequest("The field '" + path + "' " + problem + ".");
  }
}
