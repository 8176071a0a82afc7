package io.vigil.playbook.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A parsed and validated workflow definition: its triggers (name → definition), its top-level
 * actions, and the default values of its parameters.
 */
public record Workflow(
    Map<String, JsonNode> triggers, List<ActionDef> actions, Map<String, JsonNode> parameters) {

  /**
   * What starts the workflow: "Incident" for Sentinel's incident trigger, "Alert" for its alert
   * trigger, "Request" otherwise.
   */
  public String triggerKind() {
    for (JsonNode trigger : triggers.values()) {
      String path = trigger.path("inputs").path("path").asString("").toLowerCase(Locale.ROOT);
      if (path.contains("incident-creation")) {
        return "Incident";
      }
      if (path.contains("subscribe")) {
        return "Alert";
      }
    }
    return "Request";
  }
}
