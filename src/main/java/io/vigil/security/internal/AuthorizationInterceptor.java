package io.vigil.security.internal;

import io.vigil.security.Role;
import io.vigil.security.RoleAssignment;
import io.vigil.security.VigilUser;
import io.vigil.shared.Access;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.Requires;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces roles on every workspace-scoped endpoint: the handler's {@link Requires} names the
 * capability, the caller's roles in the addressed workspace must grant it. A caller with no role in
 * a workspace is told it does not exist; one whose roles fall short gets 403. Administrators may do
 * everything. A handler that declares nothing is refused.
 *
 * <p>Playbooks and connections live in a resource group, as in Azure, not in a workspace: there the
 * caller's roles in all workspaces of that resource group count.
 */
class AuthorizationInterceptor implements HandlerInterceptor, Access {
  private final WorkspaceService workspaces;
  private final RoleAssignmentRepository assignments;

  AuthorizationInterceptor(WorkspaceService workspaces, RoleAssignmentRepository assignments) {
    this.workspaces = workspaces;
    this.assignments = assignments;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables == null || !variables.containsKey("resourceGroupName")) {
      return true; // not workspace-scoped: guarded by @PreAuthorize
    }
    Requires requires = method.getMethodAnnotation(Requires.class);
    if (requires == null) {
      requires = method.getBeanType().getAnnotation(Requires.class);
    }
    if (requires == null) {
      if (!variables.containsKey("workspaceName")
          && (method.hasMethodAnnotation(PreAuthorize.class)
              || method.getBeanType().isAnnotationPresent(PreAuthorize.class))) {
        return true; // about resource groups, not a workspace: guarded by @PreAuthorize
      }
      throw new ApiException(
          HttpStatus.FORBIDDEN, "AuthorizationFailed", "This operation is not open to anyone.");
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication != null && authentication.getPrincipal() instanceof VigilUser user)) {
      return true; // the security filter chain has already refused anonymous callers
    }
    if (user.administrator()) {
      return true;
    }
    if (!variables.containsKey("workspaceName")) {
      return resourceGroup(variables, requires.value(), user);
    }
    Optional<Workspace> workspace =
        workspaces.find(
            variables.get("subscriptionId"),
            variables.get("resourceGroupName"),
            variables.get("workspaceName"));
    if (workspace.isEmpty()) {
      return true; // the handler answers 404
    }
    Set<Capability> granted = union(assignments.roles(user.username(), workspace.get().id()));
    if (granted.isEmpty()) {
      // Someone without a role in a workspace does not learn that it exists.
      throw workspaces.notFound(
          variables.get("workspaceName"),
          variables.get("resourceGroupName"),
          variables.get("subscriptionId"));
    }
    if (!granted.contains(requires.value())) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "AuthorizationFailed",
          "Your roles in this workspace do not allow this operation (it needs "
              + requires.value()
              + ").");
    }
    return true;
  }

  private boolean resourceGroup(Map<String, String> variables, Capability needed, VigilUser user) {
    Set<Capability> granted =
        granted(user, variables.get("subscriptionId"), variables.get("resourceGroupName"));
    if (granted.isEmpty()) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "ResourceGroupNotFound",
          "The resource group '" + variables.get("resourceGroupName") + "' was not found.");
    }
    if (!granted.contains(needed)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "AuthorizationFailed",
          "Your roles in this resource group do not allow this operation (it needs "
              + needed
              + ").");
    }
    return true;
  }

  private Set<Capability> granted(VigilUser user, String subscriptionId, String resourceGroup) {
    return union(assignments.rolesInResourceGroup(user.username(), subscriptionId, resourceGroup));
  }

  /** Roles are cumulative: what a caller may do is what any of their roles grants. */
  private static Set<Capability> union(List<Role> roles) {
    Set<Capability> granted = EnumSet.noneOf(Capability.class);
    for (Role role : roles) {
      granted.addAll(role.capabilities());
    }
    return granted;
  }

  @Override
  public boolean inResourceGroup(
      String subscriptionId, String resourceGroup, Capability capability) {
    return caller()
        .map(
            user ->
                user.administrator()
                    || granted(user, subscriptionId, resourceGroup).contains(capability))
        .orElse(false);
  }

  @Override
  public boolean inWorkspace(long workspaceId, Capability capability) {
    return caller()
        .map(
            user ->
                user.administrator()
                    || union(assignments.roles(user.username(), workspaceId)).contains(capability))
        .orElse(false);
  }

  @Override
  public Reach reach() {
    Optional<VigilUser> user = caller();
    if (user.isEmpty()) {
      return new Reach(false, Map.of());
    }
    Map<Long, List<Role>> held = new HashMap<>();
    for (RoleAssignment assignment : assignments.list(user.get().username(), null)) {
      held.computeIfAbsent(assignment.workspaceId(), id -> new ArrayList<>())
          .add(assignment.role());
    }
    Map<Long, Set<String>> roles = new HashMap<>();
    held.forEach(
        (workspaceId, list) -> {
          if (user.get().administrator() || union(list).contains(Capability.Read)) {
            roles.put(workspaceId, list.stream().map(Role::name).collect(Collectors.toSet()));
          }
        });
    return new Reach(user.get().administrator(), roles);
  }

  private static Optional<VigilUser> caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof VigilUser user
        ? Optional.of(user)
        : Optional.empty();
  }
}
