package io.vigil.shared;

/**
 * What a caller may do in a workspace. Roles grant capabilities (see the security module);
 * endpoints declare the one they need with {@link Requires}.
 */
public enum Capability {
  /** See incidents, tasks, comments, rules and everything else in the workspace. */
  Read,
  /** Manage incidents, comments and tasks, and create and edit automation rules. */
  Respond,
  /** Manage the analytics rules catalogue, playbooks and connections. */
  Configure,
  /** List and view playbooks and their runs. */
  ViewPlaybooks,
  /** Run playbooks by hand. */
  RunPlaybooks
}
