package io.vigil.notification.web;

import io.vigil.notification.Notification;
import io.vigil.notification.TaskWebhook;
import io.vigil.notification.TaskWebhookService;
import io.vigil.notification.WebhookDelivery;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code …/taskWebhooks}: Vigil's outgoing webhooks for task events, with their delivery logs. A
 * webhook's URL may carry a credential of the receiver's, so even reading one needs Configure.
 */
@RestController
@Requires(Capability.Configure)
@RequestMapping(ArmPaths.SECURITY_INSIGHTS + "/taskWebhooks")
class TaskWebhookController {
  private static final String TYPE = "Microsoft.SecurityInsights/taskWebhooks";

  private final TaskWebhookService webhooks;

  TaskWebhookController(TaskWebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @GetMapping
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        webhooks.list(workspace, ArmJson.top(top), skipToken).map(w -> json(workspace, w)));
  }

  @GetMapping("/{name}")
  Map<String, Object> get(Workspace workspace, @PathVariable String name) {
    return json(workspace, webhooks.get(workspace, name));
  }

  @PutMapping("/{name}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String name,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    JsonInput input = JsonInput.body(body);
    JsonInput p = input.object("properties");
    List<String> names = p.strings("eventTypes", 10, 64);
    Set<Notification.Kind> eventTypes = EnumSet.noneOf(Notification.Kind.class);
    for (int i = 0; i < names.size(); i++) {
      eventTypes.add(
          JsonInput.enumValue(
              p.raw("eventTypes").get(i),
              p.path("eventTypes") + "[" + i + "]",
              Notification.Kind.class));
    }
    Boolean enabled = p.optionalBoolean("enabled");
    TaskWebhookService.Saved saved =
        webhooks.put(
            workspace,
            name,
            new TaskWebhookService.Input(
                p.requiredString("url", 2048),
                eventTypes,
                enabled == null || enabled,
                p.optionalString("secret", TaskWebhookService.MAX_SECRET)),
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)));
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(json(workspace, saved.webhook()));
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(Workspace workspace, @PathVariable String name) {
    return webhooks.delete(workspace, name)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  @GetMapping("/{name}/deliveries")
  ListBody<Map<String, Object>> deliveries(
      Workspace workspace,
      @PathVariable String name,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    String webhookId = id(workspace, webhooks.get(workspace, name).name());
    return ListBody.of(
        webhooks
            .deliveries(workspace, name, ArmJson.top(top), skipToken)
            .map(d -> delivery(webhookId, d)));
  }

  private static String id(Workspace workspace, String name) {
    return workspace.securityInsightsId() + "/taskWebhooks/" + name;
  }

  /** A webhook as the API shows it: never its secret, only that it has one. */
  private static Map<String, Object> json(Workspace workspace, TaskWebhook w) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("url", w.url());
    p.put("eventTypes", w.eventTypes().stream().map(Enum::name).toList());
    p.put("enabled", w.enabled());
    p.put("secretSet", true);
    p.put("createdTimeUtc", Times.format(w.createdTimeUtc()));
    p.put("lastModifiedTimeUtc", Times.format(w.lastModifiedTimeUtc()));
    return ArmJson.resource(id(workspace, w.name()), w.name(), TYPE, w.etag(), p);
  }

  private static Map<String, Object> delivery(String webhookId, WebhookDelivery d) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("eventType", d.eventType().name());
    p.put("incidentName", d.incidentName());
    p.put("taskName", d.taskName());
    p.put("status", d.status().name());
    p.put("createdTimeUtc", Times.format(d.createdTimeUtc()));
    ArmJson.put(p, "nextAttemptTimeUtc", Times.format(d.nextAttemptTimeUtc()));
    p.put(
        "attempts",
        d.attempts().stream()
            .map(
                a -> {
                  Map<String, Object> attempt = new LinkedHashMap<>();
                  attempt.put("attempt", a.attempt());
                  attempt.put("timeUtc", Times.format(a.timeUtc()));
                  if (a.statusCode() != 0) {
                    attempt.put("statusCode", a.statusCode());
                  }
                  ArmJson.put(attempt, "error", a.error());
                  return attempt;
                })
            .toList());
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", webhookId + "/deliveries/" + d.deliveryId());
    resource.put("name", d.deliveryId());
    resource.put("type", TYPE + "/deliveries");
    resource.put("properties", p);
    return resource;
  }
}
