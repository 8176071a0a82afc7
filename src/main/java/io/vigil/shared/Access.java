package io.vigil.shared;

/**
 * What the caller of the current request may do where an endpoint's own path does not say it: for
 * example whether the caller of {@code runPlaybook} may see the playbook it names, which lives in
 * another resource group. Implemented by the security module.
 */
public interface Access {
  /** Whether the caller holds {@code capability} in some workspace of the resource group. */
  boolean inResourceGroup(String subscriptionId, String resourceGroup, Capability capability);
}
