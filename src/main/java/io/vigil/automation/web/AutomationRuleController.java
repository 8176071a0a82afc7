package io.vigil.automation.web;

import io.vigil.automation.AutomationDryRun;
import io.vigil.automation.AutomationHistory;
import io.vigil.automation.AutomationRule;
import io.vigil.automation.AutomationRuleService;
import io.vigil.incident.IncidentReader;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ArmPaths;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code …/automationRules} in Sentinel's shape, plus Vigil's dry run and the automation history of
 * incidents.
 */
@RestController
class AutomationRuleController {
  private static final String RULES = ArmPaths.SECURITY_INSIGHTS + "/automationRules";

  private final AutomationRuleService rules;
  private final AutomationDryRun dryRun;
  private final AutomationHistory history;

  AutomationRuleController(
      AutomationRuleService rules, AutomationDryRun dryRun, AutomationHistory history) {
    this.rules = rules;
    this.dryRun = dryRun;
    this.history = history;
  }

  @Requires(Capability.Read)
  @GetMapping(RULES)
  ListBody<Map<String, Object>> list(
      Workspace workspace,
      @RequestParam(name = "$filter", required = false) String filter,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        rules
            .list(workspace, filter, ArmJson.top(top), skipToken)
            .map(AutomationRuleController::json));
  }

  @Requires(Capability.Read)
  @GetMapping(RULES + "/{ruleId}")
  Map<String, Object> get(Workspace workspace, @PathVariable String ruleId) {
    return json(rules.get(workspace, ruleId));
  }

  @Requires(Capability.Respond)
  @PutMapping(RULES + "/{ruleId}")
  ResponseEntity<Map<String, Object>> put(
      Workspace workspace,
      @PathVariable String ruleId,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    JsonInput input = JsonInput.body(body);
    AutomationRuleService.Saved saved =
        rules.put(
            workspace,
            ruleId,
            input,
            ArmJson.expectedEtag(ifMatch, input.optionalString("etag", 256)),
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(json(saved.rule()));
  }

  @Requires(Capability.Respond)
  @DeleteMapping(RULES + "/{ruleId}")
  ResponseEntity<Void> delete(Workspace workspace, @PathVariable String ruleId, Actor actor) {
    return rules.delete(workspace, ruleId, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  /**
   * Vigil's dry run: {@code {"incidentId": "…"}} or {@code {"incident": {"properties": …}}}, with
   * an optional {@code trigger} (IncidentCreated, IncidentUpdated, AlertCreated) and an optional
   * draft {@code rule} ({@code {"name": …, "properties": …}}) tested as if it were saved.
   */
  @Requires(Capability.Read)
  @PostMapping(ArmPaths.SECURITY_INSIGHTS + "/automationDryRun")
  Map<String, Object> dryRun(Workspace workspace, @RequestBody(required = false) JsonNode body) {
    JsonInput input = JsonInput.body(body);
    String incidentId = input.optionalString("incidentId", 256);
    AutomationDryRun.Request request =
        new AutomationDryRun.Request(
            incidentId,
            incidentId == null
                ? IncidentReader.read(
                    input
                        .optionalObject("incident")
                        .orElseThrow(
                            () ->
                                ApiException.badRequest("Give either 'incidentId' or 'incident'.")))
                : null,
            AutomationDryRun.trigger(input),
            input.optionalString("alertId", 256),
            input
                .optionalObject("rule")
                .map(
                    rule ->
                        rules.draft(
                            Objects.requireNonNullElse(rule.optionalString("name", 256), "draft"),
                            rule))
                .orElse(null));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("trigger", request.trigger().kind().name());
    result.put("rules", dryRun.run(workspace, request));
    return result;
  }

  /** Vigil's extension: which rules ran on an incident, when, and what each action did. */
  @Requires(Capability.Read)
  @GetMapping(ArmPaths.SECURITY_INSIGHTS + "/incidents/{incidentId}/automationRuns")
  ListBody<Object> runs(
      Workspace workspace,
      @PathVariable String incidentId,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        history.runs(workspace, incidentId, ArmJson.top(top), skipToken).map(run -> run));
  }

  static Map<String, Object> json(AutomationRule rule) {
    ObjectNode properties = rule.definition().deepCopy();
    properties.put("createdTimeUtc", Times.format(rule.createdTimeUtc()));
    properties.put("lastModifiedTimeUtc", Times.format(rule.lastModifiedTimeUtc()));
    Map<String, Object> p = new LinkedHashMap<>();
    properties.properties().forEach(e -> p.put(e.getKey(), e.getValue()));
    p.put("createdBy", ArmJson.clientInfo(rule.createdBy()));
    p.put("lastModifiedBy", ArmJson.clientInfo(rule.lastModifiedBy()));
    return ArmJson.resource(
        rule.resourceId(),
        rule.name(),
        "Microsoft.SecurityInsights/automationRules",
        rule.etag(),
        p);
  }
}
