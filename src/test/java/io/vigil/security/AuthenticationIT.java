package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.security.internal.UserRepository;
import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

class AuthenticationIT extends ApiTest {
  @Autowired UserRepository users;
  @Autowired PasswordEncoder encoder;

  private Api analyst() {
    String name = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
    users.insert(
        name,
        encoder.encode("analyst-pass"),
        "Ann Analyst",
        name + "@contoso.com",
        false,
        OffsetDateTime.now());
    api.put(
        "/api/roleAssignments/" + UUID.randomUUID(),
        """
        {"properties":{"principalName":"%s","roleDefinitionName":"Responder","scope":"%s"}}"""
            .formatted(name, ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"))));
    return api.as(name, "analyst-pass");
  }

  @Test
  void theApiRequiresCredentialsOfAStoredUser() {
    Api.Response anonymous = api.anonymous().get(ws + "/incidents");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(anonymous.json().path("error").path("code").asString())
        .isEqualTo("AuthenticationFailed");
    assertThat(api.as(ADMIN, "wrong").get(ws + "/incidents").status()).isEqualTo(401);
    assertThat(api.as("nobody", "x").get(ws + "/incidents").status()).isEqualTo(401);
    assertThat(api.get(ws + "/incidents").status()).isEqualTo(200);
  }

  @Test
  void healthIsOpenAndAnswersUp() {
    Api.Response health = api.anonymous().send("GET", "/actuator/health", null, java.util.Map.of());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
  }

  @Test
  void everyWriteRecordsTheActingUser() {
    Api analyst = analyst();
    createIncident("inc", "Phishing");
    var task =
        analyst
            .put(
                ws + "/incidents/inc/tasks/t1",
                "{\"properties\":{\"title\":\"Mine\",\"status\":\"New\"}}")
            .json()
            .path("properties");
    assertThat(task.path("createdBy").path("name").asString()).isEqualTo("Ann Analyst");
    assertThat(task.path("createdBy").path("email").asString()).endsWith("@contoso.com");

    var completed =
        api.put(
                ws + "/incidents/inc/tasks/t1",
                "{\"properties\":{\"title\":\"Mine\",\"status\":\"Completed\"}}")
            .json()
            .path("properties");
    assertThat(completed.path("createdBy").path("name").asString()).isEqualTo("Ann Analyst");
    assertThat(completed.path("lastModifiedBy").path("name").asString()).isEqualTo(ADMIN);
    assertThat(completed.path("completedBy").path("name").asString()).isEqualTo(ADMIN);

    var comment =
        analyst
            .put(ws + "/incidents/inc/comments/c1", "{\"properties\":{\"message\":\"hi\"}}")
            .json()
            .path("properties");
    assertThat(comment.path("author").path("name").asString()).isEqualTo("Ann Analyst");

    var events = api.get(ws + "/incidents/inc/events").json().path("value");
    assertThat(events.get(0).path("actor").path("name").asString()).isEqualTo(ADMIN);
    assertThat(events.get(1).path("actor").path("name").asString()).isEqualTo("Ann Analyst");
  }

  @Test
  void onlyAnAdministratorCreatesWorkspaces() {
    Api.Response denied =
        analyst()
            .put(
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/x/providers"
                    + "/Microsoft.OperationalInsights/workspaces/not-allowed",
                "{}");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().path("error").path("code").asString())
        .isEqualTo("AuthorizationFailed");
  }
}
