package io.vigil.security.internal;

import io.vigil.shared.Access;
import io.vigil.workspace.WorkspaceService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class AuthorizationConfiguration implements WebMvcConfigurer {
  private final AuthorizationInterceptor interceptor;

  AuthorizationConfiguration(WorkspaceService workspaces, RoleAssignmentRepository assignments) {
    this.interceptor = new AuthorizationInterceptor(workspaces, assignments);
  }

  @Bean
  Access access() {
    return interceptor;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(interceptor);
  }
}
