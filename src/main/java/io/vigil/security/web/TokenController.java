package io.vigil.security.web;

import io.vigil.security.ApiToken;
import io.vigil.security.TokenService;
import io.vigil.security.VigilUser;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * API tokens: a user creates them for themselves, an administrator for any account (a service
 * account of a SIEM connector, say). The secret is in the creation response and nowhere else.
 */
@RestController
class TokenController {
  private final TokenService tokens;

  TokenController(TokenService tokens) {
    this.tokens = tokens;
  }

  @PostMapping("/api/tokens")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Map<String, Object>> create(
      @AuthenticationPrincipal VigilUser user, @RequestBody(required = false) JsonNode body) {
    return issue(user.username(), body, user.actor());
  }

  @PostMapping("/api/users/{username}/tokens")
  @PreAuthorize("hasRole('ADMINISTRATOR')")
  ResponseEntity<Map<String, Object>> createFor(
      @PathVariable String username, @RequestBody(required = false) JsonNode body, Actor actor) {
    return issue(username, body, actor);
  }

  @GetMapping("/api/tokens")
  @PreAuthorize("isAuthenticated()")
  ListBody<Map<String, Object>> list(@AuthenticationPrincipal VigilUser user) {
    return new ListBody<>(
        tokens.list(user.username()).stream().map(TokenController::json).toList(), null);
  }

  @DeleteMapping("/api/tokens/{name}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Void> revoke(@AuthenticationPrincipal VigilUser user, @PathVariable String name) {
    ApiToken token = tokens.find(name).orElse(null);
    if (token == null) {
      return ResponseEntity.noContent().build();
    }
    if (!user.administrator() && !token.owner().equalsIgnoreCase(user.username())) {
      throw ApiException.notFound("The token '" + name + "' was not found.");
    }
    tokens.revoke(name, user.actor());
    return ResponseEntity.ok().build();
  }

  private ResponseEntity<Map<String, Object>> issue(String owner, JsonNode body, Actor actor) {
    JsonInput input = JsonInput.body(body);
    Long days = input.optionalLong("expiresInDays", 1, 730);
    TokenService.Issued issued =
        tokens.issue(
            owner,
            input.requiredString("description", 256),
            days == null ? 90 : days.intValue(),
            actor);
    Map<String, Object> json = json(issued.token());
    json.put("token", issued.secret());
    return ResponseEntity.status(HttpStatus.CREATED).body(json);
  }

  private static Map<String, Object> json(ApiToken token) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("owner", token.owner());
    p.put("description", token.description());
    p.put("expiresTimeUtc", Times.format(token.expiresTimeUtc()));
    ArmJson.put(p, "lastUsedTimeUtc", Times.format(token.lastUsedTimeUtc()));
    ArmJson.put(p, "revokedTimeUtc", Times.format(token.revokedTimeUtc()));
    p.put("createdTimeUtc", Times.format(token.createdTimeUtc()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", "/api/tokens/" + token.name());
    json.put("name", token.name());
    json.put("properties", p);
    return json;
  }
}
