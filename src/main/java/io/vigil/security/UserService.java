package io.vigil.security;

import io.vigil.audit.AuditTrail;
import io.vigil.security.internal.RoleAssignmentRepository;
import io.vigil.security.internal.UserRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Local accounts and their role assignments, managed by administrators. */
@Service
public class UserService {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
  private static final Pattern WORKSPACE_ID =
      Pattern.compile(
          "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
              + "Microsoft\\.OperationalInsights/workspaces/([^/]+)");
  private static final Set<String> COMMON =
      Set.of("password1234", "123456789012", "qwertyuiopas", "administrator", "letmein12345");

  private final UserRepository users;
  private final RoleAssignmentRepository assignments;
  private final WorkspaceService workspaces;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private final AuditTrail audit;

  UserService(
      UserRepository users,
      RoleAssignmentRepository assignments,
      WorkspaceService workspaces,
      PasswordEncoder encoder,
      Clock clock,
      AuditTrail audit) {
    this.users = users;
    this.assignments = assignments;
    this.workspaces = workspaces;
    this.encoder = encoder;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * What an administrator says about an account. A field left null keeps its current value (on a
   * new account: the user name as display name, no e-mail, not an administrator, enabled).
   */
  public record UserInput(
      String displayName, String email, String password, Boolean administrator, Boolean enabled) {}

  public record Saved(VigilUser user, boolean created) {}

  @Transactional
  public Saved put(String username, UserInput input, Actor actor) {
    if (!USERNAME.matcher(username).matches()) {
      throw JsonInput.invalid("username", "must be 1 to 128 letters, digits, '.', '_', '@' or '-'");
    }
    Optional<VigilUser> existing = users.findByUsername(username);
    if (existing.isEmpty()) {
      if (input.password() == null) {
        throw JsonInput.missing("properties.password");
      }
      checkPassword(username, input.password());
      users.insert(
          username,
          encoder.encode(input.password()),
          input.displayName() != null ? input.displayName() : username,
          input.email(),
          Boolean.TRUE.equals(input.administrator()),
          Times.utc(clock.instant()));
      if (Boolean.FALSE.equals(input.enabled())) {
        users.update(
            username,
            get(username).displayName(),
            input.email(),
            Boolean.TRUE.equals(input.administrator()),
            false);
      }
    } else {
      VigilUser old = existing.get();
      boolean administrator =
          input.administrator() != null ? input.administrator() : old.administrator();
      boolean enabled = input.enabled() != null ? input.enabled() : old.enabled();
      if (old.administrator() && old.enabled() && !(administrator && enabled)) {
        requireAnotherAdministrator(old.username());
      }
      users.update(
          username,
          input.displayName() != null ? input.displayName() : old.displayName(),
          input.email() != null ? input.email() : old.email(),
          administrator,
          enabled);
      if (input.password() != null) {
        checkPassword(username, input.password());
        users.setPassword(username, encoder.encode(input.password()));
      }
    }
    VigilUser saved = get(username);
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put(
        "displayName",
        AuditTrail.change(existing.map(VigilUser::displayName).orElse(null), saved.displayName()));
    changes.put(
        "email", AuditTrail.change(existing.map(VigilUser::email).orElse(null), saved.email()));
    changes.put(
        "administrator",
        AuditTrail.change(
            existing.map(VigilUser::administrator).orElse(null), saved.administrator()));
    changes.put(
        "enabled",
        AuditTrail.change(existing.map(VigilUser::enabled).orElse(null), saved.enabled()));
    if (input.password() != null) {
      changes.put("password", "changed");
    }
    audit.record(
        actor,
        existing.isEmpty() ? "UserCreated" : "UserUpdated",
        "/api/users/" + saved.username(),
        changes);
    return new Saved(saved, existing.isEmpty());
  }

  public VigilUser get(String username) {
    return users
        .findByUsername(username)
        .orElseThrow(() -> ApiException.notFound("The user '" + username + "' was not found."));
  }

  public List<VigilUser> list() {
    return users.list();
  }

  @Transactional
  public boolean delete(String username, Actor actor) {
    users
        .findByUsername(username)
        .filter(user -> user.administrator() && user.enabled())
        .ifPresent(user -> requireAnotherAdministrator(user.username()));
    boolean deleted = users.delete(username);
    if (deleted) {
      audit.record(actor, "UserDeleted", "/api/users/" + username, Map.of());
    }
    return deleted;
  }

  /** Refuses to leave Vigil without an enabled administrator. */
  private void requireAnotherAdministrator(String username) {
    boolean another =
        users.list().stream()
            .anyMatch(
                u -> u.administrator() && u.enabled() && !u.username().equalsIgnoreCase(username));
    if (!another) {
      throw ApiException.conflict(
          "LastAdministrator", "This is the last enabled administrator; appoint another first.");
    }
  }

  /** A user changes their own password, proving they know the current one. */
  @Transactional
  public void changePassword(String username, String current, String replacement) {
    VigilUser user = get(username);
    if (current == null || !encoder.matches(current, user.passwordHash())) {
      throw JsonInput.invalid("currentPassword", "is not your current password");
    }
    checkPassword(username, replacement);
    users.setPassword(username, encoder.encode(replacement));
    audit.record(
        user.actor(),
        "PasswordChanged",
        "/api/users/" + user.username(),
        Map.of("password", "changed"));
  }

  /** Refuses weak passwords, saying why. */
  static void checkPassword(String username, String password) {
    if (password == null || password.isEmpty()) {
      throw JsonInput.invalid("password", "must not be empty");
    }
    if (password.length() < 12) {
      throw JsonInput.invalid("password", "must be at least 12 characters long");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
      // bcrypt uses the first 72 bytes only, and refuses longer input.
      throw JsonInput.invalid("password", "must be at most 72 bytes long");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (lower.contains(username.toLowerCase(Locale.ROOT))) {
      throw JsonInput.invalid("password", "must not contain the user name");
    }
    if (password.chars().distinct().count() < 5 || COMMON.contains(lower)) {
      throw JsonInput.invalid("password", "is too easy to guess");
    }
  }

  @Transactional
  public RoleAssignment assign(
      String name, String principal, String roleName, String scope, Actor actor) {
    if (!USERNAME.matcher(name).matches()) {
      throw JsonInput.invalid("roleAssignmentName", "must be 1 to 128 letters, digits or '-'");
    }
    Role role;
    try {
      role = Role.valueOf(roleName);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw JsonInput.invalid(
          "properties.roleDefinitionName",
          "must be one of " + java.util.Arrays.toString(Role.values()));
    }
    long userId =
        users
            .idOf(principal)
            .orElseThrow(() -> JsonInput.invalid("properties.principalName", "names no user"));
    Matcher matcher = WORKSPACE_ID.matcher(scope == null ? "" : scope);
    if (!matcher.matches()) {
      throw JsonInput.invalid("properties.scope", "must be a workspace id");
    }
    Workspace workspace =
        workspaces
            .find(matcher.group(1), matcher.group(2), matcher.group(3))
            .orElseThrow(() -> JsonInput.invalid("properties.scope", "names no workspace"));
    assignments.delete(name);
    try {
      assignments.insert(name, userId, workspace.id(), role, Times.utc(clock.instant()));
    } catch (org.springframework.dao.DuplicateKeyException e) {
      throw ApiException.conflict(
          "RoleAssignmentExists", "The user already holds this role in this workspace.");
    }
    RoleAssignment assignment = assignments.find(name).orElseThrow();
    audit.record(
        actor,
        "RoleAssigned",
        "/api/roleAssignments/" + name,
        Map.of(
            "principalName",
            principal,
            "roleDefinitionName",
            role.name(),
            "scope",
            workspace.resourceId()));
    return assignment;
  }

  public RoleAssignment assignment(String name) {
    return assignments
        .find(name)
        .orElseThrow(
            () -> ApiException.notFound("The role assignment '" + name + "' was not found."));
  }

  public List<RoleAssignment> assignments(String principal, Long workspaceId) {
    return assignments.list(principal, workspaceId);
  }

  @Transactional
  public boolean unassign(String name, Actor actor) {
    Optional<RoleAssignment> existing = assignments.find(name);
    assignments.delete(name);
    existing.ifPresent(
        a ->
            audit.record(
                actor,
                "RoleUnassigned",
                "/api/roleAssignments/" + name,
                Map.of("principalName", a.principal(), "roleDefinitionName", a.role().name())));
    return existing.isPresent();
  }
}
