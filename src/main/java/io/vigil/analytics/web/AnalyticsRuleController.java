package io.vigil.analytics.web;

import io.vigil.analytics.AnalyticsRule;
import io.vigil.analytics.AnalyticsRuleInput;
import io.vigil.analytics.AnalyticsRuleService;
import io.vigil.incident.Severity;
import io.vigil.incident.Tactic;
import io.vigil.shared.Actor;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
 * {@code …/alertRules}: the catalogue part of Sentinel's analytics rules. Other properties a client
 * sends (a query, a schedule) are accepted and not kept: Vigil does not run detections.
 */
@RestController
@RequestMapping(ArmPaths.SECURITY_INSIGHTS + "/alertRules")
class AnalyticsRuleController {
  private final AnalyticsRuleService rules;

  AnalyticsRuleController(AnalyticsRuleService rules) {
    this.rules = rules;
  }

  @Requires(Capability.Read)
  @GetMapping
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        rules.list(workspace, ArmJson.top(top), skipToken).map(AnalyticsRuleController::json));
  }

  @Requires(Capability.Read)
  @GetMapping("/{ruleId}")
  Map<String, Object> get(Workspace workspace, @PathVariable String ruleId) {
    return json(rules.get(workspace, ruleId));
  }

  @Requires(Capability.Configure)
  @PutMapping("/{ruleId}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String ruleId,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    JsonInput p = input.object("properties");
    String kind = input.optionalString("kind", 32);
    p.strings("tactics", 20, 64); // checks the shape; the names are checked below
    List<String> tactics =
        IntStream.range(0, p.has("tactics") ? p.raw("tactics").size() : 0)
            .mapToObj(
                i ->
                    JsonInput.enumValue(
                            p.raw("tactics").get(i),
                            p.path("tactics") + "[" + i + "]",
                            Tactic.class)
                        .name())
            .toList();
    Boolean enabled = p.optionalBoolean("enabled");
    AnalyticsRuleInput rule =
        new AnalyticsRuleInput(
            kind == null ? "Scheduled" : kind,
            p.requiredString("displayName", 256),
            p.optionalString("description", 5000),
            p.requiredEnum("severity", Severity.class).name(),
            enabled == null || enabled,
            tactics);
    AnalyticsRuleService.Saved saved =
        rules.put(
            workspace,
            ruleId,
            rule,
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(json(saved.rule()));
  }

  @Requires(Capability.Configure)
  @DeleteMapping("/{ruleId}")
  ResponseEntity<Void> delete(Workspace workspace, @PathVariable String ruleId, Actor actor) {
    return rules.delete(workspace, ruleId, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  static Map<String, Object> json(AnalyticsRule rule) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("displayName", rule.displayName());
    ArmJson.put(p, "description", rule.description());
    p.put("severity", rule.severity());
    p.put("enabled", rule.enabled());
    p.put("tactics", rule.tactics());
    p.put("createdTimeUtc", Times.format(rule.createdTimeUtc()));
    p.put("lastModifiedUtc", Times.format(rule.lastModifiedTimeUtc()));
    Map<String, Object> resource =
        ArmJson.resource(
            rule.resourceId(),
            rule.name(),
            "Microsoft.SecurityInsights/alertRules",
            rule.etag(),
            p);
    resource.put("kind", rule.kind());
    return resource;
  }
}
