package io.vigil.playbook;

import java.util.Locale;

/**
 * A subscription and resource group: where playbooks and connections live, as in Azure. Access to
 * them follows the caller's roles in the workspaces of the same resource group.
 */
public record Scope(String subscriptionId, String resourceGroup) {
  public String key() {
    return (subscriptionId + "/" + resourceGroup).toLowerCase(Locale.ROOT);
  }

  public String prefix() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup;
  }

  public String workflowId(String name) {
    return prefix() + "/providers/Microsoft.Logic/workflows/" + name;
  }

  public String connectionId(String name) {
    return prefix() + "/providers/Microsoft.Web/connections/" + name;
  }
}
