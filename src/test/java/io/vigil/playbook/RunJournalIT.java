package io.vigil.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Status;
import io.vigil.playbook.internal.PlaybookRepository;
import io.vigil.playbook.internal.RunRepository;
import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a run's journal writes when, on a server that executes no runs ({@code
 * VIGIL_PLAYBOOK_WORKERS=0}), so that queued runs stay as the tests leave them: held records reach
 * the database only with the next saved record or with the run's end, and a journal opened again
 * after a crash finds exactly what was written.
 */
@DirtiesContext
@TestPropertySource(properties = "vigil.playbooks.workers=0")
class RunJournalIT extends ApiTest {
  private static final String ACTIONS =
      "\"Note\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"done\"}";

  @Autowired RunRepository runs;
  @Autowired PlaybookRepository playbooks;
  @Autowired PlatformTransactionManager transactionManager;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  /** Queues a manual run of a one-action playbook and answers its path. */
  private String queue() {
    return Playbooks.startManual(api, resourceGroup, "Note", ACTIONS);
  }

  private PlaybookRun run(String path) {
    long playbook =
        playbooks.find(Playbooks.workflow(resourceGroup, "Note"), false).orElseThrow().id();
    return runs.find(playbook, path.substring(path.lastIndexOf('/') + 1)).orElseThrow();
  }

  private RunJournal journal(PlaybookRun run) {
    return new RunJournal(runs, new TransactionTemplate(transactionManager), run, true, () -> true);
  }

  private ActionRecord record(String name, Status status) {
    return new ActionRecord(name, "", "Compose", status, null, null, null, null, now, now);
  }

  private List<String> stored(PlaybookRun run) {
    return runs.actions(run.id()).stream().map(r -> r.name() + ":" + r.status()).toList();
  }

  @Test
  void aServerWithoutWorkersLeavesQueuedRunsWaiting() {
    String path = queue();
    Playbooks.sleep(1500);
    Api.Response run = api.get(path);
    assertThat(run.json().path("properties").path("status").asString()).isEqualTo("Waiting");
    assertThat(api.get(path + "/actions").json().path("value")).isEmpty();
  }

  @Test
  void aRunFoundNeverStartedIsOnlyTakenAsSuchWhileItHasNotStarted() {
    PlaybookRun run = run(queue());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    RunRepository.Claimable fresh = claimable(run, now);
    assertThat(fresh.started()).isFalse();
    // Taken with a lease that has already lapsed, as if its worker had died at once.
    assertThat(runs.claim(fresh, "first", now, now.minusSeconds(1))).isTrue();

    assertThat(runs.claim(fresh, "second", now, now.plusSeconds(30)))
        .as("it has started since: its journal must be read")
        .isFalse();
    RunRepository.Claimable again = claimable(run, now);
    assertThat(again.started()).isTrue();
    assertThat(runs.claim(again, "second", now, now.plusSeconds(30))).isTrue();
  }

  private RunRepository.Claimable claimable(PlaybookRun run, OffsetDateTime now) {
    return runs.claimable(now, 1000).stream()
        .filter(c -> c.id() == run.id())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void heldRecordsAreWrittenBeforeTheNextSavedOneAndAreFoundMeanwhile() {
    PlaybookRun run = run(queue());
    RunJournal journal = journal(run);
    journal.hold(record("Loop", Status.Running));
    journal.hold(record("Compose", Status.Succeeded));
    journal.hold(record("Loop", Status.Succeeded)); // the same action again: one row, the last
    assertThat(stored(run)).isEmpty();
    assertThat(journal.find("Compose", "")).isPresent();

    journal.save(record("Call", Status.Succeeded));
    assertThat(stored(run))
        .containsExactlyInAnyOrder("Loop:Succeeded", "Compose:Succeeded", "Call:Succeeded");
  }

  @Test
  void recordsWrittenTogetherReplaceWhatIsStoredAndAnActionHeldThenSavedIsWrittenOnce() {
    PlaybookRun run = run(queue());
    RunJournal journal = journal(run);
    journal.save(record("Loop", Status.Running));
    journal.hold(record("Call", Status.Running));
    journal.hold(record("Loop", Status.Succeeded));

    journal.save(record("Call", Status.Succeeded));
    assertThat(stored(run)).containsExactlyInAnyOrder("Loop:Succeeded", "Call:Succeeded");
  }

  @Test
  void aJournalOpenedAgainFindsWhatWasWrittenButNotWhatWasOnlyHeld() {
    PlaybookRun run = run(queue());
    RunJournal before = journal(run);
    before.save(record("Call", Status.Succeeded));
    before.hold(record("Compose", Status.Succeeded));

    RunJournal after = journal(run); // as a resumed run opens it after a crash
    assertThat(after.find("Call", "")).isPresent();
    assertThat(after.find("Compose", "")).isEmpty();
  }

  @Test
  void theRunsEndWritesWhatIsStillHeldWithIt() {
    String path = queue();
    PlaybookRun run = run(path);
    RunJournal journal = journal(run);
    journal.hold(record("Compose", Status.Succeeded));

    journal.end(Status.Succeeded, null, null, now);
    assertThat(stored(run)).containsExactly("Compose:Succeeded");
    assertThat(api.get(path).json().path("properties").path("status").asString())
        .isEqualTo("Succeeded");
  }
}
