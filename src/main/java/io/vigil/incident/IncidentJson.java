package io.vigil.incident;

import static io.vigil.shared.web.ArmJson.clientInfo;
import static io.vigil.shared.web.ArmJson.put;
import static io.vigil.shared.web.ArmJson.resource;

import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Incidents, comments, alerts and entities in and out of Sentinel's JSON shapes. */
public final class IncidentJson {
  private IncidentJson() {}

  public static Map<String, Object> incident(Incident incident, String publicUrl) {
    Map<String, Object> owner = new LinkedHashMap<>();
    put(owner, "objectId", incident.owner().objectId());
    put(owner, "email", incident.owner().email());
    put(owner, "assignedTo", incident.owner().assignedTo());
    put(owner, "userPrincipalName", incident.owner().userPrincipalName());
    owner.put("ownerType", incident.owner().ownerType().name());

    Map<String, Object> additional = new LinkedHashMap<>();
    additional.put("alertsCount", incident.alertsCount());
    additional.put("bookmarksCount", 0);
    additional.put("commentsCount", incident.commentsCount());
    // Vigil's own: the task progress the incidents list shows ("3/5 tasks").
    additional.put("tasksCount", incident.tasksCount());
    additional.put("completedTasksCount", incident.completedTasksCount());
    additional.put("alertProductNames", incident.alertProductNames());
    additional.put("tactics", incident.tactics());
    additional.put("techniques", incident.techniques());

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("title", incident.title());
    put(p, "description", incident.description());
    p.put("severity", incident.severity().name());
    p.put("status", incident.status().name());
    put(p, "classification", incident.classification());
    put(p, "classificationReason", incident.classificationReason());
    put(p, "classificationComment", incident.classificationComment());
    p.put("owner", owner);
    p.put(
        "labels",
        incident.labels().stream()
            .map(
                l -> {
                  Map<String, Object> label = new LinkedHashMap<>();
                  label.put("labelName", l.labelName());
                  label.put("labelType", l.labelType().name());
                  return label;
                })
            .toList());
    put(p, "firstActivityTimeUtc", Times.format(incident.firstActivityTimeUtc()));
    put(p, "lastActivityTimeUtc", Times.format(incident.lastActivityTimeUtc()));
    p.put("createdTimeUtc", Times.format(incident.createdTimeUtc()));
    p.put("lastModifiedTimeUtc", Times.format(incident.lastModifiedTimeUtc()));
    p.put("incidentNumber", incident.incidentNumber());
    p.put("incidentUrl", incidentUrl(publicUrl, incident.resourceId()));
    put(p, "providerName", incident.providerName());
    put(p, "providerIncidentId", incident.providerIncidentId());
    p.put("relatedAnalyticRuleIds", incident.relatedAnalyticRuleIds());
    p.put("additionalData", additional);
    return resource(
        incident.resourceId(),
        incident.name(),
        "Microsoft.SecurityInsights/Incidents",
        incident.etag(),
        p);
  }

  /** The address of an incident's page in the web UI. */
  public static String incidentUrl(String publicUrl, String incidentId) {
    return publicUrl + "/ui/incident?id=" + URLEncoder.encode(incidentId, StandardCharsets.UTF_8);
  }

  public static Map<String, Object> comment(Incident incident, Comment comment) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("message", comment.message());
    p.put("createdTimeUtc", Times.format(comment.createdTimeUtc()));
    p.put("lastModifiedTimeUtc", Times.format(comment.lastModifiedTimeUtc()));
    p.put("author", clientInfo(comment.author()));
    return resource(
        incident.resourceId() + "/comments/" + comment.name(),
        comment.name(),
        "Microsoft.SecurityInsights/Incidents/Comments",
        comment.etag(),
        p);
  }

  public static Map<String, Object> alert(Workspace workspace, Alert alert) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", workspace.securityInsightsId() + "/entities/" + alert.name());
    resource.put("name", alert.name());
    resource.put("type", "Microsoft.SecurityInsights/Entities");
    resource.put("kind", "SecurityAlert");
    resource.put("properties", alert.properties());
    return resource;
  }

  public static Map<String, Object> entity(Workspace workspace, Entity entity) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", workspace.securityInsightsId() + "/entities/" + entity.name());
    resource.put("name", entity.name());
    resource.put("type", "Microsoft.SecurityInsights/Entities");
    resource.put("kind", entity.kind().name());
    resource.put("properties", entity.properties());
    return resource;
  }

  public static Map<String, Object> event(IncidentEvent event) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventType", event.type().name());
    put(e, "subject", event.subject());
    e.put("actorType", event.actor().type().name());
    e.put("actor", clientInfo(event.actor().info()));
    e.put(
        "changes",
        event.changes().stream()
            .map(
                c -> {
                  Map<String, Object> change = new LinkedHashMap<>();
                  change.put("field", c.field());
                  change.put("oldValue", c.oldValue());
                  change.put("newValue", c.newValue());
                  return change;
                })
            .toList());
    e.put("occurredTimeUtc", Times.format(event.occurredAt()));
    return e;
  }
}
