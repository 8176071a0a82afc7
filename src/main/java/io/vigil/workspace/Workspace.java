package io.vigil.workspace;

import java.time.OffsetDateTime;

/** A workspace, with the spelling of its path as it was created. */
public record Workspace(
    long id,
    String subscriptionId,
    String resourceGroup,
    String name,
    String customerId,
    OffsetDateTime createdTime) {

  /** The workspace's own ARM id. */
  public String resourceId() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.OperationalInsights/workspaces/"
        + name;
  }

  /** The prefix of every Microsoft.SecurityInsights resource id in this workspace. */
  public String securityInsightsId() {
    return resourceId() + "/providers/Microsoft.SecurityInsights";
  }
}
