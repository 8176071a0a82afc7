package io.vigil.task;

import io.vigil.audit.AuditTrail;
import io.vigil.incident.FieldChange;
import io.vigil.incident.IncidentRef;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentStatus;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.RichText;
import io.vigil.shared.Times;
import io.vigil.task.internal.TaskTemplateRepository;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task templates of each workspace: named lists of tasks, versioned, applied to open incidents
 * by hand or by automation rules. Applying adds each task under a name derived from the template
 * and the task's key, so a template applied twice adds its tasks once.
 */
@Service
public class TaskTemplateService {
  /** Template names leave room in a task name for the prefix and the item key. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Item keys hold no '.', which separates them from the template name in task names. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  public static final int MAX_TASKS = 100;

  /**
   * The most text, titles and sanitised descriptions, all of a template's tasks may hold: the
   * stored list (its column holds 1,000,000 characters) with room for its JSON.
   */
  static final int MAX_TEXT = 800_000;

  private final TaskTemplateRepository templates;
  private final TaskService tasks;
  private final IncidentService incidents;
  private final AuditTrail audit;
  private final Clock clock;

  TaskTemplateService(
      TaskTemplateRepository templates,
      TaskService tasks,
      IncidentService incidents,
      AuditTrail audit,
      Clock clock) {
    this.templates = templates;
    this.tasks = tasks;
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
  }

  /** The result of a create-or-replace: the template as stored, and whether it was new. */
  public record Saved(TaskTemplate template, boolean created) {}

  /**
   * Creates template {@code name} or replaces its content with {@code properties}. A change of
   * content makes a new version and keeps the old one; the same content again changes nothing.
   */
  @Transactional
  public Saved put(
      Workspace workspace, String name, JsonInput properties, String expectedEtag, Actor actor) {
    checkName("taskTemplateName", name);
    return save(workspace, name, read(workspace, name, properties), expectedEtag, actor);
  }

