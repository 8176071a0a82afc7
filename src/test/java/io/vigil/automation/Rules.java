package io.vigil.automation;

/** Automation rule bodies written as a Sentinel client writes them. */
final class Rules {
  private Rules() {}

  static String rule(String name, int order, String when, String conditions, String actions) {
    return """
        {"properties":{"displayName":"%s","order":%d,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"%s",
            "conditions":[%s]},
          "actions":[%s]}}"""
        .formatted(name, order, when, conditions, actions);
  }

  static String addTask(int order, String title) {
    return """
        {"order":%d,"actionType":"AddIncidentTask","actionConfiguration":{"title":"%s"}}"""
        .formatted(order, title);
  }

  static String property(String property, String operator, String... values) {
    return """
        {"conditionType":"Property","conditionProperties":{"propertyName":"%s","operator":"%s",
          "propertyValues":[%s]}}"""
        .formatted(property, operator, quoted(values));
  }

  static String quoted(String... values) {
    StringBuilder out = new StringBuilder();
    for (String value : values) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append('"').append(value).append('"');
    }
    return out.toString();
  }
}
