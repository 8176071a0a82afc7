package io.vigil.playbook;

import io.vigil.playbook.engine.Status;
import java.time.OffsetDateTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run of a playbook: queued, running or finished. It keeps the definition and parameters it was
 * queued with, so that a resumed run walks the same workflow even if the playbook was edited; a run
 * read as part of a list has neither (null).
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
    OffsetDateTime endTime) {

  /** This run as stored under {@code id}. */
  public PlaybookRun withId(long id) {
    return new PlaybookRun(
        id,
        playbookId,
        name,
        workspaceId,
        incidentId,
        status,
        triggerName,
        triggerBody,
        requestedBy,
        definition,
        parameters,
        error,
        outputs,
        cancelRequested,
        queuedTime,
        startTime,
        endTime);
  }
}
