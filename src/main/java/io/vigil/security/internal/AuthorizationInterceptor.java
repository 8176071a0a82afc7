package io.vigil.security.internal;

import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.ApiException;
import io.vigil.shared.Capability;
import io.vigil.shared.Requires;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
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
 */
class AuthorizationInterceptor implements HandlerInterceptor {
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
    if (variables == null || !variables.containsKey("workspaceName")) {
      return true; // not workspace-scoped: guarded by @PreAuthorize
    }
    Requires requires = method.getMethodAnnotation(Requires.class);
    if (requires == null) {
      requires = method.getBeanType().getAnnotation(Requires.class);
    }
    if (requires == null) {
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
    Optional<Workspace> workspace =
        workspaces.find(
            variables.get("subscriptionId"),
            variables.get("resourceGroupName"),
            variables.get("workspaceName"));
    if (workspace.isEmpty()) {
      return true; // the handler answers 404
    }
    Set<Capability> granted = EnumSet.noneOf(Capability.class);
    for (Role role : assignments.roles(user.username(), workspace.get().id())) {
      granted.addAll(role.capabilities());
    }
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
}
