package io.vigil.task;

import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import java.time.OffsetDateTime;

/**
 * A task of an incident. {@code sequence} is its place in creation order; {@code completedBy} and
 * {@code completedTimeUtc} are set while it is Completed and cleared when it is reopened.
 */
public record IncidentTask(
    long sequence,
    long incidentId,
    String resourceId,
    String name,
    String etag,
    String title,
    String description,
    TaskStatus status,
    Actor.Type createdByType,
    ClientInfo createdBy,
    ClientInfo lastModifiedBy,
    ClientInfo completedBy,
    OffsetDateTime completedTimeUtc,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {}
