package io.vigil.playbook.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One action of a workflow definition, parsed. {@code json} is the action's definition as written;
 * the nested scopes are those of the control actions (If: {@code actions} and {@code otherwise};
 * Switch: {@code cases} and {@code otherwise} as default; Foreach, Until, Scope: {@code actions}).
 */
public record ActionDef(
    String name,
    String type,
    JsonNode json,
    Map<String, Set<Status>> runAfter,
    List<ActionDef> actions,
    List<ActionDef> otherwise,
    List<Case> cases) {

  /** A case of a Switch: the value it matches and its actions. */
  public record Case(String name, JsonNode value, List<ActionDef> actions) {}

  public JsonNode inputs() {
    return json.path("inputs");
  }
}
