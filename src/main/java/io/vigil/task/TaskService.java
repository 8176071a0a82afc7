package io.vigil.task;

import io.vigil.incident.FieldChange;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentEvents;
import io.vigil.incident.IncidentRef;
import io.vigil.incident.IncidentService;
import io.vigil.incident.Severity;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.RichText;
import io.vigil.shared.Times;
import io.vigil.shared.WorkspaceMembers;
import io.vigil.task.internal.TaskRepository;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks of incidents. Writes lock the incident, so that the per-incident limit holds under
 * concurrency, and record an {@link IncidentEvent} in the same transaction.
 */
@Service
public class TaskService {
  private final IncidentService incidents;
  private final TaskRepository tasks;
  private final IncidentEvents events;
  private final WorkspaceMembers members;
  private final Clock clock;
  private final int maxPerIncident;

  TaskService(
      IncidentService incidents,
      TaskRepository tasks,
      IncidentEvents events,
      WorkspaceMembers members,
      Clock clock,
      @Value("${vigil.limits.tasks-per-incident}") int maxPerIncident) {
    this.incidents = incidents;
    this.tasks = tasks;
    this.events = events;
    this.members = members;
    this.clock = clock;
    this.maxPerIncident = maxPerIncident;
  }

  /** The result of a create-or-update. */
  public record Saved(IncidentTask task, boolean created) {}

  /** Creates task {@code name} or replaces its title, description and status. */
  @Transactional
  public Saved put(
      Workspace workspace,
      String incidentName,
      String name,
      TaskInput input,
      String expectedEtag,
      Actor actor) {
    IncidentService.checkName("incidentTaskId", name);
    TaskInput clean = validate(input);
    IncidentRef incident = incidents.lock(workspace, incidentName);
    Optional<IncidentTask> existing = tasks.find(incident.id(), incident.resourceId(), name);
    Etags.check(expectedEtag, existing.map(IncidentTask::etag).orElse(null));
    if (existing.isEmpty()) {
      return new Saved(create(incident, name, clean, actor, null), true);
    }
    return new Saved(update(incident, existing.get(), clean, actor), false);
  }

  /**
   * Marks task {@code name} Completed, keeping everything else: the Sentinel connector's "Mark a
   * task as completed". Title and description are as stored, so they are not checked again.
   */
  @Transactional
  public IncidentTask complete(Workspace workspace, String incidentName, String name, Actor actor) {
    IncidentRef incident = incidents.lock(workspace, incidentName);
    IncidentTask task =
        tasks
            .find(incident.id(), incident.resourceId(), name)
            .orElseThrow(() -> ApiException.notFound("The task '" + name + "' was not found."));
    return update(
        incident,
        task,
        new TaskInput(task.title(), task.description(), TaskStatus.Completed),
        actor);
  }

  /**
   * Adds a task with a generated name at the end of an incident's list; how automation rules and
   * playbooks add tasks. The caller holds the incident (see {@link IncidentService#lock}).
   */
  @Transactional
  public IncidentTask add(IncidentRef incident, TaskInput input, Actor actor) {
    return create(incident, UUID.randomUUID().toString(), validate(input), actor, null);
  }

  /**
   * Adds task {@code name} at the end of the list, recording {@code origin} (the template it came
   * from) among its creation's changes. The caller holds the incident and knows the name is free.
   */
  IncidentTask addNamed(
      IncidentRef incident, String name, TaskInput input, Actor actor, FieldChange origin) {
    return create(incident, name, validate(input), actor, origin);
  }

  /** Task {@code name} of a locked incident, if it has one. */
  Optional<IncidentTask> find(IncidentRef incident, String name) {
    return tasks.find(incident.id(), incident.resourceId(), name);
  }

