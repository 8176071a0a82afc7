package io.vigil.task;

import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import java.time.OffsetDateTime;

/**
 * A task of an incident. {@code sequence} is its row id, in creation order; {@code position} is its
 * place in the incident's list (manual order, new tasks at the end). {@code completedBy} and {@code
 * completedTimeUtc} are set while it is Completed and cleared when it is reopened. {@code
 * notApplicable} is null unless someone marked the task Not applicable; {@code assignedTo} is null
 * while the task is assigned to no one.
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
    boolean mandatory,
    NotApplicable notApplicable,
    Assignee assignedTo,
    long position,
    Actor.Type createdByType,
    ClientInfo createdBy,
    ClientInfo lastModifiedBy,
    ClientInfo completedBy,
    OffsetDateTime completedTimeUtc,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {

  /** Why a task does not apply to this incident, who said so and when. */
  public record NotApplicable(String reason, ClientInfo by, OffsetDateTime timeUtc) {}

  /**
   * Who a task is assigned to: a user (a Vigil account, by user name, with the display name it had
   * when assigned) or a role of the workspace (by role name; no display name).
   */
  public record Assignee(Type type, String name, String displayName) {
    public enum Type {
      User,
      Role
    }

    /** Whether both name the same user or role. */
    public boolean same(Assignee other) {
      return other != null && type == other.type && name.equalsIgnoreCase(other.name);
    }
  }

  /** Done as far as closing the incident is concerned: Completed, or Not applicable. */
  public boolean isSettled() {
    return status == TaskStatus.Completed || notApplicable != null;
  }
}
