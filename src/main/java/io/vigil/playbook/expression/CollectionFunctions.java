package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Functions.MANY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Functions over arrays, strings and objects as collections. Inputs are never modified. */
final class CollectionFunctions {
  private CollectionFunctions() {}

  static void register(Functions.Registry r) {
    r.add("contains", 2, 2, CollectionFunctions::contains);
    r.add("empty", 1, 1, CollectionFunctions::empty);
    r.add("first", 1, 1, a -> element(a, true));
    r.add("last", 1, 1, a -> element(a, false));
    r.add("join", 2, 2, CollectionFunctions::join);
    r.add("union", 1, MANY, a -> combine(a, true));
    r.add("intersection", 1, MANY, a -> combine(a, false));
    r.add("take", 2, 2, a -> part(a, true));
    r.add("skip", 2, 2, a -> part(a, false));
    r.add("createArray", 0, MANY, CollectionFunctions::createArray);
    r.add("reverse", 1, 1, CollectionFunctions::reverse);
    r.add("sort", 1, 2, CollectionFunctions::sort);
    r.add("chunk", 2, 2, CollectionFunctions::chunk);
  }

  /** A substring of a string (case-sensitive), an element of an array, or a key of an object. */
  private static JsonNode contains(Args a) {
    JsonNode collection = a.get(0);
    JsonNode value = a.get(1);
    if (collection.isString()) {
      return Values.bool(collection.stringValue().contains(Values.text(value)));
    }
    if (collection.isArray()) {
      for (JsonNode item : collection) {
        if (Values.equal(item, value)) {
          return Values.bool(true);
        }
      }
      return Values.bool(false);
    }
    if (collection.isObject()) {
      return Values.bool(value.isString() && collection.has(value.stringValue()));
    }
    throw a.wrongType(0, "a dictionary (object), an array or a string");
  }

  /** Null counts as empty, so that empty(body('x')?['missing']) is true. */
  private static JsonNode empty(Args a) {
    JsonNode value = a.get(0);
    if (Values.isNull(value)) {
      return Values.bool(true);
    }
    if (value.isString()) {
      return Values.bool(value.stringValue().isEmpty());
    }
    if (value.isArray() || value.isObject()) {
      return Values.bool(value.isEmpty());
    }
    throw a.wrongType(0, "a string, an array or an object");
  }

