package io.vigil.incident;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a PUT of an incident says. The writable properties replace the stored ones; the provenance
 * ({@code providerName} … {@code entities}) is Vigil's ingestion extension and only ever adds:
 * alerts, entities and analytics rules already on the incident stay.
 */
public record IncidentInput(
    String title,
    String description,
    Severity severity,
    IncidentStatus status,
    Classification classification,
    ClassificationReason classificationReason,
    String classificationComment,
    Owner owner,
    List<Label> labels,
    OffsetDateTime firstActivityTimeUtc,
    OffsetDateTime lastActivityTimeUtc,
    String providerName,
    String providerIncidentId,
    List<String> relatedAnalyticRuleIds,
    List<AlertInput> alerts,
    List<EntityInput> entities) {}
