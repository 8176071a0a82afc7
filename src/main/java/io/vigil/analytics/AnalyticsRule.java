package io.vigil.analytics;

import java.time.OffsetDateTime;
import java.util.List;

/** A catalogued analytics rule. {@code severity} and {@code tactics} use Sentinel's names. */
public record AnalyticsRule(
    long id,
    long workspaceId,
    String resourceId,
    String name,
    String etag,
    String kind,
    String displayName,
    String description,
    String severity,
    boolean enabled,
    List<String> tactics,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {}
