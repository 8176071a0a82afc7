package io.vigil.task.web;

import io.vigil.incident.IncidentJson;
import io.vigil.incident.Severity;
import io.vigil.shared.Actor;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import io.vigil.task.MyTasks;
import io.vigil.task.TaskBulk;
import io.vigil.task.TaskInput;
import io.vigil.task.TaskJson;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/myTasks}: Vigil's cross-incident queue of the caller's tasks, and bulk actions on
 * tasks. It spans workspaces, so it lives beside {@code /api/me} rather than under one workspace;
 * what each caller sees and may change is decided per workspace by {@link MyTasks} and {@link
 * TaskBulk}.
 */
@RestController
@PreAuthorize("isAuthenticated()")
class MyTasksController {
  private final MyTasks queue;
  private final TaskBulk bulk;
  private final Clock clock;
  private final String publicUrl;

  MyTasksController(
      MyTasks queue, TaskBulk bulk, Clock clock, @Value("${vigil.public-url}") String publicUrl) {
    this.queue = queue;
    this.bulk = bulk;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  @GetMapping("/api/myTasks")
  ListBody<Map<String, Object>> list(
      Actor actor,
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "severity", required = false) String severity,
      @RequestParam(name = "workspace", required = false) String workspace,
      @RequestParam(name = "overdue", required = false) String overdue,
      @RequestParam(name = "dueBefore", required = false) String dueBefore,
      @RequestParam(name = "$orderby", required = false) String orderBy,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    MyTasks.Filter filter =
        new MyTasks.Filter(
            values("status", status, MyTasks.State.class),
            values("severity", severity, Severity.class),
            workspace == null || workspace.isBlank() ? null : workspace.trim(),
            bool("overdue", overdue),
            Times.parameter("dueBefore", dueBefore));
    // One time for the whole page: the overdue filter and each task's "overdue" agree.
    Instant now = clock.instant();
    // A user's userPrincipalName is their user name (see VigilUser.actor).
    return ListBody.of(
        queue
            .list(
                actor.info().userPrincipalName(), filter, now, orderBy, ArmJson.top(top), skipToken)
            .map(item -> item(item, now)));
  }

  @PostMapping("/api/myTasks/bulk")
  ListBody<Map<String, Object>> bulk(@RequestBody(required = false) JsonNode body, Actor actor) {
    JsonInput input = JsonInput.body(body);
    TaskBulk.Action action = input.requiredEnum("action", TaskBulk.Action.class);
    List<String> tasks = input.strings("tasks", TaskBulk.MAX_TASKS, 2048);
    if (tasks.isEmpty()) {
      throw JsonInput.missing("tasks");
    }
    TaskInput.AssigneeChange assignedTo = null;
    String reason = null;
    if (action == TaskBulk.Action.Assign) {
      assignedTo = TaskInput.AssigneeChange.read(input);
      if (assignedTo == null) {
        throw JsonInput.missing("assignedTo");
      }
    } else if (action == TaskBulk.Action.MarkNotApplicable) {
      reason = input.requiredString("reason", TaskInput.MAX_REASON);
      if (reason.isBlank()) {
        throw JsonInput.missing("reason");
      }
    }
    Instant now = clock.instant();
    return new ListBody<>(
        bulk.apply(new TaskBulk.Request(action, tasks, assignedTo, reason), actor).stream()
            .map(task -> TaskJson.task(task, now))
            .toList(),
        null);
  }

  /** A task of the queue: the task as everywhere, with its incident and workspace. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> item(MyTasks.Item item, Instant now) {
    Map<String, Object> json = TaskJson.task(item.task(), now);
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("id", item.incidentId());
    incident.put("name", item.incidentName());
    incident.put("incidentNumber", item.incidentNumber());
    incident.put("title", item.incidentTitle());
    incident.put("severity", item.severity().name());
    incident.put("status", item.incidentStatus().name());
    incident.put("incidentUrl", publicUrl + IncidentJson.page(item.incidentId()));
    Map<String, Object> properties = (Map<String, Object>) json.get("properties");
    properties.put("incident", incident);
    properties.put(
        "workspace", Map.of("id", item.workspace().resourceId(), "name", item.workspace().name()));
    return json;
  }

  private static Boolean bool(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.trim().matches("(?i)true|false")) {
      throw JsonInput.invalid(parameter, "must be true or false (got '" + text + "')");
    }
    return Boolean.parseBoolean(text.trim());
  }

  /** A comma-separated list of enum values in any letter case; 400 naming the parameter. */
  private static <E extends Enum<E>> Set<E> values(String parameter, String text, Class<E> type) {
    Set<E> values = EnumSet.noneOf(type);
    if (text == null || text.isBlank()) {
      return values;
    }
    for (String value : text.split(",")) {
      values.add(
          Arrays.stream(type.getEnumConstants())
              .filter(e -> e.name().equalsIgnoreCase(value.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      JsonInput.invalid(
                          parameter,
                          "has the value '"
                              + value.trim()
                              + "'; the values are "
                              + Arrays.toString(type.getEnumConstants()))));
    }
    return values;
  }
}
