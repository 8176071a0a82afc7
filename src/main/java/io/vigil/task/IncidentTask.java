package io.vigil.task;

import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A task of an incident. {@code sequence} is its row id, in creation order; {@code position} is its
 * place in the incident's list (manual order, new tasks at the end). {@code completedBy} and {@code
 * completedTimeUtc} are set while it is Completed and cleared when it is reopened. {@code
 * notApplicable} is null unless someone marked the task Not applicable; {@code assignedTo} is null
 * while the task is assigned to no one; {@code due} is null while it has no due time. {@code
 * overdueRecordedUtc} is when the task's overdue transition was recorded, null until then and again
 * once its due time changes or it is settled, so that each lapse of a due time is recorded once.
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
    Due due,
    OffsetDateTime overdueRecordedUtc,
    long position,
    Actor.Type createdByType,
    ClientInfo createdBy,
    ClientInfo lastModifiedBy,
    ClientInfo completedBy,
    OffsetDateTime completedTimeUtc,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {

  /** The task as stored under row id {@code sequence}. */
  public IncidentTask withSequence(long sequence) {
    return new IncidentTask(
        sequence,
        incidentId,
        resourceId,
        name,
        etag,
        title,
        description,
        status,
        mandatory,
        notApplicable,
        assignedTo,
        due,
        overdueRecordedUtc,
        position,
        createdByType,
        createdBy,
        lastModifiedBy,
        completedBy,
        completedTimeUtc,
        createdTimeUtc,
        lastModifiedTimeUtc);
  }

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

  /**
   * When a task is due: {@code timeUtc}, and {@code afterIncidentCreated} when it was given
   * relative to the incident's creation (then {@code timeUtc} is the incident's creation time plus
   * it).
   */
  public record Due(OffsetDateTime timeUtc, Duration afterIncidentCreated, Source source) {
    /** Where a due time came from. */
    public enum Source {
      /** Given for the task: by hand, by a rule's action, by a template or a playbook. */
      Task,
      /** The workspace's default for the incident's severity, when the task's creator gave none. */
      SeverityDefault
    }

    /** Whether both say the same time the same way; where they came from does not matter. */
    public boolean same(Due other) {
      return other != null
          && timeUtc.isEqual(other.timeUtc)
          && Objects.equals(afterIncidentCreated, other.afterIncidentCreated);
    }
  }

  /** Done as far as closing the incident is concerned: Completed, or Not applicable. */
  public boolean isSettled() {
    return status == TaskStatus.Completed || notApplicable != null;
  }

  /** Past its due time at {@code now} and not settled. */
  public boolean isOverdue(Instant now) {
    return due != null && !isSettled() && due.timeUtc().toInstant().isBefore(now);
  }
}
