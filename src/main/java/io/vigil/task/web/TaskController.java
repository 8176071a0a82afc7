package io.vigil.task.web;

import io.vigil.incident.IncidentJson;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.task.IncidentTask;
import io.vigil.task.TaskInput;
import io.vigil.task.TaskJson;
import io.vigil.task.TaskService;
import io.vigil.task.TaskStatus;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code …/incidents/{incidentId}/tasks}: Sentinel's incident tasks with Vigil's extensions. */
@RestController
@RequestMapping(ArmPaths.SECURITY_INSIGHTS + "/incidents/{incidentId}/tasks")
class TaskController {
  private final TaskService tasks;
  private final Clock clock;

  TaskController(TaskService tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  private Map<String, Object> json(IncidentTask task) {
    return TaskJson.task(task, clock.instant());
  }

  @Requires(Capability.Read)
  @GetMapping
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        tasks.list(workspace, incidentId, ArmJson.top(top), skipToken).map(this::json));
  }

  @Requires(Capability.Read)
  @GetMapping("/{taskId}")
  Map<String, Object> get(
      Workspace workspace, @PathVariable String incidentId, @PathVariable String taskId) {
    return json(tasks.get(workspace, incidentId, taskId));
  }

  @Requires(Capability.Respond)
  @PutMapping("/{taskId}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String taskId,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    JsonInput properties = input.object("properties");
    // Vigil's extensions: left out, they stay as stored; "notApplicable": null clears the mark.
    TaskInput.NotApplicableChange notApplicable = null;
    if (properties.node().has("notApplicable")) {
      notApplicable =
          properties
              .optionalObject("notApplicable")
              .map(
                  na ->
                      new TaskInput.NotApplicableChange(
                          na.requiredString("reason", TaskInput.MAX_REASON)))
              .orElse(TaskInput.NotApplicableChange.CLEAR);
    }
    TaskInput task =
        new TaskInput(
            properties.requiredString("title", TaskInput.MAX_TITLE),
            properties.optionalString("description", TaskInput.MAX_DESCRIPTION),
            properties.requiredEnum("status", TaskStatus.class),
            properties.optionalBoolean("mandatory"),
            notApplicable,
            // Vigil's extension: left out it stays, null unassigns; the service checks the name.
            TaskInput.AssigneeChange.read(properties),
            // Vigil's extension: left out it stays (a new task takes the severity's default).
            TaskInput.DueChange.read(properties));
    TaskService.Saved saved =
        tasks.put(
            workspace,
            incidentId,
            taskId,
            task,
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(json(saved.task()));
  }

  /** Vigil's extension: moves a task before another ({@code before}) or to a {@code position}. */
  @Requires(Capability.Respond)
  @PostMapping("/{taskId}/move")
  Map<String, Object> move(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String taskId,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    String before = input.optionalString("before", 256);
    Long position = input.optionalLong("position", 1, Integer.MAX_VALUE);
    if ((before == null) == (position == null)) {
      throw ApiException.badRequest(
          "Give exactly one of the fields 'before' (the name of a task) and 'position' (1 is the"
              + " top of the list).");
    }
    return json(
        tasks.move(
            workspace,
            incidentId,
            taskId,
            new TaskService.MoveTo(before, position),
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor));
  }

  /** Vigil's extension: every change to a task since it was created, oldest first. */
  @Requires(Capability.Read)
  @GetMapping("/{taskId}/history")
  ListBody<Map<String, Object>> history(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String taskId,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        tasks
            .history(workspace, incidentId, taskId, ArmJson.top(top), skipToken)
            .map(IncidentJson::event));
  }

  @Requires(Capability.Respond)
  @DeleteMapping("/{taskId}")
  ResponseEntity<Void> delete(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String taskId,
      Actor actor) {
    return tasks.delete(workspace, incidentId, taskId, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }
}
