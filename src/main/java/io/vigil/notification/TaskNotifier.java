package io.vigil.notification;

import static io.vigil.shared.web.ArmJson.clientInfo;

import io.vigil.incident.Incident;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentEvents;
import io.vigil.incident.IncidentJson;
import io.vigil.incident.IncidentService;
import io.vigil.notification.internal.NotificationRepository;
import io.vigil.notification.internal.WebhookRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.Times;
import io.vigil.shared.WorkspaceMembers;
import io.vigil.task.IncidentTask;
import io.vigil.task.TaskJson;
import io.vigil.task.TaskService;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns task events into notifications: a task assigned (on creation or later, to a new assignee)
 * and a task fallen overdue. It runs in the transaction of the change, so the in-app notifications
 * and the webhook deliveries (the outbox) are stored exactly when the change is; sending happens
 * afterwards ({@link DeliveryWorker}).
 *
 * <p>In-app notifications go to the assigned user, or to every enabled account granted the assigned
 * role in the workspace, but never to whoever made the change. An unassigned task that falls
 * overdue notifies nobody in the app; webhooks hear of it all the same.
 */
@Component
class TaskNotifier implements IncidentEvents.Listener {
  private final WorkspaceService workspaces;
  private final IncidentService incidents;
  private final TaskService tasks;
  private final WorkspaceMembers members;
  private final NotificationRepository notifications;
  private final WebhookRepository webhooks;
  private final ObjectMapper mapper;
  private final String publicUrl;

  TaskNotifier(
      WorkspaceService workspaces,
      IncidentService incidents,
      TaskService tasks,
      WorkspaceMembers members,
      NotificationRepository notifications,
      WebhookRepository webhooks,
      ObjectMapper mapper,
      @Value("${vigil.public-url}") String publicUrl) {
    this.workspaces = workspaces;
    this.incidents = incidents;
    this.tasks = tasks;
    this.members = members;
    this.notifications = notifications;
    this.webhooks = webhooks;
    this.mapper = mapper;
    this.publicUrl = publicUrl;
  }

  @Override
  public void on(IncidentEvent event) {
    Notification.Kind kind = kind(event);
    if (kind == null) {
      return;
    }
    Workspace workspace = workspaces.byId(event.workspaceId());
    Incident incident = incidents.get(workspace, event.incidentName());
    IncidentTask task = tasks.get(workspace, event.incidentName(), event.subject());
    Notification notification =
        new Notification(
            0,
            kind,
            workspace.id(),
            incident.name(),
            incident.incidentNumber(),
            incident.title(),
            task.name(),
            task.title(),
            event.actor().type(),
            event.actor().info().name(),
            event.occurredAt(),
            null);
    for (String recipient : recipients(event, task)) {
      notifications.insert(recipient, notification);
    }
    for (TaskWebhook webhook : webhooks.subscribed(workspace.id(), kind)) {
      String deliveryId = UUID.randomUUID().toString();
      webhooks.enqueue(
          webhook.id(),
          deliveryId,
          kind,
          incident.name(),
          task.name(),
          payload(deliveryId, kind, event, workspace, incident, task),
          event.occurredAt());
    }
  }

  /** What an event notifies of, or null when it is nothing to notify. */
  private static Notification.Kind kind(IncidentEvent event) {
    return switch (event.type()) {
      case TaskOverdue -> Notification.Kind.TaskOverdue;
      case TaskAdded, TaskUpdated ->
          event.changes().stream()
                  .anyMatch(c -> c.field().equals("assignedTo") && c.newValue() != null)
              ? Notification.Kind.TaskAssigned
              : null;
      default -> null;
    };
  }

  /** The user names the task's assignee stands for, less the one who made the change. */
  private List<String> recipients(IncidentEvent event, IncidentTask task) {
    IncidentTask.Assignee assignee = task.assignedTo();
    if (assignee == null) {
      return List.of();
    }
    // A user who has since lost their roles in the workspace must not learn of its incidents.
    List<WorkspaceMembers.Account> accounts =
        assignee.type() == IncidentTask.Assignee.Type.User
            ? members.account(assignee.name()).stream()
                .filter(a -> members.holdsRole(a.username(), event.workspaceId()))
                .toList()
            : members.holders(assignee.name(), event.workspaceId());
    String actor =
        event.actor().type() == Actor.Type.User ? event.actor().info().userPrincipalName() : null;
    return accounts.stream()
        .filter(WorkspaceMembers.Account::enabled)
        .map(WorkspaceMembers.Account::username)
        .filter(user -> !user.equalsIgnoreCase(actor))
        .toList();
  }

  /** The body of a webhook delivery; it is fixed now, so that retries send the same bytes. */
  private String payload(
      String deliveryId,
      Notification.Kind kind,
      IncidentEvent event,
      Workspace workspace,
      Incident incident,
      IncidentTask task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", deliveryId);
    body.put("eventType", kind.name());
    body.put("occurredTimeUtc", Times.format(event.occurredAt()));
    body.put("workspace", Map.of("id", workspace.resourceId(), "name", workspace.name()));
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("id", incident.resourceId());
    about.put("name", incident.name());
    about.put("incidentNumber", incident.incidentNumber());
    about.put("title", incident.title());
    about.put("severity", incident.severity().name());
    about.put("status", incident.status().name());
    about.put("incidentUrl", publicUrl + IncidentJson.page(incident.resourceId()));
    body.put("incident", about);
    body.put("task", TaskJson.task(task, event.occurredAt().toInstant()));
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("type", event.actor().type().name());
    actor.putAll(clientInfo(event.actor().info()));
    body.put("actor", actor);
    return mapper.writeValueAsString(body);
  }
}
