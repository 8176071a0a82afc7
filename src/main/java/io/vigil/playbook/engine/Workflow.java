package io.vigil.playbook.engine;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A parsed and validated workflow definition: its triggers (name → definition), its top-level
 * actions, and the default values of its parameters.
 */
public record Workflow(
    Map<String, JsonNode> triggers, List<ActionDef> actions, Map<String, JsonNode> parameters) {

  /** Whether any trigger is Sentinel's incident trigger, alert trigger or a manual request. */
  public String triggerKind() {
    for (JsonNode trigger : triggers.values()) {
      String path = trigger.path("inputs").path("path").asString("");
      if (path.toLowerCase().contains("incident-creation")) {
        return "Incident";
      }
      if (path.toLowerCase().contains("subscribe")) {
        return "Alert";
      }
    }
    return "Request";
  }
}
