package io.vigil.task;

import io.vigil.incident.Incident;
import io.vigil.incident.IncidentService;
import io.vigil.shared.Access;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.workspace.Workspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One action on many tasks at once, for the "My tasks" queue: all of them or none. Every task is
 * checked first — that it exists, that the caller may change it, that the action fits it — and any
 * that fails refuses the whole request, naming each. Otherwise each task changes through {@link
 * TaskService} as if saved on its own, so that its history, its incident's task counts and the
 * audit trail record each change, with the caller as actor.
 */
@Service
public class TaskBulk {
  /** At most this many tasks per request, as many as a page of the queue holds. */
  public static final int MAX_TASKS = 1000;

  private static final Pattern TASK_ID =
      Pattern.compile(
          MyTasks.WORKSPACE_ID
              + "/providers/Microsoft\\.SecurityInsights/incidents/([^/]+)/tasks/([^/]+)",
          Pattern.CASE_INSENSITIVE);

  private final TaskService tasks;
  private final MyTasks queue;
  private final IncidentService incidents;
  private final Access access;

  TaskBulk(TaskService tasks, MyTasks queue, IncidentService incidents, Access access) {
    this.tasks = tasks;
    this.queue = queue;
    this.incidents = incidents;
    this.access = access;
  }

  public enum Action {
    Complete,
    /** Back to New, and no longer Not applicable: the task is to be done again. */
    Reopen,
    Assign,
    MarkNotApplicable
  }

  /**
   * A bulk request: {@code assignedTo} for Assign ({@link TaskInput.AssigneeChange#CLEAR}
   * unassigns), {@code reason} for MarkNotApplicable.
   */
  public record Request(
      Action action, List<String> tasks, TaskInput.AssigneeChange assignedTo, String reason) {}

  /** A task a request names, with the workspace and incident its id names. */
  private record Target(String id, Workspace workspace, Incident incident, String task) {}

