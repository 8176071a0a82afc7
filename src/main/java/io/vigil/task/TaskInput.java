package io.vigil.task;

import io.vigil.shared.JsonInput;

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
 */
public record TaskInput(
    String title,
    String description,
    TaskStatus status,
    Boolean mandatory,
    NotApplicableChange notApplicable,
    AssigneeChange assignedTo) {
  public static final int MAX_TITLE = 1024;
  public static final int MAX_DESCRIPTION = 100_000;
  public static final int MAX_REASON = 2000;

  /** A task as Sentinel knows it: its extensions stay as they are. */
  public TaskInput(String title, String description, TaskStatus status) {
    this(title, description, status, null, null, null);
  }

  /** A task with the mandatory and Not applicable extensions; its assignee stays as it is. */
  public TaskInput(
      String title,
      String description,
      TaskStatus status,
      Boolean mandatory,
      NotApplicableChange notApplicable) {
    this(title, description, status, mandatory, notApplicable, null);
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
}
