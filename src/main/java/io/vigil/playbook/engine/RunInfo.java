package io.vigil.playbook.engine;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a run was started with: its names, the trigger's body, and the playbook's parameter values
 * (including {@code $connections}).
 */
public record RunInfo(
    long runId,
    String runName,
    String playbookId,
    String playbookName,
    String triggerName,
    JsonNode triggerBody,
    Map<String, JsonNode> parameters,
    Long workspaceId) {}
