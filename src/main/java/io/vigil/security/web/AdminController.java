package io.vigil.security.web;

import io.vigil.security.RoleAssignment;
import io.vigil.security.UserService;
import io.vigil.security.VigilUser;
import io.vigil.shared.Actor;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import io.vigil.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Administration: accounts and their role assignments. Administrators only. */
@RestController
@PreAuthorize("hasRole('ADMINISTRATOR')")
class AdminController {
  private final UserService users;
  private final WorkspaceService workspaces;

  AdminController(UserService users, WorkspaceService workspaces) {
    this.users = users;
    this.workspaces = workspaces;
  }

  @GetMapping("/api/users")
  ListBody<Map<String, Object>> users() {
    return new ListBody<>(users.list().stream().map(AdminController::user).toList(), null);
  }

  @GetMapping("/api/users/{username}")
  Map<String, Object> user(@PathVariable String username) {
    return user(users.get(username));
  }

  @PutMapping("/api/users/{username}")
  ResponseEntity<Map<String, Object>> putUser(
      @PathVariable String username, @RequestBody(required = false) JsonNode body, Actor actor) {
    JsonInput p = JsonInput.body(body).object("properties");
    Boolean administrator = p.optionalBoolean("administrator");
    Boolean enabled = p.optionalBoolean("enabled");
    UserService.Saved saved =
        users.put(
            username,
            new UserService.UserInput(
                p.optionalString("displayName", 256),
                p.optionalString("email", 320),
                p.optionalString("password", 128),
                administrator,
                enabled),
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(user(saved.user()));
  }

  @DeleteMapping("/api/users/{username}")
  ResponseEntity<Void> deleteUser(@PathVariable String username, Actor actor) {
    return users.delete(username, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  @GetMapping("/api/roleAssignments")
  ListBody<Map<String, Object>> assignments(
      @RequestParam(name = "principalName", required = false) String principal) {
    return new ListBody<>(
        users.assignments(principal, null).stream().map(this::assignment).toList(), null);
  }

  @GetMapping("/api/roleAssignments/{name}")
  Map<String, Object> assignment(@PathVariable String name) {
    return assignment(users.assignment(name));
  }

  @PutMapping("/api/roleAssignments/{name}")
  ResponseEntity<Map<String, Object>> assign(
      @PathVariable String name, @RequestBody(required = false) JsonNode body, Actor actor) {
    JsonInput p = JsonInput.body(body).object("properties");
    RoleAssignment assignment =
        users.assign(
            name,
            p.requiredString("principalName", 128),
            p.requiredString("roleDefinitionName", 32),
            p.requiredString("scope", 1024),
            actor);
    return ResponseEntity.status(HttpStatus.CREATED).body(assignment(assignment));
  }

  @DeleteMapping("/api/roleAssignments/{name}")
  ResponseEntity<Void> unassign(@PathVariable String name, Actor actor) {
    return users.unassign(name, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  static Map<String, Object> user(VigilUser user) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("displayName", user.displayName());
    ArmJson.put(p, "email", user.email());
    p.put("objectId", user.objectId());
    p.put("administrator", user.administrator());
    p.put("enabled", user.enabled());
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", "/api/users/" + user.username());
    resource.put("name", user.username());
    resource.put("properties", p);
    return resource;
  }

  private Map<String, Object> assignment(RoleAssignment assignment) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("principalName", assignment.principal());
    p.put("roleDefinitionName", assignment.role().name());
    p.put("scope", workspaces.byId(assignment.workspaceId()).resourceId());
    p.put("createdTimeUtc", Times.format(assignment.createdTimeUtc()));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", "/api/roleAssignments/" + assignment.name());
    resource.put("name", assignment.name());
    resource.put("properties", p);
    return resource;
  }
}
