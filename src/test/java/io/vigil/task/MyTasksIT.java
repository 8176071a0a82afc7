package io.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The "My tasks" queue across workspaces (who sees which tasks, its filters, sorting and paging)
 * and bulk actions on tasks, which apply to every task named or to none.
 */
class MyTasksIT extends ApiTest {
  private static final String PASSWORD = "a-long-enough-password-1";

  /** The caller of the queue, a Responder in this test's workspace. */
  private String me;

  private Api asMe;

  @BeforeEach
  void caller() {
    me = user();
    grant(me, "Responder", workspace(ws));
    asMe = api.as(me, PASSWORD);
  }

  private String user() {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response user =
        api.put(
            "/api/users/" + name,
            "{\"properties\":{\"displayName\":\"User "
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\"}}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    return name;
  }

  /** Gives {@code user} the role in the workspace; answers the assignment's id. */
  private String grant(String user, String role, String workspace) {
    String id = "/api/roleAssignments/" + UUID.randomUUID();
    Api.Response assigned =
        api.put(
            id,
            """
            {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
                .formatted(user, role, workspace));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    return id;
  }

  private static String workspace(String si) {
    return si.substring(0, si.indexOf("/providers/Microsoft.SecurityInsights"));
  }

  /** Another workspace; answers its SecurityInsights path. */
  private String otherWorkspace() {
    return anotherWorkspace("ws") + "/providers/Microsoft.SecurityInsights";
  }

  private void createIncident(String si, String name, String severity) {
    Api.Response created =
        api.put(si + "/incidents/" + name, incident("Incident " + name, severity, "New"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  /** Creates a task assigned as {@code assignedTo} says (JSON, or null); answers its id. */
  private String task(String si, String incident, String name, String assignedTo) {
    String id = si + "/incidents/" + incident + "/tasks/" + name;
    Api.Response created =
        api.put(
            id,
            "{\"properties\":{\"title\":\"Task "
                + name
                + "\",\"status\":\"New\""
                + (assignedTo == null ? "" : ",\"assignedTo\":" + assignedTo)
                + "}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return id;
  }

  private static String user(String name) {
    return "{\"type\":\"User\",\"name\":\"" + name + "\"}";
  }

  private static String role(String name) {
    return "{\"type\":\"Role\",\"name\":\"" + name + "\"}";
  }

  private JsonNode queue(Api caller, String query) {
    Api.Response response = caller.get("/api/myTasks" + (query.isEmpty() ? "" : "?" + query));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.path("value").forEach(t -> names.add(t.path("name").asString()));
    return names;
  }

  @Test
  void listsTheTasksAssignedToMeOrMyRolesInTheWorkspacesICanRead() {
    String readable = otherWorkspace();
    String hidden = otherWorkspace();
    grant(me, "Reader", workspace(readable));
    String revoked = grant(me, "Reader", workspace(hidden));
    String colleague = user();
    grant(colleague, "Responder", workspace(ws));
    createIncident(ws, "a", "High");
    createIncident(readable, "b", "Low");
    createIncident(hidden, "c", "Medium");
    task(ws, "a", "mine", user(me.toUpperCase()));
    task(ws, "a", "my-role", role("responder"));
    task(ws, "a", "other-role", role("Contributor"));
    task(ws, "a", "colleague", user(colleague));
    task(ws, "a", "no-one", null);
    task(readable, "b", "mine-there", user(me));
    task(readable, "b", "readers", role("Reader"));
    task(readable, "b", "responders-there", role("Responder"));
    // Assigned while the caller could see the workspace; no longer listed once they cannot.
    task(hidden, "c", "mine-hidden", user(me));
    assertThat(api.delete(revoked).status()).isEqualTo(200);

    JsonNode page = queue(asMe, "");
    assertThat(names(page)).containsExactlyInAnyOrder("mine", "my-role", "mine-there", "readers");
    assertThat(page.has("nextLink")).isFalse();
    JsonNode mine = page.path("value").get(names(page).indexOf("mine"));
    assertThat(mine.path("id").asString()).isEqualTo(ws + "/incidents/a/tasks/mine");
    assertThat(mine.path("type").asString())
        .isEqualTo("Microsoft.SecurityInsights/Incidents/Tasks");
    JsonNode p = mine.path("properties");
    assertThat(p.path("title").asString()).isEqualTo("Task mine");
    assertThat(p.path("assignedTo").path("name").asString()).isEqualTo(me);
    assertThat(p.path("incident").path("id").asString()).isEqualTo(ws + "/incidents/a");
    assertThat(p.path("incident").path("name").asString()).isEqualTo("a");
    assertThat(p.path("incident").path("incidentNumber").asLong()).isEqualTo(1);
    assertThat(p.path("incident").path("title").asString()).isEqualTo("Incident a");
    assertThat(p.path("incident").path("severity").asString()).isEqualTo("High");
    assertThat(p.path("incident").path("status").asString()).isEqualTo("New");
    assertThat(p.path("incident").path("incidentUrl").asString()).contains("/ui/incident?id=");
    assertThat(p.path("workspace").path("id").asString()).isEqualTo(workspace(ws));
    assertThat(p.path("workspace").path("name").asString()).isEqualTo(workspaceName);

    // The colleague sees theirs and the Responder role's; an administrator the ones named.
    assertThat(names(queue(api.as(colleague, PASSWORD), "")))
        .containsExactlyInAnyOrder("colleague", "my-role");
    task(hidden, "c", "admins", user(ADMIN));
    assertThat(names(queue(api, "workspace=" + Api.encode(workspace(hidden)))))
        .containsExactly("admins");
    // Someone without any role has an empty queue.
    assertThat(names(queue(api.as(user(), PASSWORD), ""))).isEmpty();
  }

  @Test
  void filtersByStatusSeverityAndWorkspace() {
    String other = otherWorkspace();
    grant(me, "Responder", workspace(other));
    createIncident(ws, "high", "High");
    createIncident(ws, "low", "Low");
    createIncident(other, "info", "Informational");
    String open = task(ws, "high", "open", user(me));
    String done = task(ws, "high", "done", user(me));
    String na = task(ws, "low", "na", user(me));
    task(other, "info", "elsewhere", user(me));
    api.put(done, "{\"properties\":{\"title\":\"Task done\",\"status\":\"Completed\"}}");
    api.put(
        na,
        "{\"properties\":{\"title\":\"Task na\",\"status\":\"New\","
            + "\"notApplicable\":{\"reason\":\"Reimaged\"}}}");

    assertThat(names(queue(asMe, "status=New"))).containsExactlyInAnyOrder("open", "elsewhere");
    assertThat(names(queue(asMe, "status=completed"))).containsExactly("done");
    assertThat(names(queue(asMe, "status=NotApplicable"))).containsExactly("na");
    assertThat(names(queue(asMe, "status=New,Completed")))
        .containsExactlyInAnyOrder("open", "done", "elsewhere");
    assertThat(names(queue(asMe, "severity=High"))).containsExactlyInAnyOrder("open", "done");
    assertThat(names(queue(asMe, "severity=low,informational")))
        .containsExactlyInAnyOrder("na", "elsewhere");
    assertThat(names(queue(asMe, "workspace=" + Api.encode(workspace(other).toUpperCase()))))
        .containsExactly("elsewhere");
    assertThat(
            names(queue(asMe, "status=New&severity=High&workspace=" + Api.encode(workspace(ws)))))
        .containsExactly("open");
    assertThat(open).isNotNull();

    String[][] refused = {
      {"status=Open", "'status'"},
      {"severity=Critical", "'severity'"},
      {"workspace=default", "'workspace'"},
      {"$orderby=properties/title", "$orderby"},
      {"$orderby=properties/createdTimeUtc%20up", "$orderby"},
      {"$top=0", "$top"},
      {"$skipToken=nonsense", "$skipToken"},
    };
    for (String[] c : refused) {
      Api.Response response = asMe.get("/api/myTasks?" + c[0]);
      assertThat(response.status()).as(c[0] + " " + response.body()).isEqualTo(400);
      assertThat(response.json().path("error").path("message").asString()).contains(c[1]);
    }
    // A workspace the caller cannot read is refused like one that does not exist.
    String hidden = otherWorkspace();
    Api.Response unreadable = asMe.get("/api/myTasks?workspace=" + Api.encode(workspace(hidden)));
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.json().path("error").path("message").asString())
        .contains("names no workspace you may read");
  }

  @Test
  void sortsAndPagesThroughNextLink() {
    String[] severities = {"Low", "High", "Medium", "High", "Informational"};
    for (int i = 0; i < severities.length; i++) {
      createIncident(ws, "inc" + i, severities[i]);
      task(ws, "inc" + i, "t" + i, user(me));
    }
    assertThat(names(queue(asMe, ""))).containsExactly("t0", "t1", "t2", "t3", "t4");
    assertThat(names(queue(asMe, "$orderby=properties/createdTimeUtc%20desc")))
        .containsExactly("t4", "t3", "t2", "t1", "t0");
    assertThat(names(queue(asMe, "$orderby=properties/incident/incidentNumber%20desc")))
        .containsExactly("t4", "t3", "t2", "t1", "t0");

    JsonNode first = queue(asMe, "$orderby=properties/incident/severity%20desc&$top=2");
    assertThat(first.path("nextLink").asString()).contains("$orderby=").contains("$top=2");
    // Ties (the two High incidents) in the order the tasks were created, descending too.
    assertThat(allPages(first)).containsExactly("t3", "t1", "t2", "t0", "t4");

    // A token made for one order is refused with another.
    String token =
        queue(asMe, "$top=2").path("nextLink").asString().replaceAll(".*\\$skipToken=", "");
    Api.Response mixed =
        asMe.get("/api/myTasks?$orderby=properties/incident/severity&$skipToken=" + token);
    assertThat(mixed.status()).isEqualTo(400);
  }

  /** Follows nextLink to the last page; answers the names of every page's tasks in order. */
  private List<String> allPages(JsonNode page) {
    List<String> seen = new ArrayList<>(names(page));
    while (page.has("nextLink")) {
      Api.Response response = asMe.send("GET", page.path("nextLink").asString(), null, Map.of());
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      page = response.json();
      seen.addAll(names(page));
    }
    return seen;
  }

  @Test
  void filtersOverdueTasksAndThoseDueBeforeATimeAndSortsByDueTime() {
    createIncident(ws, "a", "High");
    String created =
        api.get(ws + "/incidents/a").json().path("properties").path("createdTimeUtc").asString();
    String[][] tasks = {{"soon", "PT1H"}, {"later", "PT8H"}, {"none", null}, {"done", "PT1H"}};
    for (String[] t : tasks) {
      Api.Response response =
          api.put(
              ws + "/incidents/a/tasks/" + t[0],
              "{\"properties\":{\"title\":\"Task "
                  + t[0]
                  + "\",\"status\":\"New\",\"assignedTo\":"
                  + user(me)
                  + (t[1] == null ? "" : ",\"due\":{\"afterIncidentCreated\":\"" + t[1] + "\"}")
                  + "}}");
      assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
    api.put(
        ws + "/incidents/a/tasks/done",
        "{\"properties\":{\"title\":\"Task done\",\"status\":\"Completed\"}}");
    assertThat(names(queue(asMe, "overdue=true"))).isEmpty();

    clock.advance(Duration.ofHours(2));
    JsonNode overdue = queue(asMe, "overdue=true");
    assertThat(names(overdue)).containsExactly("soon");
    assertThat(overdue.path("value").get(0).path("properties").path("overdue").asBoolean())
        .isTrue();
    assertThat(names(queue(asMe, "overdue=FALSE"))).containsExactly("done", "later", "none");
    String fourHoursIn = Instant.parse(created).plus(Duration.ofHours(4)).toString();
    assertThat(names(queue(asMe, "dueBefore=" + Api.encode(fourHoursIn))))
        .containsExactly("soon", "done");
    assertThat(names(queue(asMe, "dueBefore=" + Api.encode(fourHoursIn) + "&status=New")))
        .containsExactly("soon");

    // Soonest due first by default, the tasks without a due time last; paging keeps the order.
    assertThat(names(queue(asMe, ""))).containsExactly("soon", "done", "later", "none");
    assertThat(allPages(queue(asMe, "$top=1"))).containsExactly("soon", "done", "later", "none");
    assertThat(allPages(queue(asMe, "$orderby=properties/due/timeUtc%20desc&$top=1")))
        .containsExactly("none", "later", "done", "soon");

    for (String[] c :
        new String[][] {{"overdue=maybe", "'overdue'"}, {"dueBefore=tomorrow", "'dueBefore'"}}) {
      Api.Response response = asMe.get("/api/myTasks?" + c[0]);
      assertThat(response.status()).as(c[0]).isEqualTo(400);
      assertThat(response.json().path("error").path("message").asString()).contains(c[1]);
    }
  }

  private Api.Response bulk(Api caller, String body) {
    return caller.post("/api/myTasks/bulk", body);
  }

  private static String ids(String... ids) {
    return "[\"" + String.join("\",\"", ids) + "\"]";
  }

  private JsonNode properties(String task) {
    return api.get(task).json().path("properties");
  }

  private List<String> changedFields(String task) {
    List<String> fields = new ArrayList<>();
    for (JsonNode event : api.get(task + "/history").json().path("value")) {
      if (event.path("actor").path("name").asString().startsWith("User " + me)) {
        event.path("changes").forEach(c -> fields.add(c.path("field").asString()));
      }
    }
    return fields;
  }

  private List<String> auditActions(String task) {
    List<String> actions = new ArrayList<>();
    for (JsonNode record :
        api.get("/api/audit?actor=" + me + "&resource=" + Api.encode(task)).json().path("value")) {
      if (record.path("resourceId").asString().equals(task)) {
        actions.add(record.path("action").asString());
      }
    }
    return actions;
  }

  @Test
  void aTaskNamedTwiceInABulkRequestIsChangedOnce() {
    createIncident(ws, "a", "High");
    String t1 = task(ws, "a", "t1", user(me));
    Api.Response completed =
        bulk(asMe, "{\"action\":\"Complete\",\"tasks\":" + ids(t1, t1.toUpperCase()) + "}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    assertThat(names(completed.json())).containsExactly("t1");
    assertThat(properties(t1).path("status").asString()).isEqualTo("Completed");
  }

  @Test
  void bulkActionsChangeEveryTaskNamedRecordingEachInItsHistoryAndTheAuditTrail() {
    String other = otherWorkspace();
    grant(me, "Responder", workspace(other));
    String colleague = user();
    grant(colleague, "Reader", workspace(ws));
    grant(colleague, "Reader", workspace(other));
    createIncident(ws, "a", "High");
    createIncident(other, "b", "Low");
    String t1 = task(ws, "a", "t1", user(me));
    String t2 = task(ws, "a", "t2", role("Responder"));
    String t3 = task(other, "b", "t3", user(me));
    String all = ids(t3, t1, t2);

    Api.Response completed = bulk(asMe, "{\"action\":\"Complete\",\"tasks\":" + all + "}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    assertThat(names(completed.json())).containsExactly("t3", "t1", "t2");
    for (String t : List.of(t1, t2, t3)) {
      assertThat(properties(t).path("status").asString()).isEqualTo("Completed");
      assertThat(properties(t).path("completedBy").path("userPrincipalName").asString())
          .isEqualTo(me);
    }
    JsonNode a = api.get(ws + "/incidents/a").json().path("properties").path("additionalData");
    assertThat(a.path("completedTasksCount").asInt()).isEqualTo(2);

    Api.Response reopened = bulk(asMe, "{\"action\":\"reopen\",\"tasks\":" + ids(t1, t3) + "}");
    assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
    assertThat(properties(t1).path("status").asString()).isEqualTo("New");
    assertThat(properties(t2).path("status").asString()).isEqualTo("Completed");

    Api.Response assigned =
        bulk(
            asMe,
            "{\"action\":\"Assign\",\"tasks\":"
                + ids(t1, t3)
                + ",\"assignedTo\":"
                + user(colleague)
                + "}");
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(properties(t3).path("assignedTo").path("name").asString()).isEqualTo(colleague);

    Api.Response marked =
        bulk(
            asMe,
            "{\"action\":\"MarkNotApplicable\",\"tasks\":"
                + ids(t1, t3)
                + ",\"reason\":\"Handled by the vendor\"}");
    assertThat(marked.status()).as(marked.body()).isEqualTo(200);
    assertThat(properties(t1).path("notApplicable").path("reason").asString())
        .isEqualTo("Handled by the vendor");
    assertThat(properties(t1).path("status").asString()).isEqualTo("New");

    // Reopening a Not applicable task makes it apply again.
    assertThat(bulk(asMe, "{\"action\":\"Reopen\",\"tasks\":" + ids(t3) + "}").status())
        .isEqualTo(200);
    assertThat(properties(t3).has("notApplicable")).isFalse();

    assertThat(changedFields(t1))
        .containsExactly("status", "status", "assignedTo", "notApplicable");
    assertThat(changedFields(t3))
        .containsExactly("status", "status", "assignedTo", "notApplicable", "notApplicable");
    assertThat(changedFields(t2)).containsExactly("status");
    assertThat(auditActions(t1))
        .containsExactly("TaskUpdated", "TaskUpdated", "TaskUpdated", "TaskUpdated");
    assertThat(auditActions(t2)).containsExactly("TaskUpdated");
    assertThat(auditActions(t3)).hasSize(5);
  }

  private record Snapshot(List<String> etags, String incidentEtag) {}

  private Snapshot snapshot(String... tasks) {
    List<String> etags = new ArrayList<>();
    for (String t : tasks) {
      etags.add(api.get(t).json().path("etag").asString());
    }
    return new Snapshot(etags, api.get(ws + "/incidents/a").json().path("etag").asString());
  }

  @Test
  void aBulkRequestThatCannotApplyToEveryTaskChangesNoneAndNamesTheBlockingOnes() {
    String readOnly = otherWorkspace();
    grant(me, "Reader", workspace(readOnly));
    String outsider = user();
    createIncident(ws, "a", "High");
    createIncident(readOnly, "r", "Low");
    String t1 = task(ws, "a", "t1", user(me));
    String t2 = task(ws, "a", "t2", null);
    String done = task(ws, "a", "done", null);
    api.put(done, "{\"properties\":{\"title\":\"Task done\",\"status\":\"Completed\"}}");
    String notMine = task(readOnly, "r", "read-only", user(me));
    String unknown = ws + "/incidents/a/tasks/nope";
    Snapshot before = snapshot(t1, t2, done, notMine);

    // A task in a workspace where the caller is only a Reader: 403 naming it, among others.
    Api.Response forbidden =
        bulk(asMe, "{\"action\":\"Complete\",\"tasks\":" + ids(t1, notMine, unknown, t2) + "}");
    assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
    JsonNode error = forbidden.json().path("error");
    assertThat(error.path("code").asString()).isEqualTo("AuthorizationFailed");
    assertThat(error.path("message").asString()).contains("Nothing was changed: 2 of the 4 tasks");
    List<String> targets = new ArrayList<>();
    error.path("details").forEach(d -> targets.add(d.path("target").asString()));
    assertThat(targets).containsExactly(notMine, unknown);
    assertThat(error.path("details").get(0).path("code").asString())
        .isEqualTo("AuthorizationFailed");
    assertThat(error.path("details").get(1).path("code").asString()).isEqualTo("NotFound");

    // Only unknown tasks (or ids that name no task): 404.
    Api.Response missing =
        bulk(
            asMe,
            "{\"action\":\"Complete\",\"tasks\":"
                + ids(t1, unknown, ws + "/incidents/zz/tasks/t1")
                + "}");
    assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    assertThat(missing.json().path("error").path("details")).hasSize(2);
    Api.Response malformed = bulk(asMe, "{\"action\":\"Complete\",\"tasks\":[\"t1\"]}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("error").path("message").asString())
        .contains("'t1' is not a task id");

    // An assignee who holds no role in the workspace, or no account: every task is named.
    for (String assignee : List.of(user(outsider), user("nobody-" + UUID.randomUUID()))) {
      Api.Response refused =
          bulk(
              asMe,
              "{\"action\":\"Assign\",\"tasks\":"
                  + ids(t1, t2)
                  + ",\"assignedTo\":"
                  + assignee
                  + "}");
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("error").path("details")).hasSize(2);
      assertThat(refused.json().path("error").path("message").asString()).contains("'assignedTo'");
    }
    // Not applicable on a Completed task: reopen it first.
    Api.Response completedNa =
        bulk(
            asMe,
            "{\"action\":\"MarkNotApplicable\",\"tasks\":" + ids(t1, done) + ",\"reason\":\"x\"}");
    assertThat(completedNa.status()).as(completedNa.body()).isEqualTo(400);
    assertThat(completedNa.json().path("error").path("details").get(0).path("target").asString())
        .isEqualTo(done);

    // Bad requests name the field.
    String[][] bad = {
      {"{\"action\":\"MarkNotApplicable\",\"tasks\":" + ids(t1) + "}", "'reason'"},
      {"{\"action\":\"MarkNotApplicable\",\"tasks\":" + ids(t1) + ",\"reason\":\" \"}", "'reason'"},
      {"{\"action\":\"Assign\",\"tasks\":" + ids(t1) + "}", "'assignedTo'"},
      {
        "{\"action\":\"Assign\",\"tasks\":" + ids(t1) + ",\"assignedTo\":{\"name\":\"x\"}}",
        "'assignedTo.type'"
      },
      {"{\"action\":\"Delete\",\"tasks\":" + ids(t1) + "}", "'action'"},
      {"{\"tasks\":" + ids(t1) + "}", "'action'"},
      {"{\"action\":\"Complete\",\"tasks\":[]}", "'tasks'"},
      {"{\"action\":\"Complete\",\"tasks\":\"" + t1 + "\"}", "'tasks'"},
    };
    for (String[] c : bad) {
      Api.Response response = bulk(asMe, c[0]);
      assertThat(response.status()).as(c[0] + " " + response.body()).isEqualTo(400);
      assertThat(response.json().path("error").path("message").asString()).as(c[0]).contains(c[1]);
    }

    assertThat(snapshot(t1, t2, done, notMine)).isEqualTo(before);
    assertThat(changedFields(t1)).isEmpty();
    assertThat(auditActions(t1)).isEmpty();
  }
}
