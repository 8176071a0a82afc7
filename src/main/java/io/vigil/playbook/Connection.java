package io.vigil.playbook;

import java.time.OffsetDateTime;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection (Microsoft.Web/connections): which managed API it is for ({@code azureadip}, {@code
 * http}, …), the endpoint Vigil calls for it, and its credentials, which are kept sealed and never
 * leave the server.
 */
public record Connection(
    long id,
    Scope scope,
    String name,
    String etag,
    String api,
    String displayName,
    String endpoint,
    ObjectNode credentials,
    OffsetDateTime createdTime,
    OffsetDateTime changedTime) {

  public String resourceId() {
    return scope.connectionId(name);
  }

  /** The authentication type, for display; never the secret itself. */
  public String authenticationType() {
    return credentials == null ? "None" : credentials.path("type").asString("None");
  }
}
