package io.vigil.playbook.web;

import io.vigil.incident.IncidentRef;
import io.vigil.incident.IncidentService;
import io.vigil.playbook.PlaybookRun;
import io.vigil.playbook.PlaybookRuns;
import io.vigil.playbook.PlaybookService;
import io.vigil.shared.Access;
import io.vigil.shared.Actor;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmPaths;
import io.vigil.workspace.Workspace;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Sentinel's "run playbook on an incident": {@code {"logicAppsResourceId": …, "tenantId": …}}.
 * Answers 204 as Sentinel does, with the run's address in {@code Location}.
 */
@RestController
class IncidentPlaybookController {
  private static final Pattern WORKFLOW_ID =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Logic/workflows/[^/]+",
          Pattern.CASE_INSENSITIVE);

  private final IncidentService incidents;
  private final PlaybookRuns runs;
  private final Access access;

  IncidentPlaybookController(IncidentService incidents, PlaybookRuns runs, Access access) {
    this.incidents = incidents;
    this.runs = runs;
    this.access = access;
  }

  @Requires(Capability.RunPlaybooks)
  @PostMapping(ArmPaths.SECURITY_INSIGHTS + "/incidents/{incidentId}/runPlaybook")
  @Transactional
  ResponseEntity<Void> runPlaybook(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestBody(required = false) JsonNode body,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    String playbookId = input.requiredString("logicAppsResourceId", 1024);
    Matcher m = WORKFLOW_ID.matcher(playbookId);
    if (!m.matches()) {
      throw JsonInput.invalid(
          "logicAppsResourceId",
          "must be a playbook's id (…/providers/Microsoft.Logic/workflows/{name})");
    }
    // The caller must be allowed to see the playbook, which lives in its own resource group.
    if (!access.inResourceGroup(m.group(1), m.group(2), Capability.ViewPlaybooks)) {
      throw PlaybookService.notFound(playbookId);
    }
    IncidentRef incident = incidents.lock(workspace, incidentId);
    PlaybookRun run =
        runs.queueForIncident(
            workspace, incident.name(), incident.id(), playbookId, "Update", null, actor);
    return ResponseEntity.noContent()
        .location(URI.create(playbookId + "/runs/" + run.name()))
        .build();
  }
}
