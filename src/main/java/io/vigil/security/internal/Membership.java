package io.vigil.security.internal;

import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.WorkspaceMembers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The accounts and roles of workspaces as other modules see them. Administrators count as members
 * of every workspace, as they may act in all of them.
 */
@Component
class Membership implements WorkspaceMembers {
  private final UserRepository users;
  private final RoleAssignmentRepository assignments;

  Membership(UserRepository users, RoleAssignmentRepository assignments) {
    this.users = users;
    this.assignments = assignments;
  }

  @Override
  public Optional<Account> account(String username) {
    return users.findByUsername(username).map(Membership::account);
  }

  @Override
  public boolean holdsRole(String username, long workspaceId) {
    return users.findByUsername(username).map(VigilUser::administrator).orElse(false)
        || !assignments.roles(username, workspaceId).isEmpty();
  }

  @Override
  public List<Account> members(long workspaceId) {
    Set<String> holders = Set.copyOf(assignments.holders(workspaceId));
    return accounts(u -> u.administrator() || holders.contains(key(u)));
  }

  @Override
  public List<Account> holders(String role, long workspaceId) {
    Set<String> holders = Set.copyOf(assignments.holders(workspaceId, Role.valueOf(role)));
    return accounts(u -> holders.contains(key(u)));
  }

  private List<Account> accounts(Predicate<VigilUser> filter) {
    return users.list().stream().filter(filter).map(Membership::account).toList();
  }

  private static String key(VigilUser user) {
    return user.username().toLowerCase(Locale.ROOT);
  }

  @Override
  public List<String> roles() {
    return Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toList());
  }

  private static Account account(VigilUser user) {
    return new Account(user.username(), user.displayName(), user.enabled());
  }
}
