package io.vigil.incident.web;

import io.vigil.incident.Entity;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentEvents;
import io.vigil.incident.IncidentJson;
import io.vigil.incident.IncidentReader;
import io.vigil.incident.IncidentService;
import io.vigil.incident.ProvenanceReader;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
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

/** {@code …/incidents}: Sentinel's incident operations, plus Vigil's alert ingestion and events. */
@RestController
@RequestMapping(ArmPaths.SECURITY_INSIGHTS + "/incidents")
class IncidentController {
  private final IncidentService incidents;
  private final IncidentEvents events;
  private final String publicUrl;

  IncidentController(
      IncidentService incidents,
      IncidentEvents events,
      @Value("${vigil.public-url}") String publicUrl) {
    this.incidents = incidents;
    this.events = events;
    this.publicUrl = publicUrl;
  }

  @Requires(Capability.Read)
  @GetMapping
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @RequestParam(name = "$filter", required = false) String filter,
      @RequestParam(name = "$orderby", required = false) String orderBy,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        incidents
            .list(workspace, filter, orderBy, ArmJson.top(top), skipToken)
            .map(this::representation));
  }

  @Requires(Capability.Read)
  @GetMapping("/{incidentId}")
  Map<String, Object> get(Workspace workspace, @PathVariable String incidentId) {
    return representation(incidents.get(workspace, incidentId));
  }

  @Requires(Capability.Respond)
  @PutMapping("/{incidentId}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    IncidentService.Saved saved =
        incidents.put(
            workspace,
            incidentId,
            IncidentReader.read(input),
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor);
    // Read again: automation rules may have changed the incident before the change committed.
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(representation(incidents.get(workspace, incidentId)));
  }

  @Requires(Capability.Respond)
  @DeleteMapping("/{incidentId}")
  ResponseEntity<Void> delete(Workspace workspace, @PathVariable String incidentId, Actor actor) {
    return incidents.delete(workspace, incidentId, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  /** Sentinel's "list alerts" (a POST with an empty body). */
  @Requires(Capability.Read)
  @PostMapping("/{incidentId}/alerts")
  Map<String, Object> alerts(Workspace workspace, @PathVariable String incidentId) {
    return Map.of(
        "value",
        incidents.alerts(workspace, incidentId).stream()
            .map(alert -> IncidentJson.alert(workspace, alert))
            .toList());
  }

  /** Vigil's extension: attach one more alert to an existing incident. */
  @Requires(Capability.Respond)
  @PutMapping("/{incidentId}/alerts/{alertId}")
  ResponseEntity<Map<String, Object>> attachAlert(
      Workspace workspace,
      @PathVariable String incidentId,
      @PathVariable String alertId,
      @RequestBody(required = false) JsonNode body,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    JsonInput properties = input.optionalObject("properties").orElse(input);
    String given = properties.optionalString("systemAlertId", 256);
    if (given != null && !given.equalsIgnoreCase(alertId)) {
      throw JsonInput.invalid(
          properties.path("systemAlertId"), "must equal the alert id of the path when given");
    }
    ((tools.jackson.databind.node.ObjectNode) properties.node()).put("systemAlertId", alertId);
    int added =
        incidents.attachAlerts(
            workspace, incidentId, List.of(ProvenanceReader.alert(input)), actor);
    Map<String, Object> alert =
        incidents.alerts(workspace, incidentId).stream()
            .filter(a -> a.name().equalsIgnoreCase(alertId))
            .findFirst()
            .map(a -> IncidentJson.alert(workspace, a))
            .orElseThrow(() -> ApiException.notFound("The alert was not found."));
    return ResponseEntity.status(added > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(alert);
  }

  /** Sentinel's "list entities" (a POST with an empty body), with counts per kind. */
  @Requires(Capability.Read)
  @PostMapping("/{incidentId}/entities")
  Map<String, Object> entities(Workspace workspace, @PathVariable String incidentId) {
    List<Entity> entities = incidents.entities(workspace, incidentId);
    Map<String, Integer> counts = new LinkedHashMap<>();
    entities.forEach(e -> counts.merge(e.kind().name(), 1, Integer::sum));
    return Map.of(
        "entities",
        entities.stream().map(e -> IncidentJson.entity(workspace, e)).toList(),
        "metaData",
        counts.entrySet().stream()
            .map(e -> Map.of("entityKind", e.getKey(), "count", e.getValue()))
            .toList());
  }

  /** Vigil's extension: the change events of an incident, oldest first. */
  @Requires(Capability.Read)
  @GetMapping("/{incidentId}/events")
  ListBody<Map<String, Object>> events(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    Incident incident = incidents.get(workspace, incidentId);
    return ListBody.of(
        events.list(incident.ref(), ArmJson.top(top), skipToken).map(IncidentJson::event));
  }

  private Map<String, Object> representation(Incident incident) {
    return IncidentJson.incident(incident, publicUrl);
  }
}
