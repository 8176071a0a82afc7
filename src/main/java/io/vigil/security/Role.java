package io.vigil.security;

import io.vigil.shared.Capability;
import java.util.EnumSet;
import java.util.Set;

/**
 * Sentinel's roles, granted per workspace and cumulative: a Responder can do what a Reader can, a
 * Contributor what a Responder can. A Playbook Operator lists, views and runs playbooks.
 */
public enum Role {
  Reader(EnumSet.of(Capability.Read)),
  Responder(EnumSet.of(Capability.Read, Capability.Respond)),
  Contributor(EnumSet.allOf(Capability.class)),
  PlaybookOperator(EnumSet.of(Capability.ViewPlaybooks, Capability.RunPlaybooks));

  private final Set<Capability> capabilities;

  Role(Set<Capability> capabilities) {
    this.capabilities = capabilities;
  }

  public Set<Capability> capabilities() {
    return capabilities;
  }
}
