package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Roles per workspace, as an administrator assigns them and as they are enforced. */
class RolesIT extends ApiTest {
  static final String PASSWORD = "correct-horse-battery-staple";

  /** Creates a user holding {@code role} (or none) in this test's workspace. */
  Api userWith(String role) {
    String name =
        (role == null ? "norole" : role.toLowerCase())
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    Api.Response created =
        api.put(
            "/api/users/" + name,
            "{\"properties\":{\"displayName\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    if (role != null) {
      Api.Response assigned =
          api.put(
              "/api/roleAssignments/" + UUID.randomUUID(),
              """
              {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
                  .formatted(
                      name,
                      role,
                      ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"))));
      assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    }
    return api.as(name, PASSWORD);
  }

  private static final String TASK = "{\"properties\":{\"title\":\"T\",\"status\":\"New\"}}";

  @Test
  void aReaderSeesButCannotAddOrCompleteATask() {
    createIncident("inc", "Phishing");
    api.put(ws + "/incidents/inc/tasks/t1", TASK);
    Api reader = userWith("Reader");
    assertThat(reader.get(ws + "/incidents").status()).isEqualTo(200);
    assertThat(reader.get(ws + "/incidents/inc/tasks").json().path("value")).hasSize(1);
    Api.Response add = reader.put(ws + "/incidents/inc/tasks/t2", TASK);
    assertThat(add.status()).isEqualTo(403);
    assertThat(add.json().path("error").path("code").asString()).isEqualTo("AuthorizationFailed");
    assertThat(
            reader.put(ws + "/incidents/inc/tasks/t1", TASK.replace("New", "Completed")).status())
        .isEqualTo(403);
    JsonNode tasks = api.get(ws + "/incidents/inc/tasks").json().path("value");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).path("properties").path("status").asString()).isEqualTo("New");
  }

  @Test
  void aResponderWorksIncidentsAndRulesButNotTheCatalogue() {
    createIncident("inc", "Phishing");
    Api responder = userWith("Responder");
    assertThat(responder.put(ws + "/incidents/inc/tasks/t1", TASK).status()).isEqualTo(201);
    assertThat(
            responder
                .put(ws + "/incidents/inc/comments/c1", "{\"properties\":{\"message\":\"x\"}}")
                .status())
        .isEqualTo(201);
    assertThat(
            responder
                .put(
                    ws + "/automationRules/r1",
                    """
                    {"properties":{"displayName":"R","order":1,"triggeringLogic":{"isEnabled":true,
                      "triggersOn":"Incidents","triggersWhen":"Created"},
                      "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{"title":"T"}}]}}""")
                .status())
        .isEqualTo(201);
    String rule = "{\"properties\":{\"displayName\":\"D\",\"severity\":\"High\"}}";
    assertThat(responder.put(ws + "/alertRules/a1", rule).status()).isEqualTo(403);
    assertThat(api.get(ws + "/alertRules/a1").status()).isEqualTo(404);
    assertThat(userWith("Contributor").put(ws + "/alertRules/a1", rule).status()).isEqualTo(201);
  }

  @Test
  void nobodySeesAWorkspaceWhereTheyHoldNoRole() {
    createIncident("inc", "Secret");
    Api stranger = userWith(null);
    Api.Response list = stranger.get(ws + "/incidents");
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.json().path("error").path("code").asString()).isEqualTo("ResourceNotFound");
    assertThat(stranger.put(ws + "/incidents/new", incident("x", "Low", "New")).status())
        .isEqualTo(404);
    assertThat(api.get(ws + "/incidents/new").status()).isEqualTo(404);
    // A Playbook Operator holds a role, but not one that shows incidents.
    assertThat(userWith("PlaybookOperator").get(ws + "/incidents").status()).isEqualTo(403);
  }

  @Test
  void onlyAdministratorsManageAccountsAndRoles() {
    Api responder = userWith("Responder");
    assertThat(responder.get("/api/users").status()).isEqualTo(403);
    assertThat(
            responder
                .put("/api/users/mallory", "{\"properties\":{\"password\":\"" + PASSWORD + "\"}}")
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/users/mallory").status()).isEqualTo(404);
    JsonNode me = responder.get("/api/me").json();
    assertThat(me.path("roles").get(0).path("roleDefinitionName").asString())
        .isEqualTo("Responder");
  }

  @Test
  void refusesBadAssignmentsAndWeakPasswords() {
    Api.Response weak = api.put("/api/users/weakling", "{\"properties\":{\"password\":\"short\"}}");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.json().path("error").path("message").asString()).contains("12 characters");
    Api.Response guessable =
        api.put("/api/users/weakling", "{\"properties\":{\"password\":\"aaaaaaaaaaaaaaaa\"}}");
    assertThat(guessable.status()).isEqualTo(400);
    assertThat(api.put("/api/users/weakling", "{\"properties\":{}}").status()).isEqualTo(400);
    assertThat(api.get("/api/users/weakling").status()).isEqualTo(404);

    userWith(null);
    String scope = ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"));
    Api.Response badRole =
        api.put(
            "/api/roleAssignments/x1",
            "{\"properties\":{\"principalName\":\"admin\",\"roleDefinitionName\":\"Owner\",\"scope\":\""
                + scope
                + "\"}}");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.json().path("error").path("message").asString())
        .contains("roleDefinitionName");
    Api.Response badScope =
        api.put(
            "/api/roleAssignments/x1",
            "{\"properties\":{\"principalName\":\"admin\",\"roleDefinitionName\":\"Reader\",\"scope\":\""
                + scope.replace(workspaceName, "nowhere")
                + "\"}}");
    assertThat(badScope.status()).isEqualTo(400);
    assertThat(badScope.json().path("error").path("message").asString()).contains("scope");
    Api.Response badUser =
        api.put(
            "/api/roleAssignments/x1",
            "{\"properties\":{\"principalName\":\"ghost\",\"roleDefinitionName\":\"Reader\",\"scope\":\""
                + scope
                + "\"}}");
    assertThat(badUser.status()).isEqualTo(400);
    assertThat(api.get("/api/roleAssignments/x1").status()).isEqualTo(404);
  }

