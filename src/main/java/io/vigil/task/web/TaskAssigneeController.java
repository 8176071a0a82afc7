package io.vigil.task.web;

import io.vigil.shared.Capability;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.task.TaskJson;
import io.vigil.task.TaskService;
import io.vigil.workspace.Workspace;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code …/taskAssignees}: Vigil's extension listing who tasks of the workspace can be assigned to
 * (its users, then its roles), for those who assign them.
 */
@RestController
class TaskAssigneeController {
  private final TaskService tasks;

  TaskAssigneeController(TaskService tasks) {
    this.tasks = tasks;
  }

  @Requires(Capability.Respond)
  @GetMapping(ArmPaths.SECURITY_INSIGHTS + "/taskAssignees")
  ListBody<Map<String, Object>> assignees(Workspace workspace) {
    return new ListBody<>(
        tasks.assignees(workspace).stream().map(TaskJson::assignee).toList(), null);
  }
}
