package io.vigil.incident.web;

import io.vigil.incident.CommentService;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentJson;
import io.vigil.incident.IncidentService;
import io.vigil.shared.Actor;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code …/incidents/{incidentId}/comments}. */
@RestController
@RequestMapping(ArmPaths.SECURITY_INSIGHTS + "/incidents/{incidentId}/comments")
class CommentController {
  private final CommentService comments;
  private final IncidentService incidents;

  CommentController(CommentService comments, IncidentService incidents) {
    this.comments = comments;
    this.incidents = incidents;
  }

  @Requires(Capability.Read)
  @GetMapping
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    Incident incident = incidents.get(workspace, incidentId);
    return ListBody.of(
        comments
            .list(workspace, incidentId, ArmJson.top(top), skipToken)
            .map(c -> IncidentJson.comment(incident, c)));
  }

  @Requires(Capability.Read)
  @GetMapping("/{commentId}")
  Map<String, Object> get(
      Workspace workspace, @PathVariable String incidentId, @PathVariable String commentId) {
    Incident incident = incidents.get(workspace, incidentId);
    return IncidentJson.comment(incident, comments.get(workspace, incidentId, commentId));
  }

  @Requires(Capability.Respond)
  @PutMapping("/{commentId}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String commentId,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    JsonInput properties = input.object("properties");
    CommentService.Saved saved =
        comments.put(
            workspace,
            incidentId,
            commentId,
            properties.optionalString("message", Integer.MAX_VALUE),
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor);
    Incident incident = incidents.get(workspace, incidentId);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(IncidentJson.comment(incident, saved.comment()));
  }

  @Requires(Capability.Respond)
  @DeleteMapping("/{commentId}")
  ResponseEntity<Void> delete(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String commentId,
      Actor actor) {
    return comments.delete(workspace, incidentId, commentId, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }
}