  /** The first or last element or character; null for an empty collection. */
  private static JsonNode element(Args a, boolean first) {
    JsonNode value = a.get(0);
    if (value.isString()) {
      String text = value.stringValue();
      if (text.isEmpty()) {
        return Values.NULL;
      }
      return Values.string(String.valueOf(text.charAt(first ? 0 : text.length() - 1)));
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        return Values.NULL;
      }
      return value.get(first ? 0 : value.size() - 1);
    }
    throw a.wrongType(0, "an array or a string");
  }

  private static JsonNode join(Args a) {
    ArrayNode items = a.array(0);
    String delimiter = Values.isNull(a.get(1)) ? "" : a.string(1);
    List<String> texts = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      texts.add(Values.text(item));
    }
    return Values.string(String.join(delimiter, texts));
  }

  /**
   * union: every distinct element of all arrays in order of first appearance, or every property of
   * all objects with the last value winning. intersection: the distinct elements of the first array
   * found in all the others, or the properties present in every object (last value wins).
   */
  private static JsonNode combine(Args a, boolean union) {
    JsonNode first = a.get(0);
    if (!first.isArray() && !first.isObject()) {
      throw a.wrongType(0, "an array or an object");
    }
    for (int i = 1; i < a.size(); i++) {
      if (a.get(i).isArray() != first.isArray() || !a.get(i).isContainer()) {
        throw a.wrongType(i, first.isArray() ? "an array" : "an object");
      }
    }
    if (first.isArray()) {
      ArrayNode result = Values.FACTORY.arrayNode();
      for (int i = 0; i < (union ? a.size() : 1); i++) {
        for (JsonNode item : a.get(i)) {
          if (!containsEqual(result, item) && (union || inAll(a, item))) {
            result.add(item);
          }
        }
      }
      return result;
    }
    ObjectNode result = Values.FACTORY.objectNode();
    for (int i = 0; i < a.size(); i++) {
      for (Map.Entry<String, JsonNode> property : a.get(i).properties()) {
        if (union || inAllObjects(a, property.getKey())) {
          result.set(property.getKey(), property.getValue());
        }
      }
    }
    return result;
  }

  private static boolean containsEqual(JsonNode array, JsonNode item) {
    for (JsonNode existing : array) {
      if (Values.equal(existing, item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inAll(Args a, JsonNode item) {
    for (int i = 1; i < a.size(); i++) {
      if (!containsEqual(a.get(i), item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inAllObjects(Args a, String name) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).has(name)) {
        return false;
      }
    }
    return true;
  }

  /** take: the first count items or characters; skip: all but those. */
  private static JsonNode part(Args a, boolean take) {
    JsonNode collection = a.get(0);
    long count = a.integer(1);
    if (count < 0) {
      throw a.fail("expects its second parameter (the count) not to be negative.");
    }
    if (collection.isString()) {
      String text = collection.stringValue();
      int cut = (int) Math.min(count, text.length());
      return Values.string(take ? text.substring(0, cut) : text.substring(cut));
    }
    if (collection.isArray()) {
      int cut = (int) Math.min(count, collection.size());
      ArrayNode result = Values.FACTORY.arrayNode();
      for (int i = take ? 0 : cut; i < (take ? cut : collection.size()); i++) {
        result.add(collection.get(i));
      }
      return result;
    }
    throw a.wrongType(0, "an array or a string");
  }

  private static JsonNode createArray(Args a) {
    ArrayNode result = Values.FACTORY.arrayNode(a.size());
    for (int i = 0; i < a.size(); i++) {
      result.add(a.get(i));
    }
    return result;
  }

  private static JsonNode reverse(Args a) {
    ArrayNode items = a.array(0);
    ArrayNode result = Values.FACTORY.arrayNode(items.size());
    for (int i = items.size() - 1; i >= 0; i--) {
      result.add(items.get(i));
    }
    return result;
  }

  /** Sorts numbers or strings, or objects by the property named in the second parameter. */
  private static JsonNode sort(Args a) {
    ArrayNode items = a.array(0);
    String key = a.has(1) ? a.string(1) : null;
    List<JsonNode> sorted = new ArrayList<>();
    items.forEach(sorted::add);
    try {
      sorted.sort(
          (x, y) -> {
            JsonNode left = key == null ? x : x.path(key);
            JsonNode right = key == null ? y : y.path(key);
            Integer order = Values.compare(left, right);
            if (order == null) {
              throw a.fail(
                  "can only sort numbers or strings; found "
                      + Values.typeName(left)
                      + " and "
                      + Values.typeName(right)
                      + ".");
            }
            return order;
          });
    } catch (IllegalArgumentException e) {
      throw a.fail("cannot sort these values: " + e.getMessage());
    }
    return Values.FACTORY.arrayNode(sorted.size()).addAll(sorted);
  }

  /** Splits a string or array into pieces of the given length; the last may be shorter. */
  private static JsonNode chunk(Args a) {
    JsonNode collection = a.get(0);
    long size = a.integer(1);
    if (size < 1) {
      throw a.fail("expects its second parameter (the chunk length) to be at least 1.");
    }
    ArrayNode result = Values.FACTORY.arrayNode();
    if (collection.isString()) {
      String text = collection.stringValue();
      for (int i = 0; i < text.length(); i += (int) size) {
        result.add(text.substring(i, (int) Math.min(text.length(), i + size)));
      }
      return result;
    }
    if (collection.isArray()) {
      for (int i = 0; i < collection.size(); i += (int) size) {
        ArrayNode piece = Values.FACTORY.arrayNode();
        for (int j = i; j < Math.min(collection.size(), i + size); j++) {
          piece.add(collection.get(j));
        }
        result.add(piece);
      }
      return result;
    }
    throw a.wrongType(0, "an array or a string");
  }
}
