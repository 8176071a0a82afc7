package io.vigil.security.web;

import io.vigil.security.UserService;
import io.vigil.security.VigilUser;
import io.vigil.shared.JsonInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The signed-in user: who they are, their roles, their password. */
@RestController
@PreAuthorize("isAuthenticated()")
class MeController {
  private final UserService users;
  private final io.vigil.workspace.WorkspaceService workspaces;

  MeController(UserService users, io.vigil.workspace.WorkspaceService workspaces) {
    this.users = users;
    this.workspaces = workspaces;
  }

  @GetMapping("/api/me")
  Map<String, Object> me(@AuthenticationPrincipal VigilUser user) {
    Map<String, Object> me = new LinkedHashMap<>(AdminController.user(user));
    List<Map<String, Object>> roles =
        users.assignments(user.username(), null).stream()
            .map(
                a ->
                    Map.<String, Object>of(
                        "roleDefinitionName", a.role().name(),
                        "scope", workspaces.byId(a.workspaceId()).resourceId()))
            .toList();
    me.put("roles", roles);
    return me;
  }

  @PostMapping("/api/me/password")
  ResponseEntity<Void> password(
      @AuthenticationPrincipal VigilUser user, @RequestBody(required = false) JsonNode body) {
    JsonInput input = JsonInput.body(body);
    users.changePassword(
        user.username(),
        input.optionalString("currentPassword", 128),
        input.requiredString("newPassword", 128));
    return ResponseEntity.noContent().build();
  }
}
