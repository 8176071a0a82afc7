package io.vigil.playbook;

import io.vigil.playbook.engine.Workflow;
import io.vigil.playbook.engine.WorkflowParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parsed workflow definitions, kept by their content: every run of a playbook, and every time one
 * is queued, parses the same definition, and parsing checks every expression in it.
 */
@Component
class Workflows {
  /** Definitions kept at most; past it the cache starts afresh. */
  private static final int MAX = 256;

  private final Map<JsonNode, Workflow> parsed = new ConcurrentHashMap<>();

  Workflow parse(ObjectNode definition) {
    Workflow workflow = parsed.get(definition);
    if (workflow == null) {
      // A copy of its own, which nobody else can change, serves as the key and is parsed.
      ObjectNode own = definition.deepCopy();
      workflow = WorkflowParser.parse(own);
      if (parsed.size() >= MAX) {
        parsed.clear();
      }
      parsed.put(own, workflow);
    }
    return workflow;
  }
}
