package io.vigil.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The engine on its own: statuses, skips, loops, limits, and resuming from a journal. */
class ExecutionTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final ExecutorService ITERATIONS = Executors.newCachedThreadPool();

  /** A journal in memory. */
  static final class MemoryJournal implements Journal {
    final Map<String, ActionRecord> records = new LinkedHashMap<>();
    boolean cancelled;

    @Override
    public synchronized Optional<ActionRecord> find(String action, String repetition) {
      return Optional.ofNullable(records.get(action + "/" + repetition));
    }

    @Override
    public synchronized void save(ActionRecord record) {
      records.put(record.name() + "/" + record.repetition(), record);
    }

    @Override
    public void hold(ActionRecord record) {
      save(record);
    }

    @Override
    public boolean cancelRequested() {
      return cancelled;
    }

    Status status(String action, String repetition) {
      ActionRecord r = records.get(action + "/" + repetition);
      return r == null ? null : r.status();
    }
  }

  /** Http actions answer with their inputs' body, or fail when the body says "fail". */
  static final class RecordingEffects implements Effects {
    final List<String> calls = new ArrayList<>();
    final Journal journal;

    RecordingEffects(Journal journal) {
      this.journal = journal;
    }

    @Override
    public synchronized ActionRecord perform(
        RunInfo run, ActionDef action, ActionRecord started, JsonNode inputs) {
      calls.add(action.name() + "/" + started.repetition() + ":" + inputs.path("body"));
      boolean fail = inputs.path("body").asString("").equals("fail");
      ActionRecord done =
          new ActionRecord(
                  started.name(),
                  started.repetition(),
                  started.type(),
                  Status.Running,
                  null,
                  inputs,
                  null,
                  null,
                  started.startTime(),
                  null)
              .finish(
                  fail ? Status.Failed : Status.Succeeded,
                  fail ? "InternalServerError" : "OK",
                  Execution.body(inputs.path("body")),
                  fail ? Execution.error("InternalServerError", "failed") : null,
                  Instant.now());
      journal.save(done);
      return done;
    }
  }

  private static Execution.Outcome run(
      String actions, MemoryJournal journal, Effects effects, Duration timeout) {
    Workflow workflow =
        WorkflowParser.parse(
            JSON.readTree(
                "{\"triggers\":{\"manual\":{\"type\":\"Request\"}},\"actions\":{"
                    + actions
                    + "}}"));
    RunInfo info =
        new RunInfo(
            1,
            "run",
            "/wf",
            "wf",
            "manual",
            JsonNodeFactory.instance.objectNode().put("n", 3),
            Map.of(),
            null);
    return new Execution(
            workflow,
            info,
            journal,
            effects,
            Clock.systemUTC(),
            new Execution.Limits(1000, 20, 100, timeout),
            ITERATIONS,
            Instant.now())
        .run();
  }

  private static Execution.Outcome run(String actions, MemoryJournal journal) {
    return run(actions, journal, new RecordingEffects(journal), Duration.ofMinutes(1));
  }

  @Test
  void aFailureHandledByALaterActionDoesNotFailTheRunButAnUnhandledOneDoes() {
    MemoryJournal handled = new MemoryJournal();
    String tryCatch =
        "\"Try\":{\"type\":\"Http\",\"inputs\":{\"method\":\"GET\",\"uri\":\"x\",\"body\":\"fail\"}},"
            + "\"Catch\":{\"type\":\"Compose\",\"runAfter\":{\"Try\":[\"Failed\"]},\"inputs\":1}";
    assertThat(run(tryCatch, handled).status()).isEqualTo(Status.Succeeded);
    assertThat(handled.status("Try", "")).isEqualTo(Status.Failed);

    MemoryJournal unhandled = new MemoryJournal();
    String chain =
        "\"Try\":{\"type\":\"Http\",\"inputs\":{\"method\":\"GET\",\"uri\":\"x\",\"body\":\"fail\"}},"
            + "\"Next\":{\"type\":\"Compose\",\"runAfter\":{\"Try\":[\"Succeeded\"]},\"inputs\":1},"
            + "\"After\":{\"type\":\"Compose\",\"runAfter\":{\"Next\":[\"Succeeded\"]},\"inputs\":1}";
    assertThat(run(chain, unhandled).status()).isEqualTo(Status.Failed);
    // Skips propagate down the chain.
    assertThat(unhandled.status("Next", "")).isEqualTo(Status.Skipped);
    assertThat(unhandled.status("After", "")).isEqualTo(Status.Skipped);

    MemoryJournal skippedCatch = new MemoryJournal();
    String fine =
        "\"Try\":{\"type\":\"Http\",\"inputs\":{\"method\":\"GET\",\"uri\":\"x\",\"body\":\"ok\"}},"
            + "\"Catch\":{\"type\":\"Compose\",\"runAfter\":{\"Try\":[\"Failed\"]},\"inputs\":1}";
    assertThat(run(fine, skippedCatch).status()).isEqualTo(Status.Succeeded);
    assertThat(skippedCatch.status("Catch", "")).isEqualTo(Status.Skipped);
  }

  @Test
  void aScopeFailsWhenItsLastActionFailsAndEverythingInASkippedScopeIsSkipped() {
    MemoryJournal journal = new MemoryJournal();
    String actions =
        "\"Scope\":{\"type\":\"Scope\",\"actions\":{"
            + "\"Call\":{\"type\":\"Http\",\"inputs\":{\"method\":\"GET\",\"uri\":\"x\",\"body\":\"fail\"}}}},"
            + "\"Skipped_scope\":{\"type\":\"Scope\",\"runAfter\":{\"Scope\":[\"Succeeded\"]},\"actions\":{"
            + "\"Inner\":{\"type\":\"Compose\",\"inputs\":1}}},"
            + "\"Handler\":{\"type\":\"Compose\",\"runAfter\":{\"Scope\":[\"Failed\"]},\"inputs\":\"@result('Scope')[0]['status']\"}";
    Execution.Outcome outcome = run(actions, journal);
    assertThat(journal.status("Scope", "")).isEqualTo(Status.Failed);
    assertThat(journal.status("Skipped_scope", "")).isEqualTo(Status.Skipped);
    assertThat(journal.status("Inner", "")).isEqualTo(Status.Skipped);
    assertThat(journal.records.get("Handler/").outputs().asString()).isEqualTo("Failed");
    // Skipped_scope is a last action skipped because of the failure: the run fails.
    assertThat(outcome.status()).isEqualTo(Status.Failed);
  }

  @Test
  void nestedLoopsNameTheirIterationsAndAForeachFailsWhenAnIterationFails() {
    MemoryJournal journal = new MemoryJournal();
    String actions =
        "\"Outer\":{\"type\":\"Foreach\",\"foreach\":\"@createArray('a','b')\",\"actions\":{"
            + "\"Inner\":{\"type\":\"Foreach\",\"foreach\":\"@createArray('ok','fail')\","
            + "\"runtimeConfiguration\":{\"concurrency\":{\"repetitions\":1}},\"actions\":{"
            + "\"Call\":{\"type\":\"Http\",\"inputs\":{\"method\":\"GET\",\"uri\":\"x\",\"body\":\"@items('Inner')\"}}}}}}";
    assertThat(run(actions, journal).status()).isEqualTo(Status.Failed);
    assertThat(journal.status("Call", "000000-000000")).isEqualTo(Status.Succeeded);
    assertThat(journal.status("Call", "000001-000001")).isEqualTo(Status.Failed);
    assertThat(journal.status("Inner", "000000")).isEqualTo(Status.Failed);
    assertThat(journal.status("Outer", "")).isEqualTo(Status.Failed);
  }

  @Test
  void anUntilStopsAtItsTimeoutAndTheRunAtItsOwn() {
    MemoryJournal journal = new MemoryJournal();
    String until =
        "\"Init\":{\"type\":\"InitializeVariable\",\"inputs\":{\"variables\":[{\"name\":\"i\",\"type\":\"integer\",\"value\":0}]}},"
            + "\"Poll\":{\"type\":\"Until\",\"runAfter\":{\"Init\":[\"Succeeded\"]},\"expression\":\"@equals(1, 2)\","
            + "\"limit\":{\"count\":100,\"timeout\":\"PT0.3S\"},\"actions\":{"
            + "\"Tick\":{\"type\":\"IncrementVariable\",\"inputs\":{\"name\":\"i\"}},"
            + "\"Pause\":{\"type\":\"Wait\",\"runAfter\":{\"Tick\":[\"Succeeded\"]},\"inputs\":{\"interval\":{\"count\":1,\"unit\":\"Second\"}}}}}";
    run(until, journal);
    assertThat(journal.status("Poll", "")).isEqualTo(Status.TimedOut);

    MemoryJournal slow = new MemoryJournal();
    String waits =
        "\"Wait\":{\"type\":\"Wait\",\"inputs\":{\"interval\":{\"count\":5,\"unit\":\"Second\"}}},"
            + "\"After\":{\"type\":\"Compose\",\"runAfter\":{\"Wait\":[\"Succeeded\"]},\"inputs\":1}";
    Execution.Outcome outcome =
        run(waits, slow, new RecordingEffects(slow), Duration.ofMillis(300));
    assertThat(outcome.status()).isEqualTo(Status.TimedOut);
    assertThat(outcome.error().path("code").asString()).isEqualTo("RunTimedOut");
    assertThat(slow.status("After", "")).isNull();
  }

  @Test
  void aResumedRunTakesFinishedActionsFromItsJournalAndDoesNotRepeatThem() {
    String actions =
        "\"Init\":{\"type\":\"InitializeVariable\",\"inputs\":{\"variables\":[{\"name\":\"sum\",\"type\":\"integer\",\"value\":0}]}},"
            + "\"Loop\":{\"type\":\"Foreach\",\"foreach\":\"@createArray(1,2,3)\",\"runAfter\":{\"Init\":[\"Succeeded\"]},"
            + "\"runtimeConfiguration\":{\"concurrency\":{\"repetitions\":1}},\"actions\":{"
            + "\"Call\":{\"type\":\"Http\",\"inputs\":{\"method\":\"POST\",\"uri\":\"x\",\"body\":\"@{items('Loop')}\"}},"
            + "\"Add\":{\"type\":\"IncrementVariable\",\"runAfter\":{\"Call\":[\"Succeeded\"]},\"inputs\":{\"name\":\"sum\",\"value\":\"@items('Loop')\"}}}},"
            + "\"Total\":{\"type\":\"Compose\",\"runAfter\":{\"Loop\":[\"Succeeded\"]},\"inputs\":\"@variables('sum')\"}";
    MemoryJournal complete = new MemoryJournal();
    RecordingEffects first = new RecordingEffects(complete);
    assertThat(run(actions, complete, first, Duration.ofMinutes(1)).status())
        .isEqualTo(Status.Succeeded);
    assertThat(first.calls).hasSize(3);

    // A crash after the second iteration: the journal has everything up to there.
    MemoryJournal crashed = new MemoryJournal();
    complete.records.forEach(
        (key, record) -> {
          boolean beforeCrash =
              record.name().equals("Init")
                  || record.repetition().equals("000000")
                  || record.repetition().equals("000001");
          if (beforeCrash) {
            crashed.records.put(key, record);
          } else if (record.name().equals("Loop")) {
            // The Foreach had started, with its items, but not finished.
            crashed.records.put(
                key,
                new ActionRecord(
                    record.name(),
                    "",
                    record.type(),
                    Status.Running,
                    null,
                    record.inputs(),
                    null,
                    null,
                    record.startTime(),
                    null));
          }
        });
    RecordingEffects resumed = new RecordingEffects(crashed);
    Execution.Outcome outcome = run(actions, crashed, resumed, Duration.ofMinutes(1));
    assertThat(outcome.status()).isEqualTo(Status.Succeeded);
    assertThat(resumed.calls).containsExactly("Call/000002:\"3\"");
    // The variable was rebuilt from the journal: 1 + 2 from before the crash, 3 after.
    assertThat(crashed.records.get("Total/").outputs().asInt()).isEqualTo(6);
  }

  @Test
  void aCancelledRunStopsBeforeItsNextAction() {
    MemoryJournal journal = new MemoryJournal();
    journal.cancelled = true;
    Execution.Outcome outcome = run("\"A\":{\"type\":\"Compose\",\"inputs\":1}", journal);
    assertThat(outcome.status()).isEqualTo(Status.Cancelled);
    assertThat(journal.records).isEmpty();
  }
}
