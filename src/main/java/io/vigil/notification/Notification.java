package io.vigil.notification;

import io.vigil.shared.Actor;
import java.time.OffsetDateTime;

/**
 * A notification for one user about a task: what happened, who did it, and the incident and task as
 * they were then. {@code readTimeUtc} is null until the user reads it.
 */
public record Notification(
    long id,
    Kind kind,
    long workspaceId,
    String incidentName,
    long incidentNumber,
    String incidentTitle,
    String taskName,
    String taskTitle,
    Actor.Type actorType,
    String actorName,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime readTimeUtc) {

  /** What a notification or a webhook delivery is about; webhooks subscribe to these by name. */
  public enum Kind {
    /** A task's due time passed while it was neither Completed nor Not applicable. */
    TaskOverdue,
    /** A task was assigned (or reassigned) to a user or a role. */
    TaskAssigned
  }
}
