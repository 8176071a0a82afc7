package io.vigil.playbook.engine;

import java.util.Optional;

/**
 * Where a run keeps what its actions did, so that a run resumed after a crash replays finished
 * actions from their records instead of performing them again.
 */
public interface Journal {
  Optional<ActionRecord> find(String action, String repetition);

  /** Writes the record, replacing an earlier one of the same action and repetition. */
  void save(ActionRecord record);

  /** Whether someone asked for the run to be cancelled. */
  boolean cancelRequested();
}
