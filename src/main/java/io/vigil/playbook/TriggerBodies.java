package io.vigil.playbook;

import io.vigil.incident.Alert;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentJson;
import io.vigil.incident.IncidentService;
import io.vigil.workspace.Workspace;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body Sentinel's incident and alert triggers hand a playbook (see docs/playbooks.md): the
 * incident with its entities and alerts, and where it lives.
 */
@Component
class TriggerBodies {
  private final IncidentService incidents;
  private final ObjectMapper mapper;
  private final String publicUrl;

  TriggerBodies(
      IncidentService incidents,
      ObjectMapper mapper,
      @Value("${vigil.public-url}") String publicUrl) {
    this.incidents = incidents;
    this.mapper = mapper;
    this.publicUrl = publicUrl;
  }

  ObjectNode incident(Workspace workspace, String incidentName, String eventType) {
    Incident incident = incidents.get(workspace, incidentName);
    Map<String, Object> resource = IncidentJson.incident(incident, publicUrl);
    ObjectNode object = mapper.valueToTree(resource);
    ObjectNode properties = (ObjectNode) object.path("properties");
    properties.set("relatedEntities", mapper.valueToTree(entities(workspace, incidentName)));
    properties.set(
        "Alerts",
        mapper.valueToTree(
            incidents.alerts(workspace, incidentName).stream()
                .map(a -> IncidentJson.alert(workspace, a))
                .toList()));
    ObjectNode body = mapper.createObjectNode();
    body.put("eventUniqueId", UUID.randomUUID().toString());
    body.put("objectSchemaType", "Incident");
    body.put("objectEventType", eventType);
    ObjectNode info = body.putObject("workspaceInfo");
    info.put("SubscriptionId", workspace.subscriptionId());
    info.put("ResourceGroupName", workspace.resourceGroup());
    info.put("WorkspaceName", workspace.name());
    body.put("workspaceId", workspace.customerId());
    body.set("object", object);
    return body;
  }

  /**
   * The alert trigger's body: the alert in the SecurityAlert schema Sentinel's alert trigger hands
   * playbooks, whose fields are PascalCase ({@code SystemAlertId}, {@code AlertDisplayName}, …) and
   * whose {@code Entities} are a JSON string (the incident's entities, among which the alert's
   * are), with where the alert lives.
   */
  JsonNode alert(Workspace workspace, String incidentName, String alertName) {
    Alert alert =
        incidents.alerts(workspace, incidentName).stream()
            .filter(a -> a.name().equalsIgnoreCase(alertName))
            .findFirst()
            .orElse(null);
    if (alert == null) {
      return incident(workspace, incidentName, "Update");
    }
    ObjectNode body = mapper.createObjectNode();
    alert.properties().properties().forEach(e -> body.set(pascal(e.getKey()), e.getValue()));
    body.put("SystemAlertId", alert.name());
    // Vigil keeps entities per incident, not per alert: the alert's are among the incident's.
    body.put("Entities", mapper.writeValueAsString(entities(workspace, incidentName)));
    body.put("WorkspaceId", workspace.customerId());
    body.put("WorkspaceSubscriptionId", workspace.subscriptionId());
    body.put("WorkspaceResourceGroup", workspace.resourceGroup());
    return body;
  }

  private List<Map<String, Object>> entities(Workspace workspace, String incidentName) {
    return incidents.entities(workspace, incidentName).stream()
        .map(e -> IncidentJson.entity(workspace, e))
        .toList();
  }

  private static String pascal(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
