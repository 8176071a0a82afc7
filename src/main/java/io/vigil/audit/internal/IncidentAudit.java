package io.vigil.audit.internal;

import io.vigil.audit.AuditTrail;
import io.vigil.incident.FieldChange;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentEvents;
import io.vigil.workspace.WorkspaceCreated;
import io.vigil.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Audits what other modules announce as events: every change to an incident, its tasks, comments
 * and alerts (whoever made it — a user, a rule, a playbook), and new workspaces. Listeners run in
 * the transaction of the change.
 */
@Component
class IncidentAudit implements IncidentEvents.Listener {
  private final AuditTrail trail;
  private final WorkspaceService workspaces;

  IncidentAudit(AuditTrail trail, WorkspaceService workspaces) {
    this.trail = trail;
    this.workspaces = workspaces;
  }

  @Override
  public void on(IncidentEvent event) {
    String incident =
        workspaces.byId(event.workspaceId()).securityInsightsId()
            + "/incidents/"
            + event.incidentName();
    String resource =
        switch (event.type()) {
          case TaskAdded, TaskUpdated, TaskDeleted, TaskOverdue ->
              incident + "/tasks/" + event.subject();
          case CommentAdded, CommentUpdated, CommentDeleted ->
              incident + "/comments/" + event.subject();
          case AlertAdded -> incident + "/alerts/" + event.subject();
          default -> incident;
        };
    trail.record(event.actor(), event.type().name(), resource, changes(event.changes()));
  }

  @EventListener
  void on(WorkspaceCreated event) {
    trail.record(
        event.actor(),
        "WorkspaceCreated",
        event.workspace().resourceId(),
        Map.of("name", event.workspace().name()));
  }

  static Map<String, Object> changes(List<FieldChange> changes) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (FieldChange change : changes) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("old", change.oldValue());
      values.put("new", change.newValue());
      map.put(change.field(), values);
    }
    return map;
  }
}
