package io.vigil.incident;

import io.vigil.shared.ClientInfo;
import java.time.OffsetDateTime;

/** A comment on an incident; {@code message} is sanitised HTML. */
public record Comment(
    long id,
    String name,
    String etag,
    String message,
    ClientInfo author,
    OffsetDateTime createdTimeUtc,
    OffsetDateTime lastModifiedTimeUtc) {}
