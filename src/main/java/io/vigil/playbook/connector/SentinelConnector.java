package io.vigil.playbook.connector;

import io.vigil.incident.Classification;
import io.vigil.incident.ClassificationReason;
import io.vigil.incident.CommentService;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentInput;
import io.vigil.incident.IncidentJson;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Label;
import io.vigil.incident.LabelType;
import io.vigil.incident.Owner;
import io.vigil.incident.OwnerType;
import io.vigil.incident.Severity;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import io.vigil.task.IncidentTask;
import io.vigil.task.TaskInput;
import io.vigil.task.TaskJson;
import io.vigil.task.TaskService;
import io.vigil.task.TaskStatus;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Microsoft Sentinel connector's operations (docs/playbooks.md), acting on Vigil's own
 * incidents, tasks, comments and entities with Sentinel's request and response shapes. The caller
 * runs it in the transaction that also records the action, so each change happens exactly once.
 */
@Component
public class SentinelConnector {
  private static final Pattern INCIDENT =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.OperationalInsights"
              + "/workspaces/([^/]+)/providers/Microsoft\\.SecurityInsights/incidents/([^/]+)"
              + "(?:/tasks/([^/]+))?/?",
          Pattern.CASE_INSENSITIVE);

  /** Entity kinds by the connector's path, with the key of the list it answers. */
  private static final Map<String, String[]> ENTITY_PATHS =
      Map.of(
          "ip", new String[] {"Ip", "IPs"},
          "host", new String[] {"Host", "Hosts"},
          "account", new String[] {"Account", "Accounts"},
          "url", new String[] {"Url", "URLs"},
          "filehash", new String[] {"FileHash", "FileHashes"},
          "dnsresolution", new String[] {"DnsResolution", "Dnsresolutions"});

  /** Entity property names whose connector spelling is not just the first letter upper-cased. */
  private static final Map<String, String> SPELLING =
      Map.of(
          "upnSuffix", "UPNSuffix",
          "ntDomain", "NTDomain",
          "puid", "PUID",
          "omsAgentID", "OMSAgentID",
          "osFamily", "OSFamily",
          "hashValue", "Value",
          "dnsDomain", "DnsDomain");

  private final WorkspaceService workspaces;
  private final IncidentService incidents;
  private final TaskService tasks;
  private final CommentService comments;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String publicUrl;

  SentinelConnector(
      WorkspaceService workspaces,
      IncidentService incidents,
      TaskService tasks,
      CommentService comments,
      ObjectMapper mapper,
      Clock clock,
      @Value("${vigil.public-url}") String publicUrl) {
    this.workspaces = workspaces;
    this.clock = clock;
    this.incidents = incidents;
    this.tasks = tasks;
    this.comments = comments;
    this.mapper = mapper;
    this.publicUrl = publicUrl;
  }

  /**
   * Performs one operation and answers its response body. {@code mayAct} says whether the playbook
   * may act on a workspace. Failures are {@link ApiException}s carrying Sentinel's status.
   */
  public JsonNode perform(
      String method, String path, JsonNode body, Actor actor, Predicate<Workspace> mayAct) {
    String p = normalPath(path);
    String m = method.toLowerCase(Locale.ROOT);
    if (p.startsWith("/entities/") && m.equals("post")) {
      return entities(p.substring("/entities/".length()), body);
    }
    return switch (m + " " + p) {
      case "post /incidents/comment" -> comment(body, actor, mayAct);
      case "put /incidents" -> update(body, actor, mayAct);
      case "post /incidents" -> getIncident(body, mayAct);
      case "post /incidents/createtask" -> createTask(body, actor, mayAct);
      case "post /incidents/completetask" -> completeTask(body, actor, mayAct);
      default ->
          throw ApiException.badRequest(
              "The Microsoft Sentinel connector has no operation '" + method + " " + path + "'.");
    };
  }

  /** Whether the operation only reads: getting an incident or listing entities. */
  public static boolean readOnly(String method, String path) {
    String p = normalPath(path);
    return method.equalsIgnoreCase("post")
        && (p.startsWith("/entities/") || p.equals("/incidents"));
  }

  private static String normalPath(String path) {
    return path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
  }

  private JsonNode entities(String kind, JsonNode body) {
    String[] names = ENTITY_PATHS.get(kind);
    if (names == null) {
      throw ApiException.badRequest("The connector cannot list entities of kind '" + kind + "'.");
    }
    JsonNode list = body.isArray() ? body : body.path("entities");
    ArrayNode out = mapper.createArrayNode();
    for (JsonNode entity : list) {
      if (entity.path("kind").asString("").equalsIgnoreCase(names[0])) {
        ObjectNode item = mapper.createObjectNode();
        entity
            .path("properties")
            .properties()
            .forEach(e -> item.set(spelling(e.getKey()), e.getValue()));
        out.add(item);
      }
    }
    ObjectNode result = mapper.createObjectNode();
    result.set(names[1], out);
    return result;
  }

  private static String spelling(String property) {
    String special = SPELLING.get(property);
    if (special != null) {
      return special;
    }
    return property.isEmpty()
        ? property
        : Character.toUpperCase(property.charAt(0)) + property.substring(1);
  }

  private JsonNode comment(JsonNode body, Actor actor, Predicate<Workspace> mayAct) {
    Target target = target(body, "incidentArmId", mayAct);
    String message = body.path("message").asString(null);
    CommentService.Saved saved =
        comments.put(
            target.workspace, target.incident, UUID.randomUUID().toString(), message, null, actor);
    Incident incident = incidents.get(target.workspace, target.incident);
    return mapper.valueToTree(IncidentJson.comment(incident, saved.comment()));
  }

  private JsonNode getIncident(JsonNode body, Predicate<Workspace> mayAct) {
    Target target = target(body, "incidentArmId", mayAct);
    return mapper.valueToTree(
        IncidentJson.incident(incidents.get(target.workspace, target.incident), publicUrl));
  }

  private JsonNode createTask(JsonNode body, Actor actor, Predicate<Workspace> mayAct) {
    Target target = target(body, "incidentArmId", mayAct);
    String title = body.path("taskTitle").asString(null);
    if (title == null || title.isBlank()) {
      throw JsonInput.missing("taskTitle");
    }
    JsonNode description = body.path("taskDescription");
    IncidentTask task =
        tasks.add(
            incidents.lock(target.workspace, target.incident),
            new TaskInput(
                title, description.isString() ? description.asString() : null, TaskStatus.New),
            actor);
    return mapper.valueToTree(TaskJson.task(task, clock.instant()));
  }

  private JsonNode completeTask(JsonNode body, Actor actor, Predicate<Workspace> mayAct) {
    Target target = target(body, "taskArmId", mayAct);
    if (target.task == null) {
      throw JsonInput.invalid("taskArmId", "must be a task's id (…/incidents/{id}/tasks/{taskId})");
    }
    IncidentTask task = tasks.complete(target.workspace, target.incident, target.task, actor);
    return mapper.valueToTree(TaskJson.task(task, clock.instant()));
  }

  /** "Update incident": each field given replaces the stored one; tags are added or removed. */
  private JsonNode update(JsonNode body, Actor actor, Predicate<Workspace> mayAct) {
    Target target = target(body, "incidentArmId", mayAct);
    Incident current = incidents.get(target.workspace, target.incident);
    Severity severity =
        body.hasNonNull("severity")
            ? JsonInput.enumValue(body.get("severity"), "severity", Severity.class)
            : current.severity();
    IncidentStatus status =
        body.hasNonNull("status")
            ? JsonInput.enumValue(body.get("status"), "status", IncidentStatus.class)
            : current.status();
    Classification classification = current.classification();
    ClassificationReason reason = current.classificationReason();
    String comment = current.classificationComment();
    JsonNode c = body.path("classification");
    if (c.hasNonNull("ClassificationAndReason")) {
      String[] parts = c.get("ClassificationAndReason").asString().split("\\s*-\\s*", 2);
      classification =
          JsonInput.enumValue(
              mapper.getNodeFactory().stringNode(parts[0]),
              "classification.ClassificationAndReason",
              Classification.class);
      reason =
          parts.length > 1
              ? JsonInput.enumValue(
                  mapper.getNodeFactory().stringNode(parts[1]),
                  "classification.ClassificationAndReason",
                  ClassificationReason.class)
              : null;
      comment = c.path("ClassificationReasonText").asString(null);
    }
    Owner owner = current.owner();
    String ownerAction = body.path("ownerAction").asString("");
    if (ownerAction.equalsIgnoreCase("Unassign")) {
      owner = Owner.UNASSIGNED;
    } else if (body.hasNonNull("owner") && !body.get("owner").asString("").isBlank()) {
      owner = owner(body.get("owner").asString());
    }
    List<Label> labels = new ArrayList<>(current.labels());
    for (JsonNode tag : body.path("tagsToAdd").path("TagsToAdd")) {
      String name = tag.path("Tag").asString("");
      if (!name.isBlank() && labels.stream().noneMatch(l -> l.labelName().equalsIgnoreCase(name))) {
        labels.add(new Label(name, LabelType.User));
      }
    }
    for (JsonNode tag : body.path("tagsToRemove").path("TagsToRemove")) {
      String name = tag.path("Tag").asString("");
      labels.removeIf(l -> l.labelName().equalsIgnoreCase(name));
    }
    IncidentInput input =
        new IncidentInput(
            body.hasNonNull("title") ? body.get("title").asString() : current.title(),
            body.hasNonNull("description")
                ? body.get("description").asString()
                : current.description(),
            severity,
            status,
            classification,
            reason,
            comment,
            owner,
            labels,
            current.firstActivityTimeUtc(),
            current.lastActivityTimeUtc(),
            null,
            null,
            List.of(),
            List.of(),
            List.of());
    Incident updated =
        incidents.put(target.workspace, target.incident, input, null, actor).incident();
    return mapper.valueToTree(IncidentJson.incident(updated, publicUrl));
  }

  private static Owner owner(String who) {
    if (who.matches(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      return new Owner(who, null, null, null, OwnerType.User);
    }
    if (who.contains("@")) {
      return new Owner(null, who, who, who, OwnerType.User);
    }
    return new Owner(null, null, who, null, OwnerType.User);
  }

  private record Target(Workspace workspace, String incident, String task) {}

  private Target target(JsonNode body, String field, Predicate<Workspace> mayAct) {
    String id = body.path(field).asString(null);
    if (id == null) {
      throw JsonInput.missing(field);
    }
    Matcher m = INCIDENT.matcher(id);
    if (!m.matches()) {
      throw JsonInput.invalid(field, "is not an incident or task ARM id");
    }
    Workspace workspace =
        workspaces
            .find(m.group(1), m.group(2), m.group(3))
            .orElseThrow(() -> workspaces.notFound(m.group(3), m.group(2), m.group(1)));
    if (!mayAct.test(workspace)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "AuthorizationFailed",
          "This playbook may not act on workspace '" + workspace.name() + "'.");
    }
    return new Target(workspace, m.group(4), m.group(5));
  }
}
