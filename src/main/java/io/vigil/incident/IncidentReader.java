package io.vigil.incident;

import io.vigil.shared.JsonInput;
import java.util.List;

/**
 * Reads an incident as a PUT body gives it ({@code {"properties": {…}}}), including Vigil's
 * ingestion extension, into an {@link IncidentInput}; every problem is a 400 naming the field.
 */
public final class IncidentReader {
  static final int MAX_LABELS = 100;
  static final int MAX_ALERTS_PER_REQUEST = 1_000;
  static final int MAX_ENTITIES_PER_REQUEST = 1_000;

  private IncidentReader() {}

  /** Reads the {@code properties} of an incident PUT; read-only properties are ignored. */
  public static IncidentInput read(JsonInput body) {
    JsonInput p = body.object("properties");
    Owner owner = p.optionalObject("owner").map(IncidentReader::owner).orElse(null);
    List<Label> labels =
        p.objects("labels", MAX_LABELS).stream()
            .map(
                l -> {
                  LabelType type = l.optionalEnum("labelType", LabelType.class);
                  return new Label(
                      l.requiredString("labelName", 256), type == null ? LabelType.User : type);
                })
            .toList();
    return new IncidentInput(
        p.requiredString("title", 1024),
        p.optionalString("description", 5000),
        p.requiredEnum("severity", Severity.class),
        p.requiredEnum("status", IncidentStatus.class),
        p.optionalEnum("classification", Classification.class),
        p.optionalEnum("classificationReason", ClassificationReason.class),
        p.optionalString("classificationComment", 5000),
        owner,
        labels,
        p.optionalDateTime("firstActivityTimeUtc"),
        p.optionalDateTime("lastActivityTimeUtc"),
        p.optionalString("providerName", 256),
        p.optionalString("providerIncidentId", 256),
        p.strings("relatedAnalyticRuleIds", 100, 1024),
        p.objects("alerts", MAX_ALERTS_PER_REQUEST).stream().map(ProvenanceReader::alert).toList(),
        p.objects("relatedEntities", MAX_ENTITIES_PER_REQUEST).stream()
            .map(ProvenanceReader::entity)
            .toList());
  }

  private static Owner owner(JsonInput o) {
    OwnerType type = o.optionalEnum("ownerType", OwnerType.class);
    Owner owner =
        new Owner(
            o.optionalUuid("objectId"),
            o.optionalString("email", 320),
            o.optionalString("assignedTo", 256),
            o.optionalString("userPrincipalName", 320),
            type == null ? OwnerType.User : type);
    return owner.isAssigned() ? owner : null;
  }
}
