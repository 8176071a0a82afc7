package io.vigil.playbook;

import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Journal;
import io.vigil.playbook.engine.Status;
import io.vigil.playbook.internal.RunRepository;
import io.vigil.shared.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A run's journal in the database: its action records, loaded once and kept in step with what it
 * writes. Held records wait in memory for the next saved one or for the run's end, so that a run
 * commits once per change it makes rather than once per action.
 */
final class RunJournal implements Journal {
  /** How soon a running run notices that it was cancelled. */
  private static final Duration CANCEL_CHECK = Duration.ofMillis(250);

  private final RunRepository runs;
  private final TransactionTemplate transactions;
  private final long runId;
  private final BooleanSupplier serverRunning;
  private final Map<String, ActionRecord> records = new ConcurrentHashMap<>();
  private final Set<String> stored = ConcurrentHashMap.newKeySet();

  /** Records not written yet, in the order they were held; guarded by {@code this}. */
  private final Map<String, ActionRecord> held = new LinkedHashMap<>();

  private volatile boolean cancelled;
  private volatile long checkedAt = System.nanoTime();

  RunJournal(
      RunRepository runs,
      TransactionTemplate transactions,
      PlaybookRun run,
      boolean started,
      BooleanSupplier serverRunning) {
    this.runs = runs;
    this.transactions = transactions;
    this.runId = run.id();
    this.serverRunning = serverRunning;
    this.cancelled = run.cancelRequested();
    // A run that never started before has no records yet.
    for (ActionRecord record : started ? runs.actions(runId) : List.<ActionRecord>of()) {
      String key = key(record.name(), record.repetition());
      records.put(key, record);
      stored.add(key);
    }
  }

  @Override
  public Optional<ActionRecord> find(String action, String repetition) {
    return Optional.ofNullable(records.get(key(action, repetition)));
  }

  /**
   * Writes the held records and then this one in one transaction, the caller's if it has one; an
   * action held and then saved is written once, as saved. The writing happens outside this object's
   * lock: parallel iterations' writes wait for each other's row locks in the database, and must not
   * also wait for each other here.
   */
  @Override
  public void save(ActionRecord record) {
    if (!serverRunning.getAsBoolean()) {
      throw new IllegalStateException("stopping");
    }
    Map<String, ActionRecord> records = takeHeld();
    records.put(key(record.name(), record.repetition()), record); // replaces its held state
    if (records.size() == 1) {
      write(records.values());
    } else {
      transactions.executeWithoutResult(tx -> write(records.values()));
    }
  }

  @Override
  public synchronized void hold(ActionRecord record) {
    String key = key(record.name(), record.repetition());
    records.put(key, record);
    held.put(key, record);
  }

  /**
   * Writes the held records and the run's end in one transaction; the end alone, as most runs end
   * (their last action saved what was held), in one statement without a transaction around it.
   */
  void end(Status status, JsonNode error, JsonNode response, Instant at) {
    Map<String, ActionRecord> rest = takeHeld();
    if (rest.isEmpty()) {
      runs.finish(runId, status, error, response, Times.utc(at));
      return;
    }
    transactions.executeWithoutResult(
        tx -> {
          write(rest.values());
          runs.finish(runId, status, error, response, Times.utc(at));
        });
  }

  /** Asks the database at most every {@link #CANCEL_CHECK}: cancelling is rare, actions not. */
  @Override
  public boolean cancelRequested() {
    long now = System.nanoTime();
    if (!cancelled && now - checkedAt > CANCEL_CHECK.toNanos()) {
      cancelled = runs.cancelRequested(runId);
      checkedAt = now;
    }
    return cancelled;
  }

  /** The held records by key, in the order they were held. */
  private synchronized Map<String, ActionRecord> takeHeld() {
    Map<String, ActionRecord> taken = new LinkedHashMap<>(held);
    held.clear();
    return taken;
  }

  private void write(Collection<ActionRecord> written) {
    if (written.isEmpty()) {
      return;
    }
    runs.save(runId, List.copyOf(written), r -> stored.contains(key(r.name(), r.repetition())));
    for (ActionRecord record : written) {
      String key = key(record.name(), record.repetition());
      stored.add(key);
      records.put(key, record);
    }
  }

  private static String key(String action, String repetition) {
    return action + "\u0000" + repetition;
  }
}
