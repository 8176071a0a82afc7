package io.vigil.automation;

import io.vigil.automation.engine.CompiledRule;
import io.vigil.shared.ClientInfo;
import java.time.OffsetDateTime;
import tools.jackson.databind.node.ObjectNode;

/** A stored automation rule: its definition as returned, and its compiled form. */
public record AutomationRule(
    long id,
    long workspaceId,
    String resourceId,
    String name,
    String etag,
    ObjectNode definition,
    CompiledRule compiled,
    ClientInfo createdBy,
    ClientInfo lastModifiedBy,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {}
