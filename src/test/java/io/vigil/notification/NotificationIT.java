package io.vigil.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * In-app notifications: who hears of a task assigned or fallen overdue, that each user sees and
 * changes only their own, and reading them.
 */
class NotificationIT extends ApiTest {
  private static final String PASSWORD = "a-long-enough-password-1";

  private String tasks;

  @BeforeEach
  void incident() {
    createIncident("inc", "Phishing from the payroll look-alike domain");
    tasks = ws + "/incidents/inc/tasks";
  }

  /** A new account holding {@code roles} in the workspace {@code scope}. */
  private String userIn(String scope, String... roles) {
    String name = "n-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response user =
        api.put(
            "/api/users/" + name,
            "{\"properties\":{\"displayName\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\"}}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    for (String role : roles) {
      Api.Response assigned =
          api.put(
              "/api/roleAssignments/" + name + "-" + role,
              """
              {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
                  .formatted(name, role, scope));
      assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    }
    return name;
  }

  private String user(String... roles) {
    return userIn(workspaceScope(), roles);
  }

  private String workspaceScope() {
    return ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"));
  }

  private Api as(String user) {
    return api.as(user, PASSWORD);
  }

  private static String assignedTo(String type, String name) {
    return "\"assignedTo\":{\"type\":\"" + type + "\",\"name\":\"" + name + "\"}";
  }

  private void putTask(Api caller, String name, String properties) {
    Api.Response response = caller.put(tasks + "/" + name, "{\"properties\":{" + properties + "}}");
    assertThat(response.status()).as(response.body()).isIn(200, 201);
  }

  private static JsonNode notifications(Api caller, String query) {
    Api.Response response = caller.get("/api/notifications" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static List<JsonNode> list(Api caller) {
    List<JsonNode> all = new ArrayList<>();
    notifications(caller, "").path("value").forEach(all::add);
    return all;
  }

  @Test
  void assigningATaskToAUserNotifiesThatUserButNotTheActor() {
    String alice = user("Responder");
    String bob = user("Responder");
    putTask(
        as(alice),
        "reset",
        "\"title\":\"Reset the password\",\"status\":\"New\"," + assignedTo("User", bob));

    List<JsonNode> bobs = list(as(bob));
    assertThat(bobs).hasSize(1);
    JsonNode n = bobs.get(0);
    assertThat(n.path("kind").asString()).isEqualTo("TaskAssigned");
    assertThat(n.path("read").asBoolean()).isFalse();
    assertThat(n.path("actor").path("type").asString()).isEqualTo("User");
    assertThat(n.path("actor").path("name").asString()).isEqualTo(alice);
    assertThat(n.path("workspace").path("name").asString()).isEqualTo(workspaceName);
    assertThat(n.path("incident").path("name").asString()).isEqualTo("inc");
    assertThat(n.path("incident").path("incidentNumber").asLong()).isEqualTo(1);
    assertThat(n.path("incident").path("title").asString())
        .isEqualTo("Phishing from the payroll look-alike domain");
    assertThat(n.path("task").path("name").asString()).isEqualTo("reset");
    assertThat(n.path("task").path("title").asString()).isEqualTo("Reset the password");
    assertThat(n.path("link").asString())
        .isEqualTo("/ui/incident?id=" + Api.encode(ws + "/incidents/inc"));
    assertThat(notifications(as(bob), "").path("unreadCount").asLong()).isEqualTo(1);
    assertThat(list(as(alice))).isEmpty();

    // Saving the task without changing its assignee, or assigning it to oneself, notifies nobody.
    putTask(
        as(alice),
        "reset",
        "\"title\":\"Reset the password now\",\"status\":\"New\"," + assignedTo("User", bob));
    putTask(
        as(alice), "mine", "\"title\":\"Mine\",\"status\":\"New\"," + assignedTo("User", alice));
    assertThat(list(as(bob))).hasSize(1);
    assertThat(list(as(alice))).isEmpty();

    // Reassigning notifies the new assignee.
    putTask(
        as(bob),
        "reset",
        "\"title\":\"Reset the password\",\"status\":\"New\"," + assignedTo("User", alice));
    assertThat(list(as(alice))).hasSize(1);
  }

  @Test
  void aTaskAnAutomationRuleAddsForSomeoneNotifiesThem() {
    String bob = user("Responder");
    String ruleName = "Phishing checklist";
    Api.Response rule =
        api.put(
            ws + "/automationRules/checklist",
            """
            {"properties":{"displayName":"%s","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
              "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{
                "title":"Reset the password","assignedTo":{"type":"User","name":"%s"}}}]}}"""
                .formatted(ruleName, bob));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    createIncident("inc2", "Suspicious inbox rule");

    List<JsonNode> bobs = list(as(bob));
    assertThat(bobs).hasSize(1);
    assertThat(bobs.get(0).path("actor").path("type").asString()).isEqualTo("AutomationRule");
    assertThat(bobs.get(0).path("actor").path("name").asString()).isEqualTo(ruleName);
    assertThat(bobs.get(0).path("incident").path("name").asString()).isEqualTo("inc2");
  }

  @Test
  void assigningATaskToARoleNotifiesTheHoldersOfThatRoleInTheWorkspace() {
    String carol = user("Responder");
    String dave = user("Reader", "Responder");
    String erin = user("Reader");
    // Responder in another workspace only.
    String elsewhere =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
            + resourceGroup
            + "/providers/Microsoft.OperationalInsights/workspaces/other-"
            + workspaceName;
    assertThat(api.put(elsewhere, "{}").status()).isEqualTo(201);
    String frank = userIn(elsewhere, "Responder");

    putTask(
        api,
        "isolate",
        "\"title\":\"Isolate\",\"status\":\"New\"," + assignedTo("Role", "Responder"));

    assertThat(list(as(carol))).hasSize(1);
    assertThat(list(as(dave))).hasSize(1);
    assertThat(list(as(erin))).isEmpty();
    assertThat(list(as(frank))).isEmpty();
    assertThat(list(as(carol)).get(0).path("task").path("name").asString()).isEqualTo("isolate");
  }

  @Test
  void aTaskFallingOverdueNotifiesItsAssignee() throws InterruptedException {
    String bob = user("Responder");
    String carl = user("Responder");
    putTask(
        api,
        "contain",
        "\"title\":\"Contain\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT1H\"},"
            + assignedTo("User", bob));
    putTask(
        api,
        "left",
        "\"title\":\"Left\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT1H\"},"
            + assignedTo("User", carl));
    // Carl leaves the team: the workspace's incidents are no longer his to hear of.
    assertThat(api.delete("/api/roleAssignments/" + carl + "-Responder").status()).isEqualTo(200);
    putTask(
        api,
        "unassigned",
        "\"title\":\"Nobody's\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT1H\"}");
    assertThat(list(as(bob))).hasSize(1);

    clock.advance(Duration.ofHours(2));
    JsonNode overdue = null;
    for (int attempt = 0; attempt < 100 && overdue == null; attempt++) {
      for (JsonNode n : list(as(bob))) {
        if (n.path("kind").asString().equals("TaskOverdue")) {
          overdue = n;
        }
      }
      Thread.sleep(100);
    }
    assertThat(overdue).as("a TaskOverdue notification").isNotNull();
    assertThat(overdue.path("task").path("name").asString()).isEqualTo("contain");
    assertThat(overdue.path("actor").path("type").asString()).isEqualTo("System");
    assertThat(list(as(bob))).hasSize(2);
    assertThat(list(as(carl))).hasSize(1);
  }

  @Test
  void usersSeeAndReadOnlyTheirOwnNotifications() {
    String alice = user("Responder");
    String bob = user("Responder");
    for (String task : List.of("one", "two", "three")) {
      putTask(
          api, task, "\"title\":\"" + task + "\",\"status\":\"New\"," + assignedTo("User", bob));
    }
    putTask(api, "hers", "\"title\":\"Hers\",\"status\":\"New\"," + assignedTo("User", alice));

    List<JsonNode> bobs = list(as(bob));
    assertThat(bobs)
        .extracting(n -> n.path("task").path("name").asString())
        .containsExactly("three", "two", "one");
    String first = bobs.get(2).path("id").asString();

    // Someone else's notification does not exist for Alice, and stays unread.
    Api.Response foreign = as(alice).post("/api/notifications/" + first + "/read", null);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(as(alice).post("/api/notifications/nonsense/read", null).status()).isEqualTo(404);
    assertThat(list(as(alice))).hasSize(1);
    assertThat(notifications(as(bob), "").path("unreadCount").asLong()).isEqualTo(3);

    Api.Response read = as(bob).post("/api/notifications/" + first + "/read", null);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().path("read").asBoolean()).isTrue();
    assertThat(read.json().path("readTimeUtc").isString()).isTrue();
    JsonNode unread = notifications(as(bob), "?unread=true");
    assertThat(unread.path("unreadCount").asLong()).isEqualTo(2);
    assertThat(unread.path("value")).hasSize(2);

    // Paging, newest first, one at a time.
    JsonNode page = notifications(as(bob), "?$top=1");
    assertThat(page.path("value")).hasSize(1);
    assertThat(page.path("value").get(0).path("task").path("name").asString()).isEqualTo("three");
    Api.Response second =
        as(bob).send("GET", page.path("nextLink").asString(), null, java.util.Map.of());
    assertThat(second.json().path("value").get(0).path("task").path("name").asString())
        .isEqualTo("two");

    Api.Response all = as(bob).post("/api/notifications/markAllRead", null);
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json().path("markedRead").asInt()).isEqualTo(2);
    assertThat(notifications(as(bob), "").path("unreadCount").asLong()).isZero();
    assertThat(notifications(as(bob), "?unread=true").path("value")).isEmpty();
    // Alice's are untouched.
    assertThat(notifications(as(alice), "").path("unreadCount").asLong()).isEqualTo(1);
    assertThat(api.anonymous().get("/api/notifications").status()).isEqualTo(401);
  }
}