  private IncidentTask create(
      IncidentRef incident, String name, TaskInput input, Actor actor, FieldChange origin) {
    IncidentTask.Assignee assignee = assignee(incident, input.assignedTo());
    TaskRepository.NewTask slot =
        tasks.newTask(incident.id(), incident.workspaceId(), incident.severity().name());
    IncidentTask.Due due =
        input.due() == null ? severityDefault(incident, slot) : due(incident, input.due());
    if (slot.count() >= maxPerIncident) {
      throw ApiException.conflict(
          "TooManyTasks",
          "The incident already has the maximum of "
              + maxPerIncident
              + " tasks; complete or delete some, or raise vigil.limits.tasks-per-incident.");
    }
    OffsetDateTime now = now();
    boolean completed = input.status() == TaskStatus.Completed;
    IncidentTask.NotApplicable notApplicable =
        input.notApplicable() == null || input.notApplicable().reason() == null
            ? null
            : new IncidentTask.NotApplicable(input.notApplicable().reason(), actor.info(), now);
    IncidentTask task =
        new IncidentTask(
            0,
            incident.id(),
            incident.resourceId() + "/tasks/" + name,
            name,
            Etags.next(),
            input.title(),
            input.description(),
            input.status(),
            Boolean.TRUE.equals(input.mandatory()),
            notApplicable,
            assignee,
            due,
            null,
            slot.position(),
            actor.type(),
            actor.info(),
            actor.info(),
            completed ? actor.info() : null,
            completed ? now : null,
            now,
            now);
    task = task.withSequence(tasks.insert(task));
    List<FieldChange> changes = new ArrayList<>();
    changes.add(new FieldChange("title", null, input.title()));
    if (input.description() != null) {
      changes.add(new FieldChange("description", null, input.description()));
    }
    changes.add(new FieldChange("status", null, input.status().name()));
    if (task.mandatory()) {
      changes.add(new FieldChange("mandatory", null, true));
    }
    if (notApplicable != null) {
      changes.add(new FieldChange("notApplicable", null, notApplicable.reason()));
    }
    if (assignee != null) {
      changes.add(new FieldChange("assignedTo", null, value(assignee)));
    }
    if (due != null) {
      changes.add(new FieldChange("due", null, value(due)));
    }
    if (origin != null) {
      changes.add(origin);
    }
    events.record(event(IncidentEvent.Type.TaskAdded, incident, name, actor, changes, now));
    return task;
  }

  private IncidentTask update(
      IncidentRef incident, IncidentTask old, TaskInput input, Actor actor) {
    IncidentTask.Assignee assignee = old.assignedTo();
    if (input.assignedTo() != null) {
      IncidentTask.Assignee requested = assignee(incident, input.assignedTo());
      assignee =
          requested != null && requested.same(old.assignedTo()) ? old.assignedTo() : requested;
    }
    IncidentTask.Due due = old.due();
    boolean dueChanged = false;
    if (input.due() != null) {
      IncidentTask.Due requested = due(incident, input.due());
      dueChanged = requested == null ? old.due() != null : !requested.same(old.due());
      due = dueChanged ? requested : old.due();
    }
    OffsetDateTime now = now();
    IncidentTask.NotApplicable notApplicable = notApplicable(old, input, actor, now);
    boolean settled = input.status() == TaskStatus.Completed || notApplicable != null;
    boolean completing =
        input.status() == TaskStatus.Completed && old.status() != TaskStatus.Completed;
    boolean stillCompleted =
        input.status() == TaskStatus.Completed && old.status() == TaskStatus.Completed;
    IncidentTask updated =
        new IncidentTask(
            old.sequence(),
            old.incidentId(),
            old.resourceId(),
            old.name(),
            Etags.next(),
            input.title(),
            input.description(),
            input.status(),
            input.mandatory() == null ? old.mandatory() : input.mandatory(),
            notApplicable,
            assignee,
            due,
            // A new due time, or a settled task, may lapse again later: watch it afresh.
            dueChanged || settled ? null : old.overdueRecordedUtc(),
            old.position(),
            old.createdByType(),
            old.createdBy(),
            actor.info(),
            completing ? actor.info() : stillCompleted ? old.completedBy() : null,
            completing ? now : stillCompleted ? old.completedTimeUtc() : null,
            old.createdTimeUtc(),
            now);
    tasks.update(updated);
    List<FieldChange> changes = new ArrayList<>();
    compare(changes, "title", old.title(), updated.title());
    compare(changes, "description", old.description(), updated.description());
    compare(changes, "status", old.status().name(), updated.status().name());
    compare(changes, "mandatory", old.mandatory(), updated.mandatory());
    compare(changes, "notApplicable", reason(old), reason(updated));
    compare(changes, "assignedTo", value(old.assignedTo()), value(updated.assignedTo()));
    compare(changes, "due", value(old.due()), value(updated.due()));
    if (!changes.isEmpty()) {
      events.record(
          event(IncidentEvent.Type.TaskUpdated, incident, old.name(), actor, changes, now));
    }
    return updated;
  }

