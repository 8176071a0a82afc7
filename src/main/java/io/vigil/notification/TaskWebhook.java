package io.vigil.notification;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * An outgoing webhook of a workspace: where the events of {@code eventTypes} are POSTed while it is
 * enabled. Its signing secret is kept sealed apart from it and never read back out.
 */
public record TaskWebhook(
    long id,
    long workspaceId,
    String name,
    String etag,
    String url,
    Set<Notification.Kind> eventTypes,
    boolean enabled,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {}
