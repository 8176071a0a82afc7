package io.vigil.task;

import static io.vigil.shared.web.ArmJson.clientInfo;

import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Task templates as JSON: the API's resource shape, the export document, and stored tasks. */
public final class TaskTemplateJson {
  public static final String TYPE = "Microsoft.SecurityInsights/taskTemplates";

  private TaskTemplateJson() {}

  /** The template resource: {@code {id, name, type, etag, properties}}. */
  public static Map<String, Object> template(TaskTemplate template) {
    Map<String, Object> p = content(template);
    p.put("createdBy", clientInfo(template.createdBy()));
    p.put("createdTimeUtc", Times.format(template.createdTimeUtc()));
    p.put("lastModifiedBy", clientInfo(template.lastModifiedBy()));
    p.put("lastModifiedTimeUtc", Times.format(template.lastModifiedTimeUtc()));
    return ArmJson.resource(template.resourceId(), template.name(), TYPE, template.etag(), p);
  }

  /**
   * A version kept in the template's history, {@code …/taskTemplates/{name}/versions/{n}}; it never
   * changes, so it has no etag.
   */
  public static Map<String, Object> version(TaskTemplate version) {
    Map<String, Object> p = content(version);
    p.put("createdBy", clientInfo(version.lastModifiedBy()));
    p.put("createdTimeUtc", Times.format(version.lastModifiedTimeUtc()));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", version.resourceId() + "/versions/" + version.version());
    resource.put("name", String.valueOf(version.version()));
    resource.put("type", TYPE + "/versions");
    resource.put("properties", p);
    return resource;
  }

  /**
   * The export document, which {@code importTaskTemplates} takes back: {@code {"templates":
   * [{"name", "properties": {displayName, description, version, tasks}}]}}.
   */
  public static Map<String, Object> export(List<TaskTemplate> templates) {
    return Map.of(
        "templates",
        templates.stream()
            .map(t -> Map.<String, Object>of("name", t.name(), "properties", content(t)))
            .toList());
  }

  private static Map<String, Object> content(TaskTemplate template) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("displayName", template.displayName());
    ArmJson.put(p, "description", template.description());
    p.put("version", template.version());
    p.put("tasks", tasks(template.tasks()));
    return p;
  }

  /** The tasks as the API shows them and the database stores them. */
  public static List<Map<String, Object>> tasks(List<TaskTemplate.Item> items) {
    return items.stream().map(TaskTemplateJson::item).toList();
  }

  private static Map<String, Object> item(TaskTemplate.Item item) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("key", item.key());
    t.put("title", item.title());
    ArmJson.put(t, "description", item.description());
    if (item.assignedTo() != null) {
      t.put("assignedTo", TaskJson.assignee(item.assignedTo()));
    }
    if (item.dueAfterIncidentCreated() != null) {
      t.put("dueAfterIncidentCreated", item.dueAfterIncidentCreated().toString());
    }
    t.put("mandatory", item.mandatory());
    return t;
  }

  /** Tasks as {@link #tasks} wrote them; stored tasks were checked when they were saved. */
  public static List<TaskTemplate.Item> stored(JsonNode tasks) {
    return tasks
        .valueStream()
        .map(
            t -> {
              JsonNode a = t.path("assignedTo");
              return new TaskTemplate.Item(
                  t.path("key").asString(),
                  t.path("title").asString(),
                  t.path("description").asString(null),
                  a.isMissingNode()
                      ? null
                      : new IncidentTask.Assignee(
                          IncidentTask.Assignee.Type.valueOf(a.path("type").asString()),
                          a.path("name").asString(),
                          a.path("displayName").asString(null)),
                  t.has("dueAfterIncidentCreated")
                      ? Duration.parse(t.path("dueAfterIncidentCreated").asString())
                      : null,
                  t.path("mandatory").asBoolean());
            })
        .toList();
  }
}