  /**
   * Not applicable after an update: as stored unless the input says otherwise, except that
   * completing a task clears it (a task is either done or does not apply). Who and when change only
   * when the reason does.
   */
  private static IncidentTask.NotApplicable notApplicable(
      IncidentTask old, TaskInput input, Actor actor, OffsetDateTime now) {
    TaskInput.NotApplicableChange change = input.notApplicable();
    if (change == null) {
      boolean completing =
          input.status() == TaskStatus.Completed && old.status() != TaskStatus.Completed;
      return completing ? null : old.notApplicable();
    }
    if (change.reason() == null) {
      return null;
    }
    if (old.notApplicable() != null && old.notApplicable().reason().equals(change.reason())) {
      return old.notApplicable();
    }
    return new IncidentTask.NotApplicable(change.reason(), actor.info(), now);
  }

  /**
   * The assignee a change names, checked against the incident's workspace: a user must have an
   * enabled account and hold a role there (administrators hold every workspace), a role must be one
   * Vigil grants. Null for no change and for unassigning.
   */
  private IncidentTask.Assignee assignee(IncidentRef incident, TaskInput.AssigneeChange change) {
    if (change == null || change.name() == null) {
      return null;
    }
    return checkAssignee(incident.workspaceId(), change, "properties.assignedTo");
  }

  /**
   * Checks that {@code change} names a user or role of the workspace and answers the assignee as it
   * would be stored; otherwise a 400 naming {@code path}. Automation rules check their
   * AddIncidentTask actions' assignees with it when they are saved.
   */
  public IncidentTask.Assignee checkAssignee(
      long workspaceId, TaskInput.AssigneeChange change, String path) {
    if (change.type() == null) {
      throw JsonInput.missing(path + ".type");
    }
    if (change.name() == null || change.name().isBlank()) {
      throw JsonInput.missing(path + ".name");
    }
    String name = change.name();
    if (change.type() == IncidentTask.Assignee.Type.Role) {
      return members.roles().stream()
          .filter(role -> role.equalsIgnoreCase(name))
          .findFirst()
          .map(role -> new IncidentTask.Assignee(IncidentTask.Assignee.Type.Role, role, null))
          .orElseThrow(
              () ->
                  JsonInput.invalid(
                      path,
                      "names no role of the workspace ('"
                          + name
                          + "'); the roles are "
                          + String.join(", ", members.roles())));
    }
    WorkspaceMembers.Account account =
        members
            .account(name)
            .orElseThrow(() -> JsonInput.invalid(path, "names no Vigil account ('" + name + "')"));
    if (!account.enabled()) {
      throw JsonInput.invalid(path, "names the disabled account '" + account.username() + "'");
    }
    if (!members.holdsRole(account.username(), workspaceId)) {
      throw JsonInput.invalid(
          path, "names '" + account.username() + "', who holds no role in this workspace");
    }
    return new IncidentTask.Assignee(
        IncidentTask.Assignee.Type.User, account.username(), account.displayName());
  }

  /** The users and roles a task of the workspace can be assigned to: users first, by name. */
  @Transactional(readOnly = true)
  public List<IncidentTask.Assignee> assignees(Workspace workspace) {
    List<IncidentTask.Assignee> all = new ArrayList<>();
    for (WorkspaceMembers.Account account : members.members(workspace.id())) {
      if (account.enabled()) {
        all.add(
            new IncidentTask.Assignee(
                IncidentTask.Assignee.Type.User, account.username(), account.displayName()));
      }
    }
    for (String role : members.roles()) {
      all.add(new IncidentTask.Assignee(IncidentTask.Assignee.Type.Role, role, null));
    }
    return all;
  }

  /** The due time a change sets for a task of {@code incident}; null when it removes it. */
  private static IncidentTask.Due due(IncidentRef incident, TaskInput.DueChange change) {
    if (change.afterIncidentCreated() != null) {
      return new IncidentTask.Due(
          incident.createdTimeUtc().plus(change.afterIncidentCreated()),
          change.afterIncidentCreated(),
          IncidentTask.Due.Source.Task);
    }
    return change.timeUtc() == null
        ? null
        : new IncidentTask.Due(change.timeUtc(), null, IncidentTask.Due.Source.Task);
  }

  /**
   * The due time of a new task whose creator gave none: the default for the incident's severity.
   */
  private static IncidentTask.Due severityDefault(
      IncidentRef incident, TaskRepository.NewTask slot) {
    Duration after = slot.dueDefault();
    return after == null
        ? null
        : new IncidentTask.Due(
            incident.createdTimeUtc().plus(after), after, IncidentTask.Due.Source.SeverityDefault);
  }

