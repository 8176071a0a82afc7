package io.vigil.incident;

import io.vigil.shared.Actor;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Something happened to an incident or to what hangs off it, caused by {@code actor}. Recorded and
 * published by {@link IncidentEvents} inside the transaction of the change, so listeners that run
 * synchronously (automation) act atomically with it.
 *
 * @param subject the name of the task, comment or alert concerned, or null for the incident
 * @param changes the properties that changed, old and new; for a creation, every property set
 */
public record IncidentEvent(
    Type type,
    long workspaceId,
    long incidentId,
    String incidentName,
    String subject,
    Actor actor,
    List<FieldChange> changes,
    OffsetDateTime occurredAt) {

  /** What happened, in the past tense. */
  public enum Type {
    IncidentCreated,
    IncidentUpdated,
    IncidentDeleted,
    AlertAdded,
    CommentAdded,
    CommentUpdated,
    CommentDeleted,
    TaskAdded,
    TaskUpdated,
    TaskDeleted,
    /** A task's due time passed while it was neither Completed nor Not applicable. */
    TaskOverdue
  }
}
