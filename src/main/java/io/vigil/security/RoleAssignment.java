package io.vigil.security;

import java.time.OffsetDateTime;

/** A role a user holds in one workspace. */
public record RoleAssignment(
    String name, String principal, long workspaceId, Role role, OffsetDateTime createdTimeUtc) {}