  /** The workspace's default due times for new tasks, relative to the incident's creation. */
  @Transactional(readOnly = true)
  public Map<Severity, Duration> dueDefaults(Workspace workspace) {
    Map<Severity, Duration> defaults = new EnumMap<>(Severity.class);
    tasks.dueDefaults(workspace.id()).forEach((s, d) -> defaults.put(Severity.valueOf(s), d));
    return defaults;
  }

  /**
   * Replaces the workspace's default due times. They apply to tasks created from now on; tasks that
   * already have a due time keep it.
   */
  @Transactional
  public Map<Severity, Duration> putDueDefaults(Workspace workspace, Map<Severity, Duration> next) {
    Map<String, Duration> stored = new LinkedHashMap<>();
    next.forEach((severity, after) -> stored.put(severity.name(), after));
    tasks.replaceDueDefaults(workspace.id(), stored);
    return dueDefaults(workspace);
  }

  /** A due time as a history value: the time, and the duration it was given as, if it was. */
  private static Map<String, Object> value(IncidentTask.Due due) {
    if (due == null) {
      return null;
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("timeUtc", Times.format(due.timeUtc()));
    if (due.afterIncidentCreated() != null) {
      value.put("afterIncidentCreated", due.afterIncidentCreated().toString());
    }
    return value;
  }

  /** An assignee as a history value: its type and name, and a user's display name. */
  private static Map<String, Object> value(IncidentTask.Assignee assignee) {
    if (assignee == null) {
      return null;
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("type", assignee.type().name());
    value.put("name", assignee.name());
    if (assignee.displayName() != null) {
      value.put("displayName", assignee.displayName());
    }
    return value;
  }

  private static String reason(IncidentTask task) {
    return task.notApplicable() == null ? null : task.notApplicable().reason();
  }

  @Transactional(readOnly = true)
  public IncidentTask get(Workspace workspace, String incidentName, String name) {
    IncidentRef incident = incidents.get(workspace, incidentName).ref();
    return tasks
        .find(incident.id(), incident.resourceId(), name)
        .orElseThrow(() -> ApiException.notFound("The task '" + name + "' was not found."));
  }

  @Transactional
  public boolean delete(Workspace workspace, String incidentName, String name, Actor actor) {
    IncidentRef incident = incidents.lock(workspace, incidentName);
    Optional<IncidentTask> existing = tasks.find(incident.id(), incident.resourceId(), name);
    if (existing.isEmpty()) {
      return false;
    }
    tasks.delete(existing.get().sequence());
    events.record(
        event(
            IncidentEvent.Type.TaskDeleted,
            incident,
            name,
            actor,
            List.of(new FieldChange("title", existing.get().title(), null)),
            now()));
    return true;
  }

  /**
   * Where a task moves to: before another task of the incident ({@code before}, by name), or to a
   * 1-based {@code position} in the list. Exactly one is given.
   */
  public record MoveTo(String before, Long position) {}

  /**
   * Moves a task within its incident's list and renumbers the list 1..n, so that tasks added later
   * still go to the end. The moved task gets a new etag and a {@code position} change in its
   * history; the tasks it passes keep theirs, as nothing about them changed but their neighbours.
   */
  @Transactional
  public IncidentTask move(
      Workspace workspace,
      String incidentName,
      String name,
      MoveTo to,
      String expectedEtag,
      Actor actor) {
    IncidentRef incident = incidents.lock(workspace, incidentName);
    List<IncidentTask> list = new ArrayList<>(tasks.all(incident.id(), incident.resourceId()));
    int from = indexOf(list, name);
    if (from < 0) {
      throw ApiException.notFound("The task '" + name + "' was not found.");
    }
    IncidentTask task = list.remove(from);
    Etags.check(expectedEtag, task.etag());
    int target;
    if (to.before() != null) {
      if (to.before().equalsIgnoreCase(task.name())) {
        throw JsonInput.invalid("before", "names the task being moved");
      }
      target = indexOf(list, to.before());
      if (target < 0) {
        throw JsonInput.invalid("before", "names no task of this incident ('" + to.before() + "')");
      }
    } else {
      if (to.position() < 1 || to.position() > list.size() + 1) {
        throw JsonInput.invalid("position", "must be between 1 and " + (list.size() + 1));
      }
      target = to.position().intValue() - 1;
    }
    list.add(target, task);
    if (target == from) {
      return task;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).position() != i + 1 && list.get(i) != task) {
        tasks.setPosition(list.get(i).sequence(), i + 1);
      }
    }
    OffsetDateTime now = now();
    IncidentTask moved =
        new IncidentTask(
            task.sequence(),
            task.incidentId(),
            task.resourceId(),
            task.name(),
            Etags.next(),
            task.title(),
            task.description(),
            task.status(),
            task.mandatory(),
            task.notApplicable(),
            task.assignedTo(),
            task.due(),
            task.overdueRecordedUtc(),
            target + 1,
            task.createdByType(),
            task.createdBy(),
            actor.info(),
            task.completedBy(),
            task.completedTimeUtc(),
            task.createdTimeUtc(),
            now);
    tasks.update(moved);
    events.record(
        event(
            IncidentEvent.Type.TaskUpdated,
            incident,
            task.name(),
            actor,
            List.of(new FieldChange("position", from + 1, target + 1)),
            now));
    return moved;
  }

