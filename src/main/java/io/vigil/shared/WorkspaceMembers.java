package io.vigil.shared;

import java.util.List;
import java.util.Optional;

/**
 * The accounts and roles of a workspace, for modules that name people or groups (a task's assignee)
 * without depending on how accounts are kept. Implemented by the security module.
 */
public interface WorkspaceMembers {
  /** An account: its user name as stored, its display name, and whether it may sign in. */
  record Account(String username, String displayName, boolean enabled) {}

  /** The account called {@code username}, ignoring letter case. */
  Optional<Account> account(String username);

  /** Whether the account holds at least one role in the workspace. */
  boolean holdsRole(String username, long workspaceId);

  /** The accounts that hold at least one role in the workspace, by user name. */
  List<Account> members(long workspaceId);

  /**
   * The accounts granted {@code role} (one of {@link #roles()}) in the workspace itself, by user
   * name; administrators are left out unless they were granted it there.
   */
  List<Account> holders(String role, long workspaceId);

  /** The names of the roles Vigil grants in a workspace, in their spelling. */
  List<String> roles();
}
