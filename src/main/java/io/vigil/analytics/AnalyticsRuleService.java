package io.vigil.analytics;

import io.vigil.analytics.internal.AnalyticsRuleRepository;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentService;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The analytics rules catalogue of each workspace. */
@Service
public class AnalyticsRuleService {
  private final AnalyticsRuleRepository rules;
  private final AuditTrail audit;
  private final Clock clock;

  AnalyticsRuleService(AnalyticsRuleRepository rules, AuditTrail audit, Clock clock) {
    this.rules = rules;
    this.audit = audit;
    this.clock = clock;
  }

  /** The result of a create-or-update. */
  public record Saved(AnalyticsRule rule, boolean created) {}

  @Transactional
  public Saved put(
      Workspace workspace,
      String name,
      AnalyticsRuleInput input,
      String expectedEtag,
      Actor actor) {
    IncidentService.checkName("ruleId", name);
    Optional<AnalyticsRule> existing =
        rules.find(workspace.id(), workspace.securityInsightsId(), name, true);
    Etags.check(expectedEtag, existing.map(AnalyticsRule::etag).orElse(null));
    OffsetDateTime now = Times.utc(clock.instant());
    AnalyticsRule rule =
        new AnalyticsRule(
            existing.map(AnalyticsRule::id).orElse(0L),
            workspace.id(),
            workspace.securityInsightsId() + "/alertRules/" + name,
            existing.map(AnalyticsRule::name).orElse(name),
            Etags.next(),
            input.kind(),
            input.displayName(),
            input.description(),
            input.severity(),
            input.enabled(),
            input.tactics(),
            existing.map(AnalyticsRule::createdTimeUtc).orElse(now),
            now);
    if (existing.isEmpty()) {
      rules.insert(rule);
    } else {
      rules.update(rule);
    }
    audit.record(
        actor,
        existing.isEmpty() ? "AnalyticsRuleCreated" : "AnalyticsRuleUpdated",
        rule.resourceId(),
        Map.of(
            "properties",
            AuditTrail.change(
                existing.map(AnalyticsRuleService::summary).orElse(null), summary(rule))));
    return new Saved(find(workspace, name).orElseThrow(), existing.isEmpty());
  }

  public Optional<AnalyticsRule> find(Workspace workspace, String name) {
    return rules.find(workspace.id(), workspace.securityInsightsId(), name, false);
  }

  public AnalyticsRule get(Workspace workspace, String name) {
    return find(workspace, name)
        .orElseThrow(
            () -> ApiException.notFound("The analytics rule '" + name + "' was not found."));
  }

  @Transactional
  public boolean delete(Workspace workspace, String name, Actor actor) {
    Optional<AnalyticsRule> existing =
        rules.find(workspace.id(), workspace.securityInsightsId(), name, true);
    existing.ifPresent(
        rule -> {
          rules.delete(rule.id());
          audit.record(
              actor,
              "AnalyticsRuleDeleted",
              rule.resourceId(),
              Map.of("properties", summary(rule)));
        });
    return existing.isPresent();
  }

  public Page<AnalyticsRule> list(Workspace workspace, int top, String skipToken) {
    return rules.list(workspace.id(), workspace.securityInsightsId(), top, skipToken);
  }

  private static Map<String, Object> summary(AnalyticsRule rule) {
    Map<String, Object> summary = new java.util.LinkedHashMap<>();
    summary.put("displayName", rule.displayName());
    summary.put("description", rule.description());
    summary.put("severity", rule.severity());
    summary.put("enabled", rule.enabled());
    summary.put("tactics", rule.tactics());
    return summary;
  }
}
