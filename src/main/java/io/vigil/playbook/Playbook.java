package io.vigil.playbook;

import java.time.OffsetDateTime;
import tools.jackson.databind.node.ObjectNode;

/**
 * A playbook: a Logic Apps workflow with its definition, its parameter values (including {@code
 * $connections}) and whether it is Enabled.
 */
public record Playbook(
    long id,
    Scope scope,
    String name,
    String etag,
    boolean enabled,
    String location,
    ObjectNode definition,
    ObjectNode parameters,
    OffsetDateTime createdTime,
    OffsetDateTime changedTime) {

  public String resourceId() {
    return scope.workflowId(name);
  }
}
