package io.vigil.workspace.web;

import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives controllers mapped under {@code ArmPaths.WORKSPACE} the addressed {@link Workspace} as an
 * argument, answering 404 for an unknown one before the handler runs.
 */
class WorkspaceArgumentResolver implements HandlerMethodArgumentResolver {
  private final WorkspaceService workspaces;

  WorkspaceArgumentResolver(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Workspace.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    return workspaces.require(
        variables.get("subscriptionId"),
        variables.get("resourceGroupName"),
        variables.get("workspaceName"));
  }
}
