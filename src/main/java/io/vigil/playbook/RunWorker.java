package io.vigil.playbook;

import io.vigil.playbook.engine.Execution;
import io.vigil.playbook.engine.RunInfo;
import io.vigil.playbook.engine.Status;
import io.vigil.playbook.engine.Workflow;
import io.vigil.playbook.internal.PlaybookRepository;
import io.vigil.playbook.internal.RunRepository;
import io.vigil.shared.DaemonThreads;
import io.vigil.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Executes queued runs on a bounded pool. A worker holds a run by a lease in its row that it renews
 * while the run goes on; a run whose holder died (its lease ran out) is taken up again by the next
 * poll, here or after a restart, and resumes from its journal.
 */
@Component
class RunWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

  private final RunRepository runs;
  private final PlaybookRepository playbooks;
  private final Connectors connectors;
  private final TransactionTemplate transactions;
  private final Workflows workflows;
  private final Clock clock;
  private final int workers;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration retention;
  private final Duration cleanupInterval;
  private final Execution.Limits limits;
  private final String owner = UUID.randomUUID().toString();
  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private final Map<Long, PlaybookRef> refs = new ConcurrentHashMap<>();
  private final Semaphore wakeUp = new Semaphore(0);
  private volatile boolean running;
  private ExecutorService pool;

  /** Foreach iterations of every run: a loop bounds its own parallelism. */
  private ExecutorService iterations;

  private ScheduledExecutorService timers;
  private Thread poller;

  RunWorker(
      RunRepository runs,
      PlaybookRepository playbooks,
      Connectors connectors,
      Workflows workflows,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${vigil.playbooks.workers}") int workers,
      @Value("${vigil.playbooks.lease}") Duration lease,
      @Value("${vigil.playbooks.poll-interval}") Duration pollInterval,
      @Value("${vigil.playbooks.run-retention}") Duration retention,
      @Value("${vigil.playbooks.run-cleanup-interval}") Duration cleanupInterval,
      @Value("${vigil.playbooks.run-timeout}") Duration runTimeout,
      @Value("${vigil.playbooks.max-foreach-items}") int maxForeachItems,
      @Value("${vigil.playbooks.max-parallelism}") int maxParallelism,
      @Value("${vigil.playbooks.max-until-count}") int maxUntilCount) {
    if (workers < 0) {
      throw new IllegalArgumentException("vigil.playbooks.workers must be 0 or more: " + workers);
    }
    this.runs = runs;
    this.playbooks = playbooks;
    this.connectors = connectors;
    this.workflows = workflows;
    this.transactions = new TransactionTemplate(transactions);
    this.clock = clock;
    this.workers = workers;
    this.lease = lease;
    this.pollInterval = pollInterval;
    this.retention = retention;
    this.cleanupInterval = cleanupInterval;
    this.limits = new Execution.Limits(maxForeachItems, maxParallelism, maxUntilCount, runTimeout);
  }

  /** Polls at once: a transaction that queued runs has committed. */
  void wake() {
    wakeUp.release();
  }

  @Override
  public void start() {
    running = true;
    timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("playbook-lease"));
    long cleanup = cleanupInterval.toMillis();
    timers.scheduleWithFixedDelay(this::deleteOldRuns, cleanup, cleanup, TimeUnit.MILLISECONDS);
    if (workers == 0) {
      return; // this server only queues runs; another one sharing the database executes them
    }
    pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("playbook-run"));
    iterations = Executors.newCachedThreadPool(DaemonThreads.named("playbook-iteration"));
    long renew = Math.max(100, lease.toMillis() / 3);
    timers.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    poller = DaemonThreads.named("playbook-poll").newThread(this::poll);
    poller.start();
  }

  @Override
  public void stop() {
    running = false;
    timers.shutdownNow();
    if (poller != null) {
      poller.interrupt();
      // Runs in flight stop where they are; their leases lapse and a later start resumes them.
      pool.shutdownNow();
      iterations.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void poll() {
    while (running) {
      try {
        int free = workers - active.size();
        if (free > 0) {
          OffsetDateTime now = Times.utc(clock.instant());
          for (RunRepository.Claimable run : runs.claimable(now, free)) {
            if (active.size() < workers
                && !active.contains(run.id())
                && runs.claim(run, owner, now, now.plus(lease))) {
              active.add(run.id());
              pool.submit(() -> execute(run));
            }
          }
        }
        wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Polling for playbook runs failed; trying again", e);
        sleep(pollInterval);
      }
    }
  }

  private void execute(RunRepository.Claimable claimed) {
    long id = claimed.id();
    try {
      PlaybookRun run = claimed.run();
      PlaybookRef playbook = playbook(run.playbookId());
      if (playbook == null) {
        return; // deleted with its runs
      }
      Workflow workflow = workflows.parse(run.definition());
      Map<String, JsonNode> parameters = new LinkedHashMap<>(workflow.parameters());
      run.parameters()
          .properties()
          .forEach(e -> parameters.put(e.getKey(), e.getValue().path("value")));
      RunInfo info =
          new RunInfo(
              run.id(),
              run.name(),
              playbook.resourceId(),
              playbook.name(),
              run.triggerName(),
              run.triggerBody(),
              parameters,
              run.workspaceId());
      RunJournal journal =
          new RunJournal(runs, transactions, run, claimed.started(), () -> running);
      Execution.Outcome outcome =
          new Execution(
                  workflow,
                  info,
                  journal,
                  connectors.forRun(playbook, run.parameters(), owner, journal),
                  clock,
                  limits,
                  iterations,
                  run.startTime() == null ? clock.instant() : run.startTime().toInstant())
              .run();
      if (!running && Thread.currentThread().isInterrupted()) {
        return; // shutting down: the run resumes after the next start
      }
      journal.end(outcome.status(), outcome.error(), outcome.response(), clock.instant());
    } catch (RuntimeException e) {
      if (!running) {
        return;
      }
      log.error("Playbook run {} failed unexpectedly", id, e);
      runs.finish(
          id,
          Status.Failed,
          JsonNodeFactory.instance
              .objectNode()
              .put("code", "InternalError")
              .put("message", "The run stopped on an internal error."),
          null,
          Times.utc(clock.instant()));
    } finally {
      active.remove(id);
      wakeUp.release(); // a worker is free: take the next queued run now
    }
  }

  /** A playbook's id, scope and name, which never change: looked up once. */
  private PlaybookRef playbook(long id) {
    PlaybookRef known = refs.get(id);
    if (known == null) {
      known = playbooks.ref(id).orElse(null);
      if (known != null) {
        refs.put(id, known);
      }
    }
    return known;
  }

  private void renewLeases() {
    try {
      runs.renew(owner, List.copyOf(active), Times.utc(clock.instant()).plus(lease));
    } catch (RuntimeException e) {
      log.warn("Renewing playbook run leases failed", e);
    }
  }

  private void deleteOldRuns() {
    try {
      int deleted = runs.deleteFinishedBefore(Times.utc(clock.instant()).minus(retention));
      if (deleted > 0) {
        log.info("Deleted {} playbook runs older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      log.warn("Deleting old playbook runs failed", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
