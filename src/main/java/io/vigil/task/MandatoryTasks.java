package io.vigil.task;

import io.vigil.incident.CloseGuard;
import io.vigil.incident.IncidentRef;
import io.vigil.shared.ApiException;
import io.vigil.task.internal.TaskRepository;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Refuses to close an incident while one of its mandatory tasks is neither Completed nor Not
 * applicable: 409 {@code MandatoryTasksOpen}, one detail per blocking task (its name as target).
 */
@Component
class MandatoryTasks implements CloseGuard {
  static final String CODE = "MandatoryTasksOpen";

  private final TaskRepository tasks;

  MandatoryTasks(TaskRepository tasks) {
    this.tasks = tasks;
  }

  @Override
  public void checkClose(IncidentRef incident) {
    List<IncidentTask> open = tasks.openMandatory(incident.id(), incident.resourceId());
    if (open.isEmpty()) {
      return;
    }
    // The message names every task too: automation history and playbook runs keep only it.
    throw ApiException.withDetails(
        HttpStatus.CONFLICT,
        CODE,
        "The incident cannot be closed while mandatory tasks are neither Completed nor Not"
            + " applicable: "
            + open.stream()
                .map(t -> "'" + t.title() + "' (" + t.name() + ")")
                .collect(Collectors.joining(", "))
            + ".",
        open.stream()
            .map(
                t ->
                    new ApiException.Detail(
                        "MandatoryTaskOpen",
                        t.name(),
                        "'"
                            + t.title()
                            + "' is mandatory and neither Completed nor Not applicable."))
            .toList());
  }
}
