package io.vigil.playbook.engine;

import java.util.Optional;

/**
 * Where a run keeps what its actions did, so that a run resumed after a crash replays finished
 * actions from their records instead of performing them again.
 */
public interface Journal {
  Optional<ActionRecord> find(String action, String repetition);

  /**
   * Writes the record now, after every record held before it, replacing an earlier one of the same
   * action and repetition: for what must not be done twice (a change to Vigil's data, in its
   * transaction; an outbound call's answer) or must survive a restart (a Wait's wake-up time).
   */
  void save(ActionRecord record);

  /**
   * Keeps the record, to be written with the next {@link #save} or when the run ends. For actions
   * that change nothing outside the run: a run resumed after a crash does them again, which gives
   * the same result, since nothing durable happened after them.
   */
  void hold(ActionRecord record);

  /** Whether someone asked for the run to be cancelled. */
  boolean cancelRequested();
}
