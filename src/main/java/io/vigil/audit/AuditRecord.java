package io.vigil.audit;

import io.vigil.shared.Actor;
import java.time.OffsetDateTime;
import java.util.Map;

/** One write, as the audit trail keeps it. */
public record AuditRecord(
    long id,
    OffsetDateTime occurredTimeUtc,
    Actor actor,
    String token,
    String clientAddress,
    String action,
    String resourceId,
    Map<String, Object> changes) {}
