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
    int tasksCount,
    int completedTasksCount,
    List<String> alertProductNames,
    List<String> tactics,
    List<String> techniques) {

  public IncidentRef ref() {
    return new IncidentRef(id, workspaceId, name, resourceId, severity, createdTimeUtc);
  }

  /** The incident as read: its row with its labels and task counts, which are read separately. */
  public Incident withLabelsAndTaskCounts(
      List<Label> newLabels, int newTasksCount, int newCompletedTasksCount) {
    return new Incident(
        id,
        workspaceId,
        resourceId,
        name,
        incidentNumber,
        etag,
        title,
        description,
        severity,
        status,
        classification,
        classificationReason,
        classificationComment,
        owner,
        newLabels,
        firstActivityTimeUtc,
        lastActivityTimeUtc,
        createdTimeUtc,
        lastModifiedTimeUtc,
        providerName,
        providerIncidentId,
        relatedAnalyticRuleIds,
        alertsCount,
        commentsCount,
        newTasksCount,
        newCompletedTasksCount,
        alertProductNames,
        tactics,
        techniques);
  }

  /** The same incident with other values of the properties automation may change. */
  public Incident with(
      Severity newSeverity,
      IncidentStatus newStatus,
      Classification newClassification,
      ClassificationReason newReason,
      String newComment,
      Owner newOwner,
      List<Label> newLabels) {
    return new Incident(
        id,
        workspaceId,
        resourceId,
        name,
        incidentNumber,
        etag,
        title,
        description,
        newSeverity,
        newStatus,
        newClassification,
        newReason,
        newComment,
        newOwner,
        newLabels,
        firstActivityTimeUtc,
        lastActivityTimeUtc,
        createdTimeUtc,
        lastModifiedTimeUtc,
        providerName,
        providerIncidentId,
        relatedAnalyticRuleIds,
        alertsCount,
        commentsCount,
        tasksCount,
        completedTasksCount,
        alertProductNames,
        tactics,
        techniques);
  }
}
