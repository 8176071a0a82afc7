package io.vigil.task;

import io.vigil.incident.FieldChange;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentEvents;
import io.vigil.incident.IncidentStatus;
import io.vigil.shared.Actor;
import io.vigil.shared.Periodic;
import io.vigil.shared.Times;
import io.vigil.task.internal.TaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
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
class OverdueCheck extends Periodic {
  private static final int BATCH = 200;

  private final TaskRepository tasks;
  private final IncidentEvents events;
  private final TransactionTemplate transactions;
  private final Clock clock;

  OverdueCheck(
      TaskRepository tasks,
      IncidentEvents events,
      TransactionTemplate transactions,
      Clock clock,
      @Value("${vigil.tasks.overdue-check-interval}") Duration interval) {
    // A failed check records nothing for its batch; the next one finds those tasks again.
    super("task-overdue-check", interval);
    this.tasks = tasks;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Records the tasks that fell overdue since the last check, a batch per transaction. */
  @Override
  protected void runOnce() {
    while (transactions.execute(status -> checkBatch()) == BATCH) {
      // a full batch: there may be more
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
}