  /**
   * Applies the action to every task named (once each, in the order named) and answers them as they
   * are then; or changes nothing and answers why not, for each task that blocked it.
   */
  @Transactional
  public List<IncidentTask> apply(Request request, Actor actor) {
    // Ids name tasks without regard to case: the same task twice is one change, not two.
    List<String> ids =
        request.tasks().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    id -> id.toLowerCase(java.util.Locale.ROOT),
                    id -> id,
                    (first, again) -> first,
                    java.util.LinkedHashMap::new))
            .values()
            .stream()
            .toList();
    Map<String, ApiException.Detail> blocked = new HashMap<>();
    List<Target> targets = new ArrayList<>();
    for (String id : ids) {
      resolve(id, blocked).ifPresent(targets::add);
    }
    lockInOrder(targets);
    Map<Long, Optional<String>> assigneeProblems = new HashMap<>();
    List<Runnable> changes = new ArrayList<>();
    for (Target target : targets) {
      Optional<IncidentTask> found = find(target);
      if (found.isEmpty()) {
        blocked.put(target.id(), notFound(target.id()));
        continue;
      }
      IncidentTask task = found.get();
      String problem = problem(request, target, task, assigneeProblems);
      if (problem != null) {
        blocked.put(target.id(), new ApiException.Detail("BadRequest", target.id(), problem));
        continue;
      }
      changes.add(
          () ->
              tasks.put(
                  target.workspace(),
                  target.incident().name(),
                  task.name(),
                  input(request, task),
                  task.etag(),
                  actor));
    }
    if (!blocked.isEmpty()) {
      throw refused(ids.stream().map(blocked::get).filter(Objects::nonNull).toList(), ids.size());
    }
    changes.forEach(Runnable::run);
    return targets.stream().map(t -> find(t).orElseThrow()).toList();
  }

  private Optional<IncidentTask> find(Target target) {
    try {
      return Optional.of(tasks.get(target.workspace(), target.incident().name(), target.task()));
    } catch (ApiException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The workspace and incident a task id names, if the caller may change tasks there; else the
   * reason is put in {@code blocked}. A workspace the caller may not read is not found, as
   * everywhere else.
   */
  private Optional<Target> resolve(String id, Map<String, ApiException.Detail> blocked) {
    Matcher parts = TASK_ID.matcher(id);
    if (!parts.matches()) {
      blocked.put(
          id,
          new ApiException.Detail(
              "BadRequest",
              id,
              "'"
                  + id
                  + "' is not a task id (/subscriptions/…/providers/Microsoft.SecurityInsights"
                  + "/incidents/{incidentId}/tasks/{taskId})."));
      return Optional.empty();
    }
    Optional<Workspace> workspace =
        queue.workspace(parts).filter(w -> access.inWorkspace(w.id(), Capability.Read));
    if (workspace.isPresent() && !access.inWorkspace(workspace.get().id(), Capability.Respond)) {
      blocked.put(
          id,
          new ApiException.Detail(
              "AuthorizationFailed",
              id,
              "Your roles in the workspace of the task '"
                  + id
                  + "' do not allow changing its tasks (it needs Respond)."));
      return Optional.empty();
    }
    Optional<Incident> incident = workspace.flatMap(w -> incidents.find(w, parts.group(4)));
    if (incident.isEmpty()) {
      blocked.put(id, notFound(id));
      return Optional.empty();
    }
    return Optional.of(new Target(id, workspace.get(), incident.get(), parts.group(5)));
  }

  /**
   * Locks the incidents of the targets in the order of their ids, whatever order the tasks are
   * named in, so that two bulk requests over the same incidents wait for each other instead of
   * deadlocking.
   */
  private void lockInOrder(List<Target> targets) {
    targets.stream()
        .collect(Collectors.toMap(t -> t.incident().id(), t -> t, (a, b) -> a))
        .values()
        .stream()
        .sorted(Comparator.comparingLong(t -> t.incident().id()))
        .forEach(t -> incidents.lock(t.workspace(), t.incident().name()));
  }

  /** Why the action does not fit the task, or null when it does. */
  private String problem(
      Request request, Target target, IncidentTask task, Map<Long, Optional<String>> assignees) {
    if (request.action() == Action.MarkNotApplicable && task.status() == TaskStatus.Completed) {
      return "The task '"
          + target.id()
          + "' is Completed: reopen it before marking it Not applicable.";
    }
    if (request.action() == Action.Assign && request.assignedTo().name() != null) {
      // The assignee must belong to each task's workspace; checked once per workspace.
      return assignees
          .computeIfAbsent(
              target.workspace().id(),
              id -> {
                try {
                  tasks.checkAssignee(id, request.assignedTo(), "assignedTo");
                  return Optional.empty();
                } catch (ApiException e) {
                  return Optional.of(e.getMessage());
                }
              })
          .orElse(null);
    }
    return null;
  }

  /** The change the action makes to the task, keeping what it does not touch. */
  private static TaskInput input(Request request, IncidentTask task) {
    TaskStatus status =
        switch (request.action()) {
          case Complete -> TaskStatus.Completed;
          case Reopen -> TaskStatus.New;
          case Assign, MarkNotApplicable -> task.status();
        };
    TaskInput.NotApplicableChange notApplicable =
        switch (request.action()) {
          case Reopen -> task.notApplicable() == null ? null : TaskInput.NotApplicableChange.CLEAR;
          case MarkNotApplicable -> new TaskInput.NotApplicableChange(request.reason());
          case Complete, Assign -> null;
        };
    return new TaskInput(
        task.title(),
        task.description(),
        status,
        null,
        notApplicable,
        request.action() == Action.Assign ? request.assignedTo() : null,
        null);
  }

  private static ApiException.Detail notFound(String id) {
    return new ApiException.Detail("NotFound", id, "The task '" + id + "' was not found.");
  }

  /**
   * The refusal, the blocking tasks in the order named: 403 when the caller may not change one of
   * the tasks, else 404 when one does not exist, else 400; one detail per blocking task, its id as
   * target.
   */
  private static ApiException refused(List<ApiException.Detail> details, int named) {
    HttpStatus status =
        details.stream().anyMatch(d -> d.code().equals("AuthorizationFailed"))
            ? HttpStatus.FORBIDDEN
            : details.stream().anyMatch(d -> d.code().equals("NotFound"))
                ? HttpStatus.NOT_FOUND
                : HttpStatus.BAD_REQUEST;
    String code =
        switch (status) {
          case FORBIDDEN -> "AuthorizationFailed";
          case NOT_FOUND -> "NotFound";
          default -> "BadRequest";
        };
    return ApiException.withDetails(
        status,
        code,
        "Nothing was changed: "
            + details.size()
            + " of the "
            + named
            + " tasks cannot be changed. "
            + details.stream().map(ApiException.Detail::message).collect(Collectors.joining(" ")),
        details);
  }
}
