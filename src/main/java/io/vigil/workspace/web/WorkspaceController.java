package io.vigil.workspace.web;

import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.Requires;
import io.vigil.shared.Times;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workspaces as Log Analytics workspace resources. Only an administrator creates them; the body of
 * the PUT ({@code location}, {@code properties}) is accepted and not otherwise used.
 */
@RestController
class WorkspaceController {
  private static final String COLLECTION =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
          + "/providers/Microsoft.OperationalInsights/workspaces";

  private final WorkspaceService workspaces;

  WorkspaceController(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  @Requires(Capability.Read)
  @PutMapping(COLLECTION + "/{workspaceName}")
  @PreAuthorize("hasRole('ADMINISTRATOR')")
  ResponseEntity<Map<String, Object>> put(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String workspaceName,
      @RequestBody(required = false) tools.jackson.databind.JsonNode body,
      io.vigil.shared.Actor actor) {
    if (body != null && !body.isNull() && !body.isObject()) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    WorkspaceService.Created result =
        workspaces.createIfAbsent(subscriptionId, resourceGroupName, workspaceName, actor);
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(representation(result.workspace()));
  }

  @Requires(Capability.Read)
  @GetMapping(COLLECTION + "/{workspaceName}")
  Map<String, Object> get(Workspace workspace) {
    return representation(workspace);
  }

  @GetMapping(COLLECTION)
  @PreAuthorize("hasRole('ADMINISTRATOR')")
  ListBody<Map<String, Object>> list(
      @PathVariable String subscriptionId, @PathVariable String resourceGroupName) {
    return new ListBody<>(
        workspaces.list().stream()
            .filter(w -> w.subscriptionId().equalsIgnoreCase(subscriptionId))
            .filter(w -> w.resourceGroup().equalsIgnoreCase(resourceGroupName))
            .map(WorkspaceController::representation)
            .toList(),
        null);
  }

  private static Map<String, Object> representation(Workspace workspace) {
    return Map.of(
        "id", workspace.resourceId(),
        "name", workspace.name(),
        "type", "Microsoft.OperationalInsights/workspaces",
        "location", "local",
        "properties",
            Map.of(
                "customerId", workspace.customerId(),
                "provisioningState", "Succeeded",
                "createdDate", Times.format(workspace.createdTime())));
  }
}
