package io.vigil.workspace.web;

import io.vigil.workspace.WorkspaceService;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class WorkspaceWebConfiguration implements WebMvcConfigurer {
  private final WorkspaceService workspaces;

  WorkspaceWebConfiguration(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new WorkspaceArgumentResolver(workspaces));
  }
}
