package io.vigil.playbook.expression;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Property changes on objects. They return a changed copy; the input is never modified. */
final class ObjectFunctions {
  private ObjectFunctions() {}

  static void register(Functions.Registry r) {
    r.add("setProperty", 3, 3, a -> copy(a).set(a.string(1), a.get(2)));
    r.add("addProperty", 3, 3, ObjectFunctions::addProperty);
    r.add("removeProperty", 2, 2, ObjectFunctions::removeProperty);
  }

  private static ObjectNode copy(Args a) {
    return a.object(0).deepCopy();
  }

  /** Fails when the property exists, as Logic Apps does. */
  private static JsonNode addProperty(Args a) {
    ObjectNode object = a.object(0);
    String name = a.string(1);
    if (object.has(name)) {
      throw a.fail("cannot add the property '" + name + "' because it already exists.");
    }
    return object.deepCopy().set(name, a.get(2));
  }

  /** A missing property is no error: the object comes back unchanged. */
  private static JsonNode removeProperty(Args a) {
    ObjectNode result = copy(a);
    result.remove(a.string(1));
    return result;
  }
}
