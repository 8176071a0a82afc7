package io.vigil.playbook.web;

import io.vigil.playbook.Connection;
import io.vigil.playbook.Playbook;
import io.vigil.playbook.PlaybookRun;
import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Status;
import io.vigil.shared.Etags;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Playbooks, runs, actions and connections in Logic Apps' JSON shapes. Where Logic Apps links to
 * inputs and outputs ({@code inputsLink}), Vigil puts them inline.
 */
final class PlaybookJson {
  private PlaybookJson() {}

  static Map<String, Object> playbook(Playbook p) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("provisioningState", "Succeeded");
    properties.put("createdTime", Times.format(p.createdTime()));
    properties.put("changedTime", Times.format(p.changedTime()));
    properties.put("state", p.enabled() ? "Enabled" : "Disabled");
    properties.put("version", p.etag());
    properties.put("definition", p.definition());
    properties.put("parameters", p.parameters());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", p.resourceId());
    json.put("name", p.name());
    json.put("type", "Microsoft.Logic/workflows");
    ArmJson.put(json, "location", p.location());
    json.put("etag", Etags.quoted(p.etag()));
    json.put("properties", properties);
    return json;
  }

  static Map<String, Object> run(Playbook p, PlaybookRun run) {
    Map<String, Object> properties = new LinkedHashMap<>();
    ArmJson.put(
        properties,
        "startTime",
        Times.format(run.startTime() != null ? run.startTime() : run.queuedTime()));
    ArmJson.put(properties, "endTime", Times.format(run.endTime()));
    properties.put("status", run.status().name());
    ArmJson.put(properties, "error", run.error());
    properties.put("correlation", Map.of("clientTrackingId", run.name()));
    properties.put(
        "workflow",
        Map.of("id", p.resourceId(), "name", p.name(), "type", "Microsoft.Logic/workflows"));
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("name", run.triggerName());
    trigger.put("outputs", Map.of("body", run.triggerBody()));
    properties.put("trigger", trigger);
    ArmJson.put(properties, "response", run.outputs());
    // Vigil's extension: who or what started the run.
    properties.put("requestedBy", run.requestedBy());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", p.resourceId() + "/runs/" + run.name());
    json.put("name", run.name());
    json.put("type", "Microsoft.Logic/workflows/runs");
    json.put("properties", properties);
    return json;
  }

  /**
   * One entry per action: its own record, or for an action inside loops a summary of its iterations
   * (Failed if any failed, else the last one's status) with {@code repetitionCount}.
   */
  static List<Map<String, Object>> actions(String runId, List<ActionRecord> records) {
    Map<String, List<ActionRecord>> byName = new LinkedHashMap<>();
    for (ActionRecord r : records) {
      byName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byName.forEach((name, list) -> out.add(action(runId, name, list)));
    return out;
  }

  static Map<String, Object> action(String runId, String name, List<ActionRecord> list) {
    ActionRecord own = list.stream().filter(r -> r.repetition().isEmpty()).findFirst().orElse(null);
    Map<String, Object> properties;
    if (own != null) {
      properties = record(own);
    } else {
      ActionRecord last = list.get(list.size() - 1);
      properties = new LinkedHashMap<>();
      properties.put("startTime", time(list.get(0).startTime()));
      ArmJson.put(properties, "endTime", time(last.endTime()));
      properties.put(
          "status",
          list.stream().anyMatch(r -> r.status().isFailure())
              ? Status.Failed.name()
              : last.status().name());
      properties.put("repetitionCount", list.size());
    }
    properties.put("type", list.get(0).type());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", runId + "/actions/" + name);
    json.put("name", name);
    json.put("type", "Microsoft.Logic/workflows/runs/actions");
    json.put("properties", properties);
    return json;
  }

  static Map<String, Object> repetition(String runId, ActionRecord r) {
    Map<String, Object> properties = record(r);
    List<Map<String, Object>> indexes = new ArrayList<>();
    for (String index : r.repetition().split("-")) {
      indexes.add(Map.of("itemIndex", Integer.parseInt(index)));
    }
    properties.put("repetitionIndexes", indexes);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", runId + "/actions/" + r.name() + "/repetitions/" + r.repetition());
    json.put("name", r.repetition());
    json.put("type", "Microsoft.Logic/workflows/runs/actions/repetitions");
    json.put("properties", properties);
    return json;
  }

  private static Map<String, Object> record(ActionRecord r) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("startTime", time(r.startTime()));
    ArmJson.put(properties, "endTime", time(r.endTime()));
    properties.put("status", r.status().name());
    ArmJson.put(properties, "code", r.code());
    ArmJson.put(properties, "error", r.error());
    ArmJson.put(properties, "inputs", r.inputs());
    ArmJson.put(properties, "outputs", r.outputs());
    return properties;
  }

  private static String time(Instant instant) {
    return instant == null ? null : Times.format(instant.atOffset(ZoneOffset.UTC));
  }

  static Map<String, Object> connection(Connection c) {
    Map<String, Object> properties = new LinkedHashMap<>();
    ArmJson.put(properties, "displayName", c.displayName());
    properties.put(
        "api", Map.of("name", c.api(), "id", "/providers/Microsoft.Web/managedApis/" + c.api()));
    Map<String, Object> values = new LinkedHashMap<>();
    ArmJson.put(values, "endpoint", c.endpoint());
    // The credentials themselves never leave the server; only their kind does.
    values.put("authentication", Map.of("type", c.authenticationType()));
    properties.put("parameterValues", values);
    properties.put(
        "statuses", List.of(Map.of("status", c.endpoint() == null ? "Error" : "Connected")));
    properties.put("createdTime", Times.format(c.createdTime()));
    properties.put("changedTime", Times.format(c.changedTime()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.resourceId());
    json.put("name", c.name());
    json.put("type", "Microsoft.Web/connections");
    json.put("etag", Etags.quoted(c.etag()));
    json.put("properties", properties);
    return json;
  }
}
