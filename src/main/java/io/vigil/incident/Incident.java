package io.vigil.incident;

import java.time.OffsetDateTime;
import java.util.List;

/** An incident as stored, with its derived counts and collections. */
public record Incident(
    long id,
    long workspaceId,
    String resourceId,
    String name,
    long incidentNumber,
    String etag,
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
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc,
    String providerName,
    String providerIncidentId,
    List<String> relatedAnalyticRuleIds,
    int alertsCount,
    int commentsCount,
    List<String> alertProductNames,
    List<String> tactics,
    List<String> techniques) {

  public IncidentRef ref() {
    return new IncidentRef(id, workspaceId, name, resourceId);
  }
}
