package io.vigil.task;

/**
 * What a task says: a title (required), an optional HTML description (sanitised when stored) and a
 * status.
 */
public record TaskInput(String title, String description, TaskStatus status) {
  public static final int MAX_TITLE = 1024;
  public static final int MAX_DESCRIPTION = 100_000;
}
