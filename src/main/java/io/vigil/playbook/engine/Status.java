package io.vigil.playbook.engine;

/** Logic Apps' statuses of runs and actions. */
public enum Status {
  Running,
  Waiting,
  Succeeded,
  Failed,
  Skipped,
  TimedOut,
  Cancelled;

  public boolean isFinal() {
    return this != Running && this != Waiting;
  }

  /** Whether the action ended in a way that fails a run unless something handles it. */
  public boolean isFailure() {
    return this == Failed || this == TimedOut || this == Cancelled;
  }
}
