package io.vigil.incident;

import java.time.OffsetDateTime;

/**
 * Just enough of an incident for another module to hang things off it: its identity, and the
 * severity and creation time that task due dates are reckoned from.
 */
public record IncidentRef(
    long id,
    long workspaceId,
    String name,
    String resourceId,
    Severity severity,
    OffsetDateTime createdTimeUtc) {}
