package io.vigil.security.internal;

import io.vigil.workspace.WorkspaceService;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class AuthorizationConfiguration implements WebMvcConfigurer {
  private final WorkspaceService workspaces;
  private final RoleAssignmentRepository assignments;

  AuthorizationConfiguration(WorkspaceService workspaces, RoleAssignmentRepository assignments) {
    this.workspaces = workspaces;
    this.assignments = assignments;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AuthorizationInterceptor(workspaces, assignments));
  }
}
