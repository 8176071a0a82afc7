package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.playbook.Playbooks;
import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every kind of write leaves an audit record, written with it, never to be changed. */
class AuditIT extends ApiTest {

  private JsonNode audit(String query) {
    Api.Response response = api.get("/api/audit?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().path("value");
  }

  private static List<String> actions(JsonNode records) {
    List<String> actions = new ArrayList<>();
    records.forEach(r -> actions.add(r.path("action").asString()));
    return actions;
  }

  @Test
  void auditsTheActionsOfARuleWithTheLongestNameAllowed() {
    String name = "R".repeat(500);
    Api.Response rule =
        api.put(
            ws + "/automationRules/long",
            """
            {"properties":{"displayName":"%s","order":1,"triggeringLogic":{"isEnabled":true,
              "triggersOn":"Incidents","triggersWhen":"Created"},
              "actions":[{"order":1,"actionType":"AddIncidentTask",
                "actionConfiguration":{"title":"T"}}]}}"""
                .formatted(name));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    createIncident("inc", "Phishing");
    JsonNode tasks = api.get(ws + "/incidents/inc/tasks").json().path("value");
    assertThat(tasks).hasSize(1);
    JsonNode added = audit("resource=" + Api.encode(tasks.get(0).path("id").asString()));
    assertThat(added.get(0).path("actor").asString()).isEqualTo(name);
  }

  @Test
  void recordsEveryKindOfWriteWithWhoWhatWhenAndWhere() {
    createIncident("inc", "Phishing");
    api.put(
        ws + "/incidents/inc/tasks/t1", "{\"properties\":{\"title\":\"T\",\"status\":\"New\"}}");
    api.put(
        ws + "/incidents/inc/tasks/t1",
        "{\"properties\":{\"title\":\"T\",\"status\":\"Completed\"}}");
    api.put(ws + "/incidents/inc/comments/c1", "{\"properties\":{\"message\":\"hi\"}}");
    api.put(
        ws + "/alertRules/a1", "{\"properties\":{\"displayName\":\"D\",\"severity\":\"High\"}}");
    api.put(
        ws + "/automationRules/r1",
        """
        {"properties":{"displayName":"R","order":1,"triggeringLogic":{"isEnabled":true,
          "triggersOn":"Incidents","triggersWhen":"Created"},
          "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{"title":"T"}}]}}""");
    api.delete(ws + "/automationRules/r1");

    JsonNode records = audit("resource=" + Api.encode(ws));
    assertThat(actions(records))
        .containsSubsequence(
            "IncidentCreated",
            "TaskAdded",
            "TaskUpdated",
            "CommentAdded",
            "AnalyticsRuleCreated",
            "AutomationRuleCreated",
            "AutomationRuleDeleted");
    JsonNode completed = records.get(2);
    assertThat(completed.path("resourceId").asString()).isEqualTo(ws + "/incidents/inc/tasks/t1");
    assertThat(completed.path("actor").asString()).isEqualTo(ADMIN);
    assertThat(completed.path("actorType").asString()).isEqualTo("User");
    assertThat(completed.path("clientAddress").asString()).isEqualTo("127.0.0.1");
    assertThat(completed.path("occurredTimeUtc").asString()).isNotEmpty();
    assertThat(completed.path("changes").path("status").path("old").asString()).isEqualTo("New");
    assertThat(completed.path("changes").path("status").path("new").asString())
        .isEqualTo("Completed");
  }

  @Test
  void recordsPlaybooksConnectionsRunsAndWhatPlaybooksChange() {
    String scope = Playbooks.scope(resourceGroup);
    Playbooks.identityConnection(api, resourceGroup, "http://127.0.0.1:9");
    String actions =
        """
        "Add_task":{"type":"ApiConnection","runAfter":{},"inputs":{%s,"method":"post",
          "path":"/Incidents/CreateTask",
          "body":{"incidentArmId":"@triggerBody()?['object']?['id']","taskTitle":"From a playbook"}}}"""
            .formatted(Playbooks.SENTINEL);
    String body = Playbooks.body(resourceGroup, Playbooks.INCIDENT_TRIGGER, actions);
    Playbooks.put(api, resourceGroup, "Audited", body);
    Playbooks.put(api, resourceGroup, "Audited", body);
    createIncident("inc", "Phishing");
    Api.Response run =
        api.post(
            ws + "/incidents/inc/runPlaybook",
            "{\"logicAppsResourceId\":\"" + Playbooks.workflow(resourceGroup, "Audited") + "\"}");
    assertThat(run.status()).isEqualTo(204);
    Playbooks.finished(api, run.header("Location"));
    assertThat(api.delete(Playbooks.workflow(resourceGroup, "Audited")).status()).isEqualTo(200);

    JsonNode records = audit("resource=" + Api.encode(scope + "/providers/Microsoft."));
    assertThat(actions(records))
        .containsSubsequence(
            "ConnectionCreated",
            "PlaybookCreated",
            "PlaybookUpdated",
            "PlaybookRunQueued",
            "PlaybookDeleted");
    assertThat(records.toString()).doesNotContain("graph-secret-token");
    JsonNode added =
        audit(
            "resource="
                + Api.encode(ws + "/incidents/inc/tasks")
                + "&actor="
                + Api.encode(Playbooks.workflow(resourceGroup, "Audited")));
    assertThat(actions(added)).containsExactly("TaskAdded");
    assertThat(added.get(0).path("actorType").asString()).isEqualTo("Playbook");
    assertThat(added.get(0).path("actor").asString()).isEqualTo("Audited");
  }

  @Test
  void recordsAccountsRolesAndTokensWithSecretsMasked() {
    String user = "audited-" + UUID.randomUUID().toString().substring(0, 6);
    api.put("/api/users/" + user, "{\"properties\":{\"password\":\"a-long-enough-passphrase\"}}");
    api.put(
        "/api/roleAssignments/ra-" + user,
        """
        {"properties":{"principalName":"%s","roleDefinitionName":"Reader","scope":"%s"}}"""
            .formatted(user, ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"))));
    Api.Response token = api.post("/api/users/" + user + "/tokens", "{\"description\":\"job\"}");
    String secret = token.json().path("token").asString();
    api.delete("/api/tokens/" + token.json().path("name").asString());
    api.delete("/api/roleAssignments/ra-" + user);

    JsonNode userRecords = audit("resource=" + Api.encode("/api/users/" + user));
    assertThat(actions(userRecords)).containsExactly("UserCreated");
    assertThat(userRecords.get(0).path("changes").path("password").asString()).isEqualTo("***");
    assertThat(userRecords.toString()).doesNotContain("a-long-enough-passphrase");
    assertThat(actions(audit("resource=" + Api.encode("/api/roleAssignments/ra-" + user))))
        .containsExactly("RoleAssigned", "RoleUnassigned");
    JsonNode tokenRecords = audit("resource=" + Api.encode("/api/tokens/"));
    assertThat(tokenRecords.toString()).doesNotContain(secret);
    String tokenResource = Api.encode("/api/tokens/" + token.json().path("name").asString());
    assertThat(actions(audit("actor=" + ADMIN + "&resource=" + tokenResource)))
        .containsExactly("TokenCreated", "TokenRevoked");
  }

  @Test
  void namesTheTokenThatActedAndFiltersByTime() {
    Api.Response issued = api.post("/api/tokens", "{\"description\":\"script\"}");
    String secret = issued.json().path("token").asString();
    String before = java.time.Instant.now().minusSeconds(1).toString();
    api.anonymous()
        .sendWith(
            "PUT",
            Api.withVersion(ws + "/incidents/by-token"),
            incident("T", "Low", "New"),
            Map.of("Authorization", "Bearer " + secret));
    JsonNode records =
        audit("resource=" + Api.encode(ws + "/incidents/by-token") + "&from=" + before);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).path("token").asString())
        .isEqualTo(issued.json().path("name").asString());
    assertThat(audit("resource=" + Api.encode(ws + "/incidents/by-token") + "&to=" + before))
        .isEmpty();
    assertThat(api.get("/api/audit?from=yesterday").status()).isEqualTo(400);
  }

  @Test
  void aFailedWriteLeavesNoRecordAndRecordsCannotBeChanged() {
    api.put(
        ws + "/incidents/bad",
        "{\"properties\":{\"title\":\"x\",\"severity\":\"Low\",\"status\":\"New\","
            + "\"alerts\":[{\"alertDisplayName\":\"a\",\"severity\":\"Low\",\"analyticRuleId\":\"bad\"}]}}");
    assertThat(audit("resource=" + Api.encode(ws + "/incidents/bad"))).isEmpty();
    assertThat(api.send("DELETE", "/api/audit", null, Map.of()).status()).isEqualTo(405);
    assertThat(api.send("PUT", "/api/audit", "{}", Map.of()).status()).isEqualTo(405);
    String reader = "reader-" + UUID.randomUUID().toString().substring(0, 6);
    api.put("/api/users/" + reader, "{\"properties\":{\"password\":\"a-long-enough-passphrase\"}}");
    assertThat(api.as(reader, "a-long-enough-passphrase").get("/api/audit").status())
        .isEqualTo(403);
  }
}
