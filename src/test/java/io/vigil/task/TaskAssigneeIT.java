package io.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Assigning tasks to users and roles of the workspace, and the history of assignments. */
class TaskAssigneeIT extends ApiTest {
  private static final String PASSWORD = "a-long-enough-password-1";

  private String tasks;

  @BeforeEach
  void incident() {
    createIncident("inc", "Phishing");
    tasks = ws + "/incidents/inc/tasks";
  }

  /** A new account with {@code displayName} holding {@code roles} in this test's workspace. */
  private String user(String displayName, String... roles) {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response user =
        api.put(
            "/api/users/" + name,
            """
            {"properties":{"displayName":"%s","password":"%s"}}"""
                .formatted(displayName, PASSWORD));
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    for (String role : roles) {
      Api.Response assigned =
          api.put(
              "/api/roleAssignments/" + UUID.randomUUID(),
              """
              {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
                  .formatted(name, role, ws.substring(0, ws.indexOf("/providers/Microsoft.S"))));
      assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    }
    return name;
  }

  private JsonNode put(String name, String properties) {
    Api.Response response = api.put(tasks + "/" + name, "{\"properties\":{" + properties + "}}");
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.json().path("properties");
  }

  private List<JsonNode> assignmentChanges(String task) {
    List<JsonNode> changes = new ArrayList<>();
    for (JsonNode event : api.get(tasks + "/" + task + "/history").json().path("value")) {
      for (JsonNode change : event.path("changes")) {
        if (change.path("field").asString().equals("assignedTo")) {
          changes.add(change);
        }
      }
    }
    return changes;
  }

  /** A value of a change that there was none of (left out, or null). */
  private static boolean absent(JsonNode value) {
    return value.isMissingNode() || value.isNull();
  }

  @Test
  void assignsATaskToAUserOfTheWorkspaceShowingTheDisplayName() {
    String jane = user("Jane Doe", "Responder");
    String owner =
        api.get(ws + "/incidents/inc").json().path("properties").path("owner").toString();
    JsonNode created =
        put(
            "t",
            "\"title\":\"Reset password\",\"status\":\"New\","
                + "\"assignedTo\":{\"type\":\"user\",\"name\":\""
                + jane.toUpperCase()
                + "\"}");
    JsonNode assignee = created.path("assignedTo");
    assertThat(assignee.path("type").asString()).isEqualTo("User");
    assertThat(assignee.path("name").asString()).isEqualTo(jane);
    assertThat(assignee.path("displayName").asString()).isEqualTo("Jane Doe");
    assertThat(api.get(tasks + "/t").json().path("properties").path("assignedTo").path("name"))
        .hasToString("\"" + jane + "\"");

    List<JsonNode> changes = assignmentChanges("t");
    assertThat(changes).hasSize(1);
    assertThat(absent(changes.get(0).path("oldValue"))).isTrue();
    assertThat(changes.get(0).path("newValue").path("name").asString()).isEqualTo(jane);
    assertThat(changes.get(0).path("newValue").path("displayName").asString())
        .isEqualTo("Jane Doe");
    // The incident's owner is not the task's assignee: the incident is as it was.
    assertThat(api.get(ws + "/incidents/inc").json().path("properties").path("owner").toString())
        .isEqualTo(owner);
  }

  @Test
  void assignsToARoleReassignsAndUnassignsRecordingEachInTheHistory() {
    String jane = user("Jane Doe", "Reader", "Responder");
    JsonNode toRole =
        put(
            "t",
            "\"title\":\"Isolate\",\"status\":\"New\",\"assignedTo\":{\"type\":\"Role\",\"name\":\"responder\"}");
    assertThat(toRole.path("assignedTo").path("type").asString()).isEqualTo("Role");
    assertThat(toRole.path("assignedTo").path("name").asString()).isEqualTo("Responder");
    assertThat(toRole.path("assignedTo").has("displayName")).isFalse();

    JsonNode toUser =
        put(
            "t",
            "\"title\":\"Isolate\",\"status\":\"New\",\"assignedTo\":{\"type\":\"User\",\"name\":\""
                + jane
                + "\"}");
    assertThat(toUser.path("assignedTo").path("name").asString()).isEqualTo(jane);
    // Naming the same assignee again changes nothing.
    put(
        "t",
        "\"title\":\"Isolate\",\"status\":\"New\",\"assignedTo\":{\"type\":\"User\",\"name\":\""
            + jane
            + "\"}");

    JsonNode unassigned = put("t", "\"title\":\"Isolate\",\"status\":\"New\",\"assignedTo\":null");
    assertThat(unassigned.has("assignedTo")).isFalse();

    List<JsonNode> changes = assignmentChanges("t");
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0).path("newValue").path("name").asString()).isEqualTo("Responder");
    assertThat(changes.get(1).path("oldValue").path("name").asString()).isEqualTo("Responder");
    assertThat(changes.get(1).path("newValue").path("name").asString()).isEqualTo(jane);
    assertThat(changes.get(2).path("oldValue").path("name").asString()).isEqualTo(jane);
    assertThat(absent(changes.get(2).path("newValue"))).isTrue();
  }

  @Test
  void aSentinelClientSavingTheTaskKeepsItsAssignee() {
    put(
        "t",
        "\"title\":\"Notify\",\"status\":\"New\",\"assignedTo\":{\"type\":\"Role\",\"name\":\"Contributor\"}");
    JsonNode completed = put("t", "\"title\":\"Notify the user\",\"status\":\"Completed\"");
    assertThat(completed.path("assignedTo").path("name").asString()).isEqualTo("Contributor");
    assertThat(assignmentChanges("t")).hasSize(1);
    // A task created without an assignee has none.
    assertThat(put("plain", "\"title\":\"Plain\",\"status\":\"New\"").has("assignedTo")).isFalse();
  }

  @Test
  void refusesUnknownAssigneesNamingTheFieldAndStoresNothing() {
    String outsider = user("Olive Outsider");
    String disabled = user("Dan Disabled", "Responder");
    assertThat(api.put("/api/users/" + disabled, "{\"properties\":{\"enabled\":false}}").status())
        .isEqualTo(200);
    put(
        "t",
        "\"title\":\"Isolate\",\"status\":\"New\",\"assignedTo\":{\"type\":\"Role\",\"name\":\"Reader\"}");
    String etag = api.get(tasks + "/t").json().path("etag").asString();

    String[][] cases = {
      {
        "{\"type\":\"User\",\"name\":\"nobody-" + UUID.randomUUID() + "\"}",
        "names no Vigil account"
      },
      {"{\"type\":\"User\",\"name\":\"" + outsider + "\"}", "holds no role in this workspace"},
      {"{\"type\":\"User\",\"name\":\"" + disabled + "\"}", "disabled"},
      {"{\"type\":\"Role\",\"name\":\"Boss\"}", "names no role"},
      {"{\"type\":\"Team\",\"name\":\"Blue\"}", "properties.assignedTo.type"},
      {"{\"name\":\"Responder\"}", "properties.assignedTo.type"},
      {"{\"type\":\"User\"}", "properties.assignedTo.name"},
      {"\"Responder\"", "must be a JSON object"},
    };
    for (String[] c : cases) {
      Api.Response refused =
          api.put(
              tasks + "/t",
              "{\"properties\":{\"title\":\"Changed\",\"status\":\"New\",\"assignedTo\":"
                  + c[0]
                  + "}}");
      assertThat(refused.status()).as(c[0] + " " + refused.body()).isEqualTo(400);
      assertThat(refused.json().path("error").path("message").asString())
          .as(c[0])
          .contains("properties.assignedTo")
          .contains(c[1]);
      Api.Response created =
          api.put(
              tasks + "/new-" + UUID.randomUUID().toString().substring(0, 8),
              "{\"properties\":{\"title\":\"New\",\"status\":\"New\",\"assignedTo\":"
                  + c[0]
                  + "}}");
      assertThat(created.status()).as(c[0]).isEqualTo(400);
    }
    JsonNode task = api.get(tasks + "/t").json();
    assertThat(task.path("etag").asString()).isEqualTo(etag);
    assertThat(task.path("properties").path("title").asString()).isEqualTo("Isolate");
    assertThat(task.path("properties").path("assignedTo").path("name").asString())
        .isEqualTo("Reader");
    assertThat(api.get(tasks).json().path("value")).hasSize(1);
  }

  @Test
  void aResponderListsWhoTasksCanBeAssignedToAndAssignsThem() {
    String responder = user("Rita Responder", "Responder");
    String reader = user("Rob Reader", "Reader");
    String outsider = user("Olive Outsider");
    Api asResponder = api.as(responder, PASSWORD);

    JsonNode assignees = asResponder.get(ws + "/taskAssignees").json().path("value");
    List<String> names = new ArrayList<>();
    assignees.forEach(a -> names.add(a.path("type").asString() + ":" + a.path("name").asString()));
    assertThat(names)
        .contains("User:" + responder, "User:" + reader, "User:" + ADMIN)
        .contains("Role:Reader", "Role:Responder", "Role:Contributor", "Role:PlaybookOperator")
        .doesNotContain("User:" + outsider);
    assertThat(asResponder.get(ws + "/taskAssignees").body()).contains("Rita Responder");
    assertThat(api.as(reader, PASSWORD).get(ws + "/taskAssignees").status()).isEqualTo(403);

    Api.Response assigned =
        asResponder.put(
            tasks + "/t",
            "{\"properties\":{\"title\":\"Call the user\",\"status\":\"New\","
                + "\"assignedTo\":{\"type\":\"User\",\"name\":\""
                + reader
                + "\"}}}");
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    assertThat(assigned.json().path("properties").path("assignedTo").path("displayName").asString())
        .isEqualTo("Rob Reader");
  }

  private static String rule(String actions) {
    return """
        {"properties":{"displayName":"Phishing checklist","order":1,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created",
            "conditions":[]},
          "actions":[%s]}}"""
        .formatted(actions);
  }

  private static String addTask(int order, String title, String assignedTo) {
    return """
        {"order":%d,"actionType":"AddIncidentTask","actionConfiguration":{
          "title":"%s","assignedTo":%s}}"""
        .formatted(order, title, assignedTo);
  }

  @Test
  void anAutomationRuleAddsAssignedTasksAndIsCheckedWhenSaved() {
    String jane = user("Jane Doe", "Responder");
    String outsider = user("Olive Outsider");
    Api.Response saved =
        api.put(
            ws + "/automationRules/checklist",
            rule(
                addTask(1, "Isolate host", "{\"type\":\"role\",\"name\":\"Responder\"}")
                    + ","
                    + addTask(
                        2, "Call the user", "{\"type\":\"User\",\"name\":\"" + jane + "\"}")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(
            saved
                .json()
                .path("properties")
                .path("actions")
                .get(0)
                .path("actionConfiguration")
                .path("assignedTo")
                .path("type")
                .asString())
        .isEqualTo("Role");

    createIncident("phish", "Phishing mail reported");
    JsonNode added = api.get(ws + "/incidents/phish/tasks").json().path("value");
    assertThat(added).hasSize(2);
    assertThat(added.get(0).path("properties").path("assignedTo").path("name").asString())
        .isEqualTo("Responder");
    JsonNode call = added.get(1).path("properties").path("assignedTo");
    assertThat(call.path("name").asString()).isEqualTo(jane);
    assertThat(call.path("displayName").asString()).isEqualTo("Jane Doe");
    JsonNode created =
        api.get(ws + "/incidents/phish/tasks/" + added.get(1).path("name").asString() + "/history")
            .json()
            .path("value")
            .get(0);
    assertThat(created.path("actorType").asString()).isEqualTo("AutomationRule");
    assertThat(created.toString()).contains("\"assignedTo\"").contains(jane);

    String[][] cases = {
      {"{\"type\":\"User\",\"name\":\"" + outsider + "\"}", "holds no role in this workspace"},
      {"{\"type\":\"Role\",\"name\":\"Boss\"}", "names no role"},
      {"{\"type\":\"Team\",\"name\":\"Blue\"}", "assignedTo.type"},
    };
    for (String[] c : cases) {
      Api.Response refused =
          api.put(
              ws + "/automationRules/bad",
              rule(addTask(1, "Fine", "null") + "," + addTask(2, "Bad", c[0])));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("error").path("message").asString())
          .as(c[0])
          .contains("properties.actions[1].actionConfiguration.assignedTo")
          .contains(c[1]);
    }
    assertThat(api.get(ws + "/automationRules/bad").status()).isEqualTo(404);

    // A user disabled after the rule was saved: that action fails, the others go ahead.
    assertThat(api.put("/api/users/" + jane, "{\"properties\":{\"enabled\":false}}").status())
        .isEqualTo(200);
    createIncident("later", "Another phishing mail");
    assertThat(api.get(ws + "/incidents/later/tasks").json().path("value")).hasSize(1);
    JsonNode actions =
        api.get(ws + "/incidents/later/automationRuns").json().path("value").get(0).path("actions");
    assertThat(actions.get(0).path("status").asString()).isEqualTo("Succeeded");
    assertThat(actions.get(1).path("status").asString()).isEqualTo("Failed");
    assertThat(actions.get(1).path("detail").asString()).contains("disabled");
  }
}
