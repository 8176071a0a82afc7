package io.vigil.task;

import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * What a task says: a title (required), an optional HTML description (sanitised when stored), a
 * status, and Vigil's extensions. The extensions are left as stored when a PUT leaves them out, so
 * a Sentinel client that knows nothing of them cannot clear them by saving a task.
 *
 * @param mandatory whether the task must be Completed or Not applicable before the incident closes;
 *     null leaves it as stored (false for a new task)
 * @param notApplicable null leaves it as stored; {@link NotApplicableChange#CLEAR} clears it
 * @param assignedTo null leaves it as stored (no one for a new task); {@link AssigneeChange#CLEAR}
 *     unassigns the task
 * @param due null leaves it as stored (for a new task: the workspace's default for the incident's
 *     severity, if it has one); {@link DueChange#CLEAR} removes the due time
 */
public record TaskInput(
    String title,
    String description,
    TaskStatus status,
    Boolean mandatory,
    NotApplicableChange notApplicable,
    AssigneeChange assignedTo,
    DueChange due) {
  public static final int MAX_TITLE = 1024;
  public static final int MAX_DESCRIPTION = 100_000;
  public static final int MAX_REASON = 2000;

  /**
   * The longest a description may be once sanitised, the size of its column: making markup safe
   * escapes characters, so a description within {@link #MAX_DESCRIPTION} can grow past it.
   */
  public static final int MAX_SANITISED_DESCRIPTION = 200_000;

  /** A sanitised description, refused with a 400 naming {@code path} when it no longer fits. */
  public static String checkSanitised(String description, String path) {
    if (description != null && description.length() > MAX_SANITISED_DESCRIPTION) {
      throw JsonInput.invalid(
          path,
          "is too long once its markup is made safe ("
              + description.length()
              + " characters; at most "
              + MAX_SANITISED_DESCRIPTION
              + ")");
    }
    return description;
  }

  /** A task as Sentinel knows it: its extensions stay as they are. */
  public TaskInput(String title, String description, TaskStatus status) {
    this(title, description, status, null, null, null, null);
  }

  /** A task with the mandatory and Not applicable extensions; its assignee and due stay. */
  public TaskInput(
      String title,
      String description,
      TaskStatus status,
      Boolean mandatory,
      NotApplicableChange notApplicable) {
    this(title, description, status, mandatory, notApplicable, null, null);
  }

  /** Marks a task Not applicable with {@code reason}, or clears the mark when it is null. */
  public record NotApplicableChange(String reason) {
    public static final NotApplicableChange CLEAR = new NotApplicableChange(null);
  }

  /**
   * Assigns a task to the user or role {@code name}, or unassigns it when both are null. The
   * service checks that the user or role exists in the task's workspace.
   */
  public record AssigneeChange(IncidentTask.Assignee.Type type, String name) {
    public static final AssigneeChange CLEAR = new AssigneeChange(null, null);

    /**
     * Reads {@code "assignedTo": {"type": "User"|"Role", "name": …}} from {@code parent}: null when
     * the field is left out, {@link #CLEAR} when it is {@code null}. Errors name the field.
     */
    public static AssigneeChange read(JsonInput parent) {
      if (!parent.node().has("assignedTo")) {
        return null;
      }
      return parent
          .optionalObject("assignedTo")
          .map(
              a ->
                  new AssigneeChange(
                      a.requiredEnum("type", IncidentTask.Assignee.Type.class),
                      a.requiredString("name", 256)))
          .orElse(CLEAR);
    }
  }

  /**
   * Sets a task's due time: an absolute {@code timeUtc}, or {@code afterIncidentCreated}, a time
   * after the incident's creation (which wins when both are given, as a task read back from the API
   * carries both). Both null removes the due time.
   */
  public record DueChange(OffsetDateTime timeUtc, Duration afterIncidentCreated) {
    public static final DueChange CLEAR = new DueChange(null, null);

    /** The longest a relative due time may be: a year. */
    public static final Duration MAX_AFTER = Duration.ofDays(366);

    /**
     * Reads {@code "due": {"timeUtc": …}} or {@code "due": {"afterIncidentCreated": "PT4H"}} from
     * {@code parent}: null when the field is left out, {@link #CLEAR} when it is {@code null}.
     * Errors name the field.
     */
    public static DueChange read(JsonInput parent) {
      if (!parent.node().has("due")) {
        return null;
      }
      return parent
          .optionalObject("due")
          .map(
              due -> {
                Duration after = duration(due, "afterIncidentCreated");
                if (after != null) {
                  return new DueChange(null, after);
                }
                OffsetDateTime time = due.optionalDateTime("timeUtc");
                if (time == null) {
                  throw ApiException.badRequest(
                      "The field '"
                          + due.path("timeUtc")
                          + "' or '"
                          + due.path("afterIncidentCreated")
                          + "' is required: when the task is due, as an ISO-8601 date-time or a"
                          + " duration after the incident's creation such as PT4H.");
                }
                return new DueChange(Times.utc(time.toInstant()), null);
              })
          .orElse(CLEAR);
    }

    /**
     * An ISO-8601 duration such as {@code PT4H} or {@code P1D}, positive and at most {@link
     * #MAX_AFTER}; null when the field is left out. Errors name the field.
     */
    public static Duration duration(JsonInput parent, String name) {
      String text = parent.optionalString(name, 64);
      if (text == null) {
        return null;
      }
      Duration duration;
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw JsonInput.invalid(
            parent.path(name),
            "is not an ISO-8601 duration such as PT30M, PT4H or P1D ('" + text + "')");
      }
      if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_AFTER) > 0) {
        throw JsonInput.invalid(parent.path(name), "must be more than zero and at most P366D");
      }
      return duration;
    }
  }
}
