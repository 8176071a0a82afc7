package io.vigil.task.web;

import io.vigil.shared.Actor;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.task.TaskJson;
import io.vigil.task.TaskTemplateJson;
import io.vigil.task.TaskTemplateService;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Vigil's extension {@code …/taskTemplates}: the workspace's task templates and their versions,
 * their import and export as JSON, and applying one to an incident. Templates are workspace
 * configuration written by those who write automation rules, which apply them too.
 */
@RestController
class TaskTemplateController {
  private static final String TEMPLATES = ArmPaths.SECURITY_INSIGHTS + "/taskTemplates";

  private final TaskTemplateService templates;
  private final Clock clock;

  TaskTemplateController(TaskTemplateService templates, Clock clock) {
    this.templates = templates;
    this.clock = clock;
  }

  @Requires(Capability.Read)
  @GetMapping(TEMPLATES)
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        templates.list(workspace, ArmJson.top(top), skipToken).map(TaskTemplateJson::template));
  }

  @Requires(Capability.Read)
  @GetMapping(TEMPLATES + "/{templateName}")
  Map<String, Object> get(Workspace workspace, @PathVariable String templateName) {
    return TaskTemplateJson.template(templates.get(workspace, templateName));
  }

  @Requires(Capability.Respond)
  @PutMapping(TEMPLATES + "/{templateName}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String templateName,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    TaskTemplateService.Saved saved =
        templates.put(
            workspace,
            templateName,
            input.object("properties"),
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(TaskTemplateJson.template(saved.template()));
  }

  @Requires(Capability.Respond)
  @DeleteMapping(TEMPLATES + "/{templateName}")
  ResponseEntity<Void> delete(Workspace workspace, @PathVariable String templateName, Actor actor) {
    return templates.delete(workspace, templateName, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  /** Every version of a template, newest first. */
  @Requires(Capability.Read)
  @GetMapping(TEMPLATES + "/{templateName}/versions")
  ListBody<Map<String, Object>> versions(
      Workspace workspace,
      @PathVariable String templateName,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        templates
            .versions(workspace, templateName, ArmJson.top(top), skipToken)
            .map(TaskTemplateJson::version));
  }

  @Requires(Capability.Read)
  @GetMapping(TEMPLATES + "/{templateName}/versions/{version}")
  Map<String, Object> version(
      Workspace workspace, @PathVariable String templateName, @PathVariable int version) {
    return TaskTemplateJson.version(templates.version(workspace, templateName, version));
  }

  /** The export document of the templates {@code names} lists, or of all of them. */
  @Requires(Capability.Read)
  @PostMapping(ArmPaths.SECURITY_INSIGHTS + "/exportTaskTemplates")
  Map<String, Object> export(Workspace workspace, @RequestBody(required = false) JsonNode body) {
    List<String> names =
        body == null || body.isNull()
            ? List.of()
            : JsonInput.body(body).strings("names", 1000, 256);
    return TaskTemplateJson.export(templates.export(workspace, names));
  }

  /** Creates or replaces every template of an export document, all or none. */
  @Requires(Capability.Respond)
  @PostMapping(ArmPaths.SECURITY_INSIGHTS + "/importTaskTemplates")
  ListBody<Map<String, Object>> importAll(
      Workspace workspace, @RequestBody(required = false) JsonNode body, Actor actor) {
    return new ListBody<>(
        templates.importAll(workspace, JsonInput.body(body), actor).stream()
            .map(TaskTemplateJson::template)
            .toList(),
        null);
  }

  /**
   * Applies {@code templateName} (its current version, or {@code version}) to an open incident:
   * answers the tasks it added and those the incident already had from an earlier application.
   */
  @Requires(Capability.Respond)
  @PostMapping(ArmPaths.SECURITY_INSIGHTS + "/incidents/{incidentId}/applyTaskTemplate")
  Map<String, Object> apply(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestBody(required = false) JsonNode body,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    Long version = input.optionalLong("version", 1, Integer.MAX_VALUE);
    TaskTemplateService.Applied applied =
        templates.apply(
            workspace,
            incidentId,
            input.requiredString("templateName", 256),
            version == null ? null : version.intValue(),
            "templateName",
            actor);
    Instant now = clock.instant();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("templateName", applied.template().name());
    result.put("version", applied.template().version());
    result.put("added", applied.added().stream().map(t -> TaskJson.task(t, now)).toList());
    result.put(
        "alreadyPresent",
        applied.alreadyPresent().stream().map(t -> TaskJson.task(t, now)).toList());
    return result;
  }
}
