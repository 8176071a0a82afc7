package io.vigil.task;

/** A task is New until someone completes it; it can be reopened. */
public enum TaskStatus {
  New,
  Completed;

  public boolean isTerminal() {
    return this == Completed;
  }
}