  private static int indexOf(List<IncidentTask> list, String name) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The history of a task, oldest first: the events recorded since it was created under this name
   * (a task deleted and created again under the same name starts a new history).
   */
  @Transactional(readOnly = true)
  public Page<IncidentEvent> history(
      Workspace workspace, String incidentName, String name, int top, String skipToken) {
    IncidentTask task = get(workspace, incidentName, name);
    IncidentRef incident = incidents.get(workspace, incidentName).ref();
    return events.history(
        incident,
        task.name(),
        IncidentEvent.Type.TaskAdded,
        EnumSet.of(
            IncidentEvent.Type.TaskAdded,
            IncidentEvent.Type.TaskUpdated,
            IncidentEvent.Type.TaskOverdue),
        top,
        skipToken);
  }

  /** A page of an incident's tasks, in list order: manual order, new tasks at the end. */
  @Transactional(readOnly = true)
  public Page<IncidentTask> list(
      Workspace workspace, String incidentName, int top, String skipToken) {
    IncidentRef incident = incidents.get(workspace, incidentName).ref();
    return tasks.list(incident.id(), incident.resourceId(), top, skipToken);
  }

  private static TaskInput validate(TaskInput input) {
    if (input.title() == null || input.title().isBlank()) {
      throw JsonInput.missing("properties.title");
    }
    if (input.title().length() > TaskInput.MAX_TITLE) {
      throw JsonInput.invalid(
          "properties.title", "is longer than " + TaskInput.MAX_TITLE + " characters");
    }
    if (input.description() != null && input.description().length() > TaskInput.MAX_DESCRIPTION) {
      throw JsonInput.invalid(
          "properties.description", "is longer than " + TaskInput.MAX_DESCRIPTION + " characters");
    }
    if (input.status() == null) {
      throw JsonInput.missing("properties.status");
    }
    TaskInput.NotApplicableChange notApplicable = input.notApplicable();
    if (notApplicable != null && notApplicable.reason() != null) {
      if (notApplicable.reason().isBlank()) {
        throw JsonInput.missing("properties.notApplicable.reason");
      }
      if (notApplicable.reason().length() > TaskInput.MAX_REASON) {
        throw JsonInput.invalid(
            "properties.notApplicable.reason",
            "is longer than " + TaskInput.MAX_REASON + " characters");
      }
      if (input.status() == TaskStatus.Completed) {
        throw JsonInput.invalid(
            "properties.notApplicable",
            "cannot be set on a Completed task: a task is either done or does not apply");
      }
    }
    String description =
        TaskInput.checkSanitised(RichText.sanitize(input.description()), "properties.description");
    return new TaskInput(
        input.title(),
        description == null || description.isBlank() ? null : description,
        input.status(),
        input.mandatory(),
        notApplicable,
        input.assignedTo(),
        input.due());
  }

  private OffsetDateTime now() {
    return Times.utc(clock.instant());
  }

  private static void compare(List<FieldChange> changes, String field, Object old, Object now) {
    if (!Objects.equals(old, now)) {
      changes.add(new FieldChange(field, old, now));
    }
  }

  private static IncidentEvent event(
      IncidentEvent.Type type,
      IncidentRef incident,
      String task,
      Actor actor,
      List<FieldChange> changes,
      OffsetDateTime now) {
    return new IncidentEvent(
        type, incident.workspaceId(), incident.id(), incident.name(), task, actor, changes, now);
  }
}
