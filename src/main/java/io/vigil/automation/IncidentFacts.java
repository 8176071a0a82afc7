package io.vigil.automation;

import io.vigil.automation.engine.Facts;
import io.vigil.automation.engine.Property;
import io.vigil.incident.EntityKind;
import io.vigil.incident.Incident;
import io.vigil.incident.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds the {@link Facts} conditions are tested against from an incident and what it holds. */
final class IncidentFacts {
  private IncidentFacts() {}

  /** An entity of any origin: stored, or in a dry-run body. */
  record EntityFact(EntityKind kind, JsonNode properties) {}

  static Facts of(
      Incident incident,
      List<EntityFact> entities,
      List<JsonNode> alerts,
      String updatedBySource,
      JsonNode triggeringAlert) {
    Facts.Builder facts =
        Facts.builder()
            .add(Property.IncidentTitle, incident.title())
            .add(Property.IncidentDescription, incident.description())
            .add(Property.IncidentSeverity, incident.severity().name())
            .add(Property.IncidentStatus, incident.status().name())
            .addAll(Property.IncidentRelatedAnalyticRuleIds, incident.relatedAnalyticRuleIds())
            .addAll(Property.IncidentTactics, incident.tactics())
            .addAll(
                Property.IncidentLabel, incident.labels().stream().map(Label::labelName).toList())
            .add(Property.IncidentProviderName, incident.providerName())
            .add(Property.IncidentUpdatedBySource, updatedBySource)
            .addAll(Property.AlertProductNames, incident.alertProductNames());
    List<String> alertRuleIds = new ArrayList<>();
    for (JsonNode alert : alerts) {
      String ruleId = alert.path("analyticRuleId").asString(null);
      if (ruleId != null) {
        alertRuleIds.add(ruleId);
      }
      for (Map.Entry<String, JsonNode> detail : alert.path("customDetails").properties()) {
        List<String> values = new ArrayList<>();
        if (detail.getValue().isArray()) {
          detail.getValue().forEach(v -> values.add(v.asString()));
        } else {
          values.add(detail.getValue().asString());
        }
        facts.customDetail(detail.getKey(), values);
      }
    }
    facts.addAll(Property.AlertAnalyticRuleIds, alertRuleIds);
    if (triggeringAlert != null) {
      // An alert rule sees the alert's own product and analytics rule.
      facts.set(Property.AlertProductNames, optional(triggeringAlert, "productName"));
      facts.set(Property.AlertAnalyticRuleIds, optional(triggeringAlert, "analyticRuleId"));
    }
    for (EntityFact entity : entities) {
      facts.entity(entity.kind(), entity.properties());
    }
    return facts.build();
  }

  private static List<String> optional(JsonNode node, String field) {
    String value = node.path(field).asString(null);
    return value == null ? List.of() : List.of(value);
  }
}