  /**
   * Creates or replaces every template of an export document ({@link TaskTemplateJson#export}), all
   * or none: the first problem is a 400 naming its field, and nothing is stored.
   */
  @Transactional
  public List<TaskTemplate> importAll(Workspace workspace, JsonInput document, Actor actor) {
    List<JsonInput> items = document.objects("templates", 1000);
    if (items.isEmpty()) {
      throw JsonInput.missing(document.path("templates"));
    }
    Set<String> seen = new HashSet<>();
    List<TaskTemplate> saved = new ArrayList<>();
    for (JsonInput item : items) {
      String name = item.requiredString("name", 256);
      checkName(item.path("name"), name);
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw JsonInput.invalid(item.path("name"), "repeats the template '" + name + "'");
      }
      Content content = read(workspace, name, item.object("properties"));
      saved.add(save(workspace, name, content, null, actor).template());
    }
    return saved;
  }

  private Saved save(
      Workspace workspace, String name, Content content, String expectedEtag, Actor actor) {
    Optional<TaskTemplate> existing =
        templates.find(workspace.id(), workspace.securityInsightsId(), name, true);
    Etags.check(expectedEtag, existing.map(TaskTemplate::etag).orElse(null));
    if (existing.isPresent() && content.sameAs(existing.get())) {
      return new Saved(existing.get(), false);
    }
    OffsetDateTime now = Times.utc(clock.instant());
    String stored = existing.map(TaskTemplate::name).orElse(name);
    TaskTemplate template =
        new TaskTemplate(
            existing.map(TaskTemplate::id).orElse(0L),
            workspace.securityInsightsId() + "/taskTemplates/" + stored,
            stored,
            Etags.next(),
            existing.map(t -> t.version() + 1).orElse(1),
            content.displayName(),
            content.description(),
            content.tasks(),
            existing.map(TaskTemplate::createdBy).orElse(actor.info()),
            existing.map(TaskTemplate::createdTimeUtc).orElse(now),
            actor.info(),
            now);
    if (existing.isEmpty()) {
      templates.insert(workspace.id(), template);
    } else {
      templates.update(template);
    }
    audit.record(
        actor,
        existing.isEmpty() ? "TaskTemplateCreated" : "TaskTemplateUpdated",
        template.resourceId(),
        Map.of(
            "version",
            AuditTrail.change(existing.map(TaskTemplate::version).orElse(null), template.version()),
            // Titles, not whole tasks: two versions of a large template would not fit a record.
            "tasks",
            AuditTrail.change(
                existing.map(TaskTemplateService::titles).orElse(null), titles(template))));
    return new Saved(get(workspace, stored), existing.isEmpty());
  }

  private static List<String> titles(TaskTemplate template) {
    return template.tasks().stream().map(TaskTemplate.Item::title).toList();
  }

  /** What a template says, checked: the part of it that makes a version. */
  private record Content(String displayName, String description, List<TaskTemplate.Item> tasks) {
    boolean sameAs(TaskTemplate template) {
      return displayName.equals(template.displayName())
          && Objects.equals(description, template.description())
          && tasks.equals(template.tasks());
    }
  }

  /**
   * Reads a template's {@code properties}: {@code displayName} (the name when left out), a
   * plain-text {@code description}, and 1 to {@link #MAX_TASKS} {@code tasks}. Every problem is a
   * 400 naming the field.
   */
  private Content read(Workspace workspace, String name, JsonInput properties) {
    String displayName = properties.optionalString("displayName", 256);
    String description = properties.optionalString("description", 5000);
    List<JsonInput> items = properties.objects("tasks", MAX_TASKS);
    if (items.isEmpty()) {
      throw JsonInput.missing(properties.path("tasks"));
    }
    List<TaskTemplate.Item> tasks = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    long size = 0;
    for (int i = 0; i < items.size(); i++) {
      JsonInput item = items.get(i);
      String title = item.requiredString("title", TaskInput.MAX_TITLE);
      String key = item.optionalString("key", 64);
      if (key == null) {
        key = keyOf(title, i);
      } else if (!KEY.matcher(key).matches()) {
        throw JsonInput.invalid(
            item.path("key"),
            "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
      }
      if (!keys.add(key.toLowerCase(Locale.ROOT))) {
        throw JsonInput.invalid(
            item.path(item.has("key") ? "key" : "title"),
            "gives the task the key '" + key + "', which an earlier task of the template has");
      }
      String text =
          TaskInput.checkSanitised(
              RichText.sanitize(item.optionalString("description", TaskInput.MAX_DESCRIPTION)),
              item.path("description"));
      size += title.length() + (text == null ? 0 : text.length());
      if (size > MAX_TEXT) {
        throw JsonInput.invalid(
            properties.path("tasks"),
            "are too long together: at most "
                + MAX_TEXT
                + " characters of titles and descriptions");
      }
      TaskInput.AssigneeChange assignee = TaskInput.AssigneeChange.read(item);
      Boolean mandatory = item.optionalBoolean("mandatory");
      tasks.add(
          new TaskTemplate.Item(
              key,
              title,
              text == null || text.isBlank() ? null : text,
              assignee == null || assignee.name() == null
                  ? null
                  : this.tasks.checkAssignee(workspace.id(), assignee, item.path("assignedTo")),
              TaskInput.DueChange.duration(item, "dueAfterIncidentCreated"),
              Boolean.TRUE.equals(mandatory)));
    }
    return new Content(
        displayName == null || displayName.isBlank() ? name : displayName,
        description == null || description.isBlank() ? null : description,
        List.copyOf(tasks));
  }

  /**
   * The key of a task given without one: its title in lower case with runs of other characters as
   * '-', so that the same title keeps its key from version to version; its place in the list when
   * the title has no letters or digits of that kind.
   */
  static String keyOf(String title, int index) {
    String slug =
        title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.length() > 64) {
      slug = slug.substring(0, 64).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "task-" + (index + 1) : slug;
  }

  private static void checkName(String parameter, String name) {
    if (!NAME.matcher(name).matches()) {
      throw JsonInput.invalid(
          parameter,
          "must be 1 to 128 letters, digits, '-', '_' or '.', starting with a letter or digit");
    }
  }

  @Transactional(readOnly = true)
  public TaskTemplate get(Workspace workspace, String name) {
    return find(workspace, name)
        .orElseThrow(
            () -> ApiException.notFound("The task template '" + name + "' was not found."));
  }

  /** The current version of a template, if the workspace has one of that name. */
  @Transactional(readOnly = true)
  public Optional<TaskTemplate> find(Workspace workspace, String name) {
    return templates.find(workspace.id(), workspace.securityInsightsId(), name, false);
  }

  @Transactional(readOnly = true)
  public TaskTemplate version(Workspace workspace, String name, int version) {
    return templates
        .version(workspace.id(), workspace.securityInsightsId(), name, version)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "The task template '" + name + "' has no version " + version + "."));
  }

  /** A page of a template's versions, newest first. */
  @Transactional(readOnly = true)
  public Page<TaskTemplate> versions(Workspace workspace, String name, int top, String skipToken) {
    return templates.versions(
        get(workspace, name).id(), workspace.securityInsightsId(), top, skipToken);
  }

  /** A page of the workspace's templates by name. */
  @Transactional(readOnly = true)
  public Page<TaskTemplate> list(Workspace workspace, int top, String skipToken) {
    return templates.list(workspace.id(), workspace.securityInsightsId(), top, skipToken);
  }

  /** The named templates, or every template of the workspace when {@code names} is empty. */
  @Transactional(readOnly = true)
  public List<TaskTemplate> export(Workspace workspace, List<String> names) {
    if (names.isEmpty()) {
      return templates.list(workspace.id(), workspace.securityInsightsId(), 0, null).items();
    }
    List<TaskTemplate> found = new ArrayList<>();
    for (String name : names) {
      found.add(
          find(workspace, name)
              .orElseThrow(
                  () -> JsonInput.invalid("names", "names no task template ('" + name + "')")));
    }
    return found;
  }

  /** Deletes a template with all its versions. Tasks it added stay on their incidents. */
  @Transactional
  public boolean delete(Workspace workspace, String name, Actor actor) {
    Optional<TaskTemplate> existing =
        templates.find(workspace.id(), workspace.securityInsightsId(), name, true);
    existing.ifPresent(
        template -> {
          templates.delete(template.id());
          audit.record(
              actor,
              "TaskTemplateDeleted",
              template.resourceId(),
              Map.of("version", template.version()));
        });
    return existing.isPresent();
  }

  /** What applying a template did: the tasks it added, and those the incident already had. */
  public record Applied(
      TaskTemplate template, List<IncidentTask> added, List<IncidentTask> alreadyPresent) {}

  /**
   * Adds to an open incident the tasks of a template (its current version when {@code version} is
   * null) that it does not have yet, at the end of its list in the template's order. {@code field}
   * names where the caller took the template's name from, for the 400 when there is no such
   * template. With the incident locked, two applications at once add each task once.
   */
  @Transactional
  public Applied apply(
      Workspace workspace,
      String incidentName,
      String templateName,
      Integer version,
      String field,
      Actor actor) {
    IncidentRef incident = incidents.lock(workspace, incidentName);
    if (incidents.get(workspace, incidentName).status() == IncidentStatus.Closed) {
      throw ApiException.conflict(
          "IncidentClosed",
          "The incident '"
              + incident.name()
              + "' is closed; reopen it to apply the task template '"
              + templateName
              + "'.");
    }
    TaskTemplate template =
        (version == null
                ? find(workspace, templateName)
                : templates.version(
                    workspace.id(), workspace.securityInsightsId(), templateName, version))
            .orElseThrow(
                () ->
                    JsonInput.invalid(
                        field,
                        "names no task template of the workspace ('"
                            + templateName
                            + "'"
                            + (version == null ? "" : ", version " + version)
                            + ")"));
    List<IncidentTask> added = new ArrayList<>();
    List<IncidentTask> present = new ArrayList<>();
    FieldChange origin =
        new FieldChange(
            "template", null, Map.of("name", template.name(), "version", template.version()));
    for (TaskTemplate.Item item : template.tasks()) {
      String taskName = template.taskName(item);
      Optional<IncidentTask> existing = tasks.find(incident, taskName);
      if (existing.isPresent()) {
        present.add(existing.get());
        continue;
      }
      try {
        added.add(tasks.addNamed(incident, taskName, input(item), actor, origin));
      } catch (ApiException e) {
        // The template was checked when saved, but an assignee may since have left, say.
        throw new ApiException(
            e.status(),
            e.code(),
            "The task template '"
                + template.name()
                + "' (version "
                + template.version()
                + ") cannot be applied: task '"
                + item.key()
                + "': "
                + e.getMessage());
      }
    }
    return new Applied(template, List.copyOf(added), List.copyOf(present));
  }

  private static TaskInput input(TaskTemplate.Item item) {
    return new TaskInput(
        item.title(),
        item.description(),
        TaskStatus.New,
        item.mandatory(),
        null,
        item.assignedTo() == null
            ? null
            : new TaskInput.AssigneeChange(item.assignedTo().type(), item.assignedTo().name()),
        // Without a due time of its own, a task gets the workspace's default, as any new task.
        item.dueAfterIncidentCreated() == null
            ? null
            : new TaskInput.DueChange(null, item.dueAfterIncidentCreated()));
  }
}
