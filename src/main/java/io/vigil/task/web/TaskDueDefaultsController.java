package io.vigil.task.web;

import io.vigil.incident.Severity;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmPaths;
import io.vigil.task.TaskInput;
import io.vigil.task.TaskService;
import io.vigil.workspace.Workspace;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code …/taskDueDefaults}: Vigil's extension holding a workspace's default due time for new tasks
 * per incident severity, relative to the incident's creation ({@code {"High": "PT4H"}}). A severity
 * left out has no default.
 */
@RestController
class TaskDueDefaultsController {
  private static final String PATH = ArmPaths.SECURITY_INSIGHTS + "/taskDueDefaults";

  private final TaskService tasks;

  TaskDueDefaultsController(TaskService tasks) {
    this.tasks = tasks;
  }

  @Requires(Capability.Read)
  @GetMapping(PATH)
  Map<String, Object> get(Workspace workspace) {
    return json(workspace, tasks.dueDefaults(workspace));
  }

  /** Replaces every default at once, so that a severity left out loses its default. */
  @Requires(Capability.Configure)
  @PutMapping(PATH)
  Map<String, Object> put(Workspace workspace, @RequestBody(required = false) JsonNode body) {
    JsonInput bySeverity = JsonInput.body(body).object("properties").object("bySeverity");
    Map<Severity, Duration> defaults = new EnumMap<>(Severity.class);
    for (String field : bySeverity.node().propertyNames()) {
      Severity severity =
          Arrays.stream(Severity.values())
              .filter(s -> s.name().equalsIgnoreCase(field))
              .findFirst()
              .orElseThrow(
                  () ->
                      JsonInput.invalid(
                          bySeverity.path(field),
                          "is not a severity; the severities are "
                              + Arrays.toString(Severity.values())));
      Duration after = TaskInput.DueChange.duration(bySeverity, field);
      if (after != null) {
        defaults.put(severity, after);
      }
    }
    return json(workspace, tasks.putDueDefaults(workspace, defaults));
  }

  private static Map<String, Object> json(Workspace workspace, Map<Severity, Duration> defaults) {
    Map<String, Object> bySeverity = new LinkedHashMap<>();
    defaults.forEach((severity, after) -> bySeverity.put(severity.name(), after.toString()));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", workspace.securityInsightsId() + "/taskDueDefaults");
    resource.put("name", "taskDueDefaults");
    resource.put("type", "Microsoft.SecurityInsights/taskDueDefaults");
    resource.put("properties", Map.of("bySeverity", bySeverity));
    return resource;
  }
}
