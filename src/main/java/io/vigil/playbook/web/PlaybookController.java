package io.vigil.playbook.web;

import io.vigil.playbook.Playbook;
import io.vigil.playbook.PlaybookRun;
import io.vigil.playbook.PlaybookRuns;
import io.vigil.playbook.PlaybookService;
import io.vigil.playbook.Scope;
import io.vigil.playbook.TemplateImport;
import io.vigil.playbook.engine.ActionRecord;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import java.net.URI;
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

/** Playbooks in Logic Apps' shape: workflows, their runs, and the actions of each run. */
@RestController
class PlaybookController {
  static final String RESOURCE_GROUP =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
  private static final String WORKFLOWS = RESOURCE_GROUP + "/providers/Microsoft.Logic/workflows";
  private static final String WORKFLOW = WORKFLOWS + "/{workflowName}";
  private static final String RUN = WORKFLOW + "/runs/{runName}";

  private final PlaybookService playbooks;
  private final PlaybookRuns runs;
  private final TemplateImport templates;

  PlaybookController(PlaybookService playbooks, PlaybookRuns runs, TemplateImport templates) {
    this.playbooks = playbooks;
    this.runs = runs;
    this.templates = templates;
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(WORKFLOWS)
  ListBody<Map<String, Object>> list(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        playbooks
            .list(new Scope(subscriptionId, resourceGroupName), ArmJson.top(top), skipToken)
            .map(PlaybookJson::playbook));
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(WORKFLOW)
  Map<String, Object> get(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName) {
    return PlaybookJson.playbook(
        playbooks.get(new Scope(subscriptionId, resourceGroupName), workflowName));
  }

  @Requires(Capability.Configure)
  @PutMapping(WORKFLOW)
  ResponseEntity<Map<String, Object>> put(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    PlaybookService.Saved saved =
        playbooks.put(
            new Scope(subscriptionId, resourceGroupName),
            workflowName,
            JsonInput.body(body),
            ifMatch,
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(PlaybookJson.playbook(saved.playbook()));
  }

  @Requires(Capability.Configure)
  @DeleteMapping(WORKFLOW)
  ResponseEntity<Void> delete(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      Actor actor) {
    return playbooks.delete(new Scope(subscriptionId, resourceGroupName), workflowName, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  /**
   * Vigil's extension: imports an exported ARM template, {@code {"template": {…}, "parameters":
   * {"PlaybookName": "…"}}}; answers the playbooks created.
   */
  @Requires(Capability.Configure)
  @PostMapping(RESOURCE_GROUP + "/providers/Microsoft.Logic/importTemplate")
  ResponseEntity<ListBody<Map<String, Object>>> importTemplate(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @RequestBody(required = false) JsonNode body,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    List<Playbook> imported =
        templates.importTemplate(
            new Scope(subscriptionId, resourceGroupName),
            input.raw("template"),
            input.raw("parameters"),
            actor);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new ListBody<>(imported.stream().map(PlaybookJson::playbook).toList(), null));
  }

  /** Logic Apps' manual trigger: runs the playbook with the request body as trigger body. */
  @Requires(Capability.RunPlaybooks)
  @PostMapping(WORKFLOW + "/triggers/{triggerName}/run")
  ResponseEntity<Map<String, Object>> trigger(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @PathVariable String triggerName,
      @RequestBody(required = false) JsonNode body,
      Actor actor) {
    Scope scope = new Scope(subscriptionId, resourceGroupName);
    PlaybookRun run = runs.trigger(scope, workflowName, triggerName, body, actor);
    Playbook playbook = playbooks.get(scope, workflowName);
    return ResponseEntity.accepted()
        .location(URI.create(playbook.resourceId() + "/runs/" + run.name()))
        .header("x-ms-workflow-run-id", run.name())
        .body(PlaybookJson.run(playbook, run));
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(WORKFLOW + "/runs")
  ListBody<Map<String, Object>> runs(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    Scope scope = new Scope(subscriptionId, resourceGroupName);
    Playbook playbook = playbooks.get(scope, workflowName);
    return ListBody.of(
        runs.list(scope, workflowName, ArmJson.top(top), skipToken)
            .map(run -> PlaybookJson.run(playbook, run)));
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(RUN)
  Map<String, Object> run(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @PathVariable String runName) {
    Scope scope = new Scope(subscriptionId, resourceGroupName);
    return PlaybookJson.run(
        playbooks.get(scope, workflowName), runs.get(scope, workflowName, runName));
  }

  @Requires(Capability.RunPlaybooks)
  @PostMapping(RUN + "/cancel")
  ResponseEntity<Void> cancel(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @PathVariable String runName,
      Actor actor) {
    runs.cancel(new Scope(subscriptionId, resourceGroupName), workflowName, runName, actor);
    return ResponseEntity.ok().build();
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(RUN + "/actions")
  ListBody<Map<String, Object>> actions(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @PathVariable String runName) {
    Scope scope = new Scope(subscriptionId, resourceGroupName);
    PlaybookRun run = runs.get(scope, workflowName, runName);
    return new ListBody<>(
        PlaybookJson.actions(
            scope.workflowId(workflowName) + "/runs/" + run.name(), runs.actions(run)),
        null);
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(RUN + "/actions/{actionName}")
  Map<String, Object> action(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @PathVariable String runName,
      @PathVariable String actionName) {
    Scope scope = new Scope(subscriptionId, resourceGroupName);
    PlaybookRun run = runs.get(scope, workflowName, runName);
    List<ActionRecord> records = records(run, actionName);
    return PlaybookJson.action(
        scope.workflowId(workflowName) + "/runs/" + run.name(), records.get(0).name(), records);
  }

  /** Each iteration of an action inside Foreach or Until loops. */
  @Requires(Capability.ViewPlaybooks)
  @GetMapping(RUN + "/actions/{actionName}/repetitions")
  ListBody<Map<String, Object>> repetitions(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workflowName,
      @PathVariable String runName,
      @PathVariable String actionName) {
    Scope scope = new Scope(subscriptionId, resourceGroupName);
    PlaybookRun run = runs.get(scope, workflowName, runName);
    String runId = scope.workflowId(workflowName) + "/runs/" + run.name();
    return new ListBody<>(
        records(run, actionName).stream()
            .filter(r -> !r.repetition().isEmpty())
            // Repetition names sort in iteration order; parallel iterations start in any order.
            .sorted(java.util.Comparator.comparing(ActionRecord::repetition))
            .map(r -> PlaybookJson.repetition(runId, r))
            .toList(),
        null);
  }

  private List<ActionRecord> records(PlaybookRun run, String actionName) {
    List<ActionRecord> records =
        runs.actions(run).stream().filter(r -> r.name().equalsIgnoreCase(actionName)).toList();
    if (records.isEmpty()) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "WorkflowRunActionNotFound",
          "The run '" + run.name() + "' has no action '" + actionName + "' (yet).");
    }
    return records;
  }
}
