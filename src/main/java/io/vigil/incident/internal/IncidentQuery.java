package io.vigil.incident.internal;

import io.vigil.incident.Classification;
import io.vigil.incident.ClassificationReason;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.OwnerType;
import io.vigil.incident.Severity;
import io.vigil.shared.ApiException;
import io.vigil.shared.SortOrder;
import io.vigil.shared.odata.FieldType;
import io.vigil.shared.odata.FilterException;
import io.vigil.shared.odata.FilterParser;
import io.vigil.shared.odata.FilterSchema;
import io.vigil.shared.odata.SqlFilter;
import io.vigil.shared.odata.SqlFragment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the SQL of an incident list: {@code $filter} over Sentinel's property paths, one {@code
 * $orderby} key with {@code incidentNumber} as tie-breaker, and keyset paging — the page after a
 * {@code $skipToken} starts where the previous one ended, through an index, however deep it is.
 */
public final class IncidentQuery {

  /** The sort keys of the list, each backed by an index ending in the incident number. */
  enum SortKey {
    CREATED("properties/createdTimeUtc", "i.created_time"),
    MODIFIED("properties/lastModifiedTimeUtc", "i.last_modified_time"),
    NUMBER("properties/incidentNumber", "i.incident_number"),
    SEVERITY("properties/severity", "i.severity_rank");

    final String path;
    final String column;

    SortKey(String path, String column) {
      this.path = path;
      this.column = column;
    }

    boolean isTime() {
      return this == CREATED || this == MODIFIED;
    }

    /** The value of this key in a row, as the skip token stores it. */
    String valueOf(Incident incident) {
      return switch (this) {
        case CREATED -> micros(incident.createdTimeUtc());
        case MODIFIED -> micros(incident.lastModifiedTimeUtc());
        case NUMBER -> String.valueOf(incident.incidentNumber());
        case SEVERITY -> String.valueOf(incident.severity().rank());
      };
    }
  }

  private static final FilterSchema SCHEMA =
      FilterSchema.builder()
          .field("name", "i.name", FieldType.STRING)
          .field("properties/title", "i.title", FieldType.STRING)
          .field("properties/description", "i.description", FieldType.STRING)
          .enumField("properties/severity", "i.severity", names(Severity.values()))
          .enumField("properties/status", "i.status", names(IncidentStatus.values()))
          .enumField(
              "properties/classification", "i.classification", names(Classification.values()))
          .enumField(
              "properties/classificationReason",
              "i.classification_reason",
              names(ClassificationReason.values()))
          .field("properties/owner/assignedTo", "i.owner_assigned_to", FieldType.STRING)
          .field("properties/owner/email", "i.owner_email", FieldType.STRING)
          .field("properties/owner/objectId", "i.owner_object_id", FieldType.STRING)
          .field("properties/owner/userPrincipalName", "i.owner_upn", FieldType.STRING)
          .enumField("properties/owner/ownerType", "i.owner_type", names(OwnerType.values()))
          .field("properties/incidentNumber", "i.incident_number", FieldType.NUMBER)
          .field("properties/createdTimeUtc", "i.created_time", FieldType.TIMESTAMP)
          .field("properties/lastModifiedTimeUtc", "i.last_modified_time", FieldType.TIMESTAMP)
          .field("properties/firstActivityTimeUtc", "i.first_activity_time", FieldType.TIMESTAMP)
          .field("properties/lastActivityTimeUtc", "i.last_activity_time", FieldType.TIMESTAMP)
          .field("properties/providerName", "i.provider_name", FieldType.STRING)
          .field("properties/providerIncidentId", "i.provider_incident_id", FieldType.STRING)
          .collection(
              "properties/labels",
              "EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND %s)",
              FilterSchema.builder().field("labelName", "l.name", FieldType.STRING).build())
          .build();

  private final SortOrder<SortKey> order;
  private final String sql;
  private final List<Object> params;
  private final int top;

  private IncidentQuery(SortOrder<SortKey> order, String sql, List<Object> params, int top) {
    this.order = order;
    this.sql = sql;
    this.params = params;
    this.top = top;
  }

  /** Parses the query options of a list request, answering 400 naming what is wrong. */
  public static IncidentQuery of(
      long workspaceId, String filter, String orderBy, int top, String skipToken) {
    StringBuilder where = new StringBuilder("i.workspace_id = ?");
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    if (filter != null && !filter.isBlank()) {
      try {
        SqlFragment fragment = SqlFilter.toSql(FilterParser.parse(filter), SCHEMA);
        where.append(" AND ").append(fragment.sql());
        params.addAll(fragment.parameters());
      } catch (FilterException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    SortOrder<SortKey> order =
        SortOrder.parse(
            orderBy, SortKey.class, k -> k.path, new SortOrder<>(SortKey.CREATED, true));
    SortKey key = order.key();
    if (skipToken != null && !skipToken.isBlank()) {
      List<String> values = order.values(skipToken, 2);
      try {
        Object last = key.isTime() ? fromMicros(values.get(0)) : Long.parseLong(values.get(0));
        long lastNumber = Long.parseLong(values.get(1));
        where
            .append(" AND (")
            .append(key.column)
            .append(", i.incident_number) ")
            .append(order.descending() ? "<" : ">")
            .append(" (?, ?)");
        params.add(last);
        params.add(lastNumber);
      } catch (RuntimeException e) {
        throw ApiException.badRequest(
            "The $skipToken is not valid; use the nextLink of the previous page unchanged.");
      }
    }
    String sql =
        IncidentRepository.SELECT
            + " WHERE "
            + where
            + " ORDER BY "
            + key.column
            + order.sql()
            + ", i.incident_number"
            + order.sql()
            + " LIMIT "
            + (top + 1);
    return new IncidentQuery(order, sql, params, top);
  }

  public String sql() {
    return sql;
  }

  public List<Object> params() {
    return params;
  }

  public int top() {
    return top;
  }

  /** The token of the page after {@code rows} (fetched with one row to spare), or null. */
  public String nextToken(List<Incident> rows) {
    if (rows.size() <= top) {
      return null;
    }
    Incident last = rows.get(top - 1);
    return order.token(order.key().valueOf(last), String.valueOf(last.incidentNumber()));
  }

  private static String micros(OffsetDateTime time) {
    Instant instant = time.toInstant();
    return String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
  }

  private static OffsetDateTime fromMicros(String micros) {
    return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
