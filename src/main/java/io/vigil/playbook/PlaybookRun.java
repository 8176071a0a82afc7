package io.vigil.playbook;

import io.vigil.playbook.engine.Status;
import java.time.OffsetDateTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run of a playbook: queued, running or finished. It keeps the definition and parameters it was
 * queued with, so that a resumed run walks the same workflow even if the playbook was edited.
 */
public record PlaybookRun(
    long id,
    long playbookId,
    String name,
    Long workspaceId,
    Long incidentId,
    Status status,
    String triggerName,
    JsonNode triggerBody,
    JsonNode requestedBy,
    ObjectNode definition,
    ObjectNode parameters,
    JsonNode error,
    JsonNode outputs,
    boolean cancelRequested,
    OffsetDateTime queuedTime,
    OffsetDateTime startTime,
    OffsetDateTime endTime) {}
