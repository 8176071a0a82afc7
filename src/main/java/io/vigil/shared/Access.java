package io.vigil.shared;

import java.util.Map;
import java.util.Set;

/**
 * What the caller of the current request may do where an endpoint's own path does not say it: for
 * example whether the caller of {@code runPlaybook} may see the playbook it names, which lives in
 * another resource group, or which workspaces a queue that spans them may show. Implemented by the
 * security module.
 */
public interface Access {
  /** Whether the caller holds {@code capability} in some workspace of the resource group. */
  boolean inResourceGroup(String subscriptionId, String resourceGroup, Capability capability);

  /** Whether the caller holds {@code capability} in the workspace with this id. */
  boolean inWorkspace(long workspaceId, Capability capability);

  /** Where the caller may read, as {@link #reach()} answers it. */
  record Reach(boolean everywhere, Map<Long, Set<String>> roles) {
    /** Whether the caller may read the workspace with this id. */
    public boolean reads(long workspaceId) {
      return everywhere || roles.containsKey(workspaceId);
    }
  }

  /**
   * The workspaces the caller may read, by id, each with the names of the roles the caller holds
   * there. An administrator reads {@code everywhere}, yet holds only the roles assigned to them.
   */
  Reach reach();
}
