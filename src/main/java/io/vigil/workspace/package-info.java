/**
 * Workspaces: the tenants every incident, rule and playbook lives in, addressed by ARM paths
 * matched without regard to case. Other modules receive the {@link io.vigil.workspace.Workspace} of
 * a request as a controller argument and build resource ids from it.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.workspace;
