package io.vigil.notification.web;

import io.vigil.incident.IncidentJson;
import io.vigil.notification.Notification;
import io.vigil.notification.NotificationService;
import io.vigil.shared.Actor;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications}: the signed-in user's own notifications. Like {@code /api/me} it is
 * not about a workspace, so any signed-in user may call it, and sees and changes only their own.
 */
@RestController
@PreAuthorize("isAuthenticated()")
@RequestMapping("/api/notifications")
class NotificationController {
  private final NotificationService notifications;
  private final WorkspaceService workspaces;

  NotificationController(NotificationService notifications, WorkspaceService workspaces) {
    this.notifications = notifications;
    this.workspaces = workspaces;
  }

  /** A page of notifications, newest first, with the caller's count of unread ones. */
  @GetMapping
  Map<String, Object> list(
      Actor actor,
      @RequestParam(name = "unread", defaultValue = "false") boolean unread,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    String user = user(actor);
    Page<Notification> page = notifications.list(user, unread, ArmJson.top(top), skipToken);
    ListBody<Map<String, Object>> list = ListBody.of(page.map(this::json));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", list.value());
    ArmJson.put(body, "nextLink", list.nextLink());
    body.put("unreadCount", notifications.unreadCount(user));
    return body;
  }

  @PostMapping("/{id}/read")
  Map<String, Object> read(Actor actor, @PathVariable String id) {
    return json(notifications.markRead(user(actor), id));
  }

  @PostMapping("/markAllRead")
  Map<String, Object> markAllRead(Actor actor) {
    return Map.of("markedRead", notifications.markAllRead(user(actor)));
  }

  private static String user(Actor actor) {
    return actor.info().userPrincipalName();
  }

  private Map<String, Object> json(Notification n) {
    Workspace workspace = workspaces.byId(n.workspaceId());
    String incidentId = workspace.securityInsightsId() + "/incidents/" + n.incidentName();
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("id", incidentId);
    incident.put("name", n.incidentName());
    incident.put("incidentNumber", n.incidentNumber());
    incident.put("title", n.incidentTitle());
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", incidentId + "/tasks/" + n.taskName());
    task.put("name", n.taskName());
    task.put("title", n.taskTitle());
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("type", n.actorType().name());
    ArmJson.put(actor, "name", n.actorName());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", String.valueOf(n.id()));
    json.put("kind", n.kind().name());
    json.put("timeUtc", Times.format(n.createdTimeUtc()));
    json.put("read", n.readTimeUtc() != null);
    ArmJson.put(json, "readTimeUtc", Times.format(n.readTimeUtc()));
    json.put("actor", actor);
    json.put("workspace", Map.of("id", workspace.resourceId(), "name", workspace.name()));
    json.put("incident", incident);
    json.put("task", task);
    json.put("link", IncidentJson.page(incidentId));
    return json;
  }
}
