package io.vigil.security;

import java.time.OffsetDateTime;

/** An API token of a user or service account; its secret is shown once and never stored. */
public record ApiToken(
    String name,
    String owner,
    String description,
    OffsetDateTime expiresTimeUtc,
    OffsetDateTime lastUsedTimeUtc,
    OffsetDateTime revokedTimeUtc,
    OffsetDateTime createdTimeUtc) {

  public boolean isValidAt(OffsetDateTime now) {
    return revokedTimeUtc == null && expiresTimeUtc.isAfter(now);
  }
}