  @Test
  void aUserChangesTheirOwnPasswordAndADisabledUserIsLockedOut() {
    Api reader = userWith("Reader");
    String name = reader.get("/api/me").json().path("name").asString();
    Api.Response wrong =
        reader.post(
            "/api/me/password",
            "{\"currentPassword\":\"nope\",\"newPassword\":\"another-long-passphrase\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(
            reader
                .post(
                    "/api/me/password",
                    "{\"currentPassword\":\""
                        + PASSWORD
                        + "\",\"newPassword\":\"another-long-passphrase\"}")
                .status())
        .isEqualTo(204);
    assertThat(reader.get(ws + "/incidents").status()).isEqualTo(401);
    Api renewed = reader.as(name, "another-long-passphrase");
    assertThat(renewed.get(ws + "/incidents").status()).isEqualTo(200);

    api.put("/api/users/" + name, "{\"properties\":{\"enabled\":false}}");
    assertThat(renewed.get(ws + "/incidents").status()).isEqualTo(401);
  }

  @Test
  void theLastAdministratorCannotBeRemovedAndLongPasswordsAreRefused() {
    Api.Response demote =
        api.put("/api/users/" + ADMIN, "{\"properties\":{\"administrator\":false}}");
    // Other tests may have made administrators; only when none is left is this refused.
    if (demote.status() == 409) {
      assertThat(demote.json().path("error").path("code").asString())
          .isEqualTo("LastAdministrator");
    } else {
      api.put("/api/users/" + ADMIN, "{\"properties\":{\"administrator\":true}}");
    }
    assertThat(api.get("/api/me").json().path("properties").path("administrator").asBoolean())
        .isTrue();
    Api.Response tooLong =
        api.put(
            "/api/users/longpass", "{\"properties\":{\"password\":\"" + "ab1-".repeat(20) + "\"}}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("error").path("message").asString()).contains("72 bytes");
  }
}
