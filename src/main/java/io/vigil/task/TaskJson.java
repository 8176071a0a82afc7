package io.vigil.task;

import static io.vigil.shared.web.ArmJson.clientInfo;

import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tasks in Sentinel's JSON shape, with Vigil's extensions. */
public final class TaskJson {
  private TaskJson() {}

  /** A task as the API shows it at {@code now}, which decides whether it is overdue. */
  public static Map<String, Object> task(IncidentTask task, Instant now) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("title", task.title());
    ArmJson.put(p, "description", task.description());
    p.put("status", task.status().name());
    p.put("createdTimeUtc", Times.format(task.createdTimeUtc()));
    p.put("lastModifiedTimeUtc", Times.format(task.lastModifiedTimeUtc()));
    p.put("createdBy", clientInfo(task.createdBy()));
    p.put("lastModifiedBy", clientInfo(task.lastModifiedBy()));
    // Vigil's extensions: how the task came to be, and who completed it when.
    p.put("createdByType", task.createdByType().name());
    if (task.completedBy() != null) {
      p.put("completedBy", clientInfo(task.completedBy()));
    }
    ArmJson.put(p, "completedTimeUtc", Times.format(task.completedTimeUtc()));
    // Mandatory tasks hold the incident open until they are Completed or Not applicable.
    p.put("mandatory", task.mandatory());
    if (task.notApplicable() != null) {
      Map<String, Object> notApplicable = new LinkedHashMap<>();
      notApplicable.put("reason", task.notApplicable().reason());
      notApplicable.put("by", clientInfo(task.notApplicable().by()));
      notApplicable.put("timeUtc", Times.format(task.notApplicable().timeUtc()));
      p.put("notApplicable", notApplicable);
    }
    if (task.assignedTo() != null) {
      p.put("assignedTo", assignee(task.assignedTo()));
    }
    if (task.due() != null) {
      Map<String, Object> due = new LinkedHashMap<>();
      due.put("timeUtc", Times.format(task.due().timeUtc()));
      if (task.due().afterIncidentCreated() != null) {
        due.put("afterIncidentCreated", task.due().afterIncidentCreated().toString());
      }
      due.put("source", task.due().source().name());
      p.put("due", due);
    }
    p.put("overdue", task.isOverdue(now));
    return ArmJson.resource(
        task.resourceId(),
        task.name(),
        "Microsoft.SecurityInsights/Incidents/Tasks",
        task.etag(),
        p);
  }

  /**
   * An assignee: {@code type} ({@code User} or {@code Role}), {@code name}, a user's display name.
   */
  public static Map<String, Object> assignee(IncidentTask.Assignee assignee) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("type", assignee.type().name());
    a.put("name", assignee.name());
    ArmJson.put(a, "displayName", assignee.displayName());
    return a;
  }
}
