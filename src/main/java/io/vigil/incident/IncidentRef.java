package io.vigil.incident;

/** Just enough of an incident for another module to hang things off it. */
public record IncidentRef(long id, long workspaceId, String name, String resourceId) {}
