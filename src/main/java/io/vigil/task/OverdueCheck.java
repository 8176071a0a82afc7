package io.vigil.task;

import io.vigil.incident.FieldChange;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentEvents;
import io.vigil.incident.IncidentStatus;
import io.vigil.shared.Actor;
import io.vigil.shared.Times;
import io.vigil.task.internal.TaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the moment a task falls overdue. Whether a task is overdue is worked out whenever it is
 * read; this check turns the passing of its due time into a {@link IncidentEvent.Type#TaskOverdue}
 * event — in the task's history, the audit trail, and for the notification listeners — once per
 * lapse, even with several servers (see {@link TaskRepository#stopWatching}). Tasks of closed
 * incidents are let go without an event: nobody works them any more.
 */
@Component
class OverdueCheck implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OverdueCheck.class);
  private static final int BATCH = 200;

  private final TaskRepository tasks;
  private final IncidentEvents events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration interval;
  private ScheduledExecutorService timer;

  OverdueCheck(
      TaskRepository tasks,
      IncidentEvents events,
      TransactionTemplate transactions,
      Clock clock,
      @Value("${vigil.tasks.overdue-check-interval}") Duration interval) {
    this.tasks = tasks;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
    this.interval = interval;
  }

  /** Records the tasks that fell overdue since the last check; answers how many. */
  int check() {
    int recorded = 0;
    while (true) {
      Integer batch = transactions.execute(status -> checkBatch());
      recorded += batch;
      if (batch < BATCH) {
        return recorded;
      }
    }
  }

  private int checkBatch() {
    OffsetDateTime now = Times.utc(clock.instant());
    List<TaskRepository.Lapsed> lapsed = tasks.lapsed(now, BATCH);
    for (TaskRepository.Lapsed task : lapsed) {
      boolean open = !IncidentStatus.Closed.name().equals(task.incidentStatus());
      if (tasks.stopWatching(task, open ? now : null) && open) {
        events.record(
            new IncidentEvent(
                IncidentEvent.Type.TaskOverdue,
                task.workspaceId(),
                task.incidentId(),
                task.incidentName(),
                task.name(),
                Actor.system(),
                List.of(
                    new FieldChange("overdue", false, true),
                    new FieldChange("dueTimeUtc", null, Times.format(task.dueTime()))),
                now));
      }
    }
    return lapsed.size();
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      // The next check tries again; nothing was recorded for the tasks of a failed batch.
      log.warn("Checking for overdue tasks failed", e);
    }
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "task-overdue-check");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
