package io.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Task templates: their versions, applying them by hand and by automation rules without adding a
 * task twice, refusals that change nothing, and import and export.
 */
class TaskTemplateIT extends ApiTest {
  private static final String PHISHING =
      """
      {"properties":{"displayName":"Phishing","description":"Steps for a phishing report",
        "tasks":[
          {"title":"Reset user password","description":"<p>Use the portal<script>x()</script></p>",
           "assignedTo":{"type":"role","name":"responder"},"dueAfterIncidentCreated":"PT4H",
           "mandatory":true},
          {"key":"notify","title":"Notify the data protection officer"}]}}""";

  private String templates() {
    return ws + "/taskTemplates";
  }

  private JsonNode putTemplate(String name, String body, int status) {
    Api.Response response = api.put(templates() + "/" + name, body);
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    return response.json();
  }

  private Api.Response apply(String incident, String body) {
    return api.post(ws + "/incidents/" + incident + "/applyTaskTemplate", body);
  }

  private JsonNode applied(String incident, String template) {
    Api.Response response = apply(incident, "{\"templateName\":\"" + template + "\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private List<String> taskNames(String incident) {
    List<String> names = new ArrayList<>();
    api.get(ws + "/incidents/" + incident + "/tasks")
        .json()
        .path("value")
        .forEach(t -> names.add(t.path("name").asString()));
    return names;
  }

  private static List<String> names(JsonNode tasks) {
    List<String> names = new ArrayList<>();
    tasks.forEach(t -> names.add(t.path("name").asString()));
    return names;
  }

  @Test
  void aDescriptionThatOutgrowsItsColumnOnceMadeSafeIsRefusedNamingIt() {
    // 100,000 characters are allowed; made safe, each '&' becomes "&amp;".
    String ampersands = "&".repeat(100_000);
    Api.Response template =
        api.put(
            templates() + "/big",
            "{\"properties\":{\"tasks\":[{\"title\":\"T\",\"description\":\""
                + ampersands
                + "\"}]}}");
    assertThat(template.status()).isEqualTo(400);
    assertThat(template.json().path("error").path("message").asString())
        .contains("properties.tasks[0].description");
    assertThat(api.get(templates() + "/big").status()).isEqualTo(404);

    createIncident("inc", "Phishing");
    Api.Response task =
        api.put(
            ws + "/incidents/inc/tasks/big",
            "{\"properties\":{\"title\":\"T\",\"status\":\"New\",\"description\":\""
                + ampersands
                + "\"}}");
    assertThat(task.status()).isEqualTo(400);
    assertThat(task.json().path("error").path("message").asString())
        .contains("properties.description");
    assertThat(api.get(ws + "/incidents/inc/tasks/big").status()).isEqualTo(404);
  }

  @Test
  void aTemplateIsVersionedOnEveryChangeAndKeepsItsOldVersions() {
    JsonNode created = putTemplate("phishing", PHISHING, 201);
    assertThat(created.path("type").asString())
        .isEqualTo("Microsoft.SecurityInsights/taskTemplates");
    assertThat(created.path("id").asString()).isEqualTo(templates() + "/phishing");
    JsonNode p = created.path("properties");
    assertThat(p.path("version").asInt()).isEqualTo(1);
    assertThat(p.path("displayName").asString()).isEqualTo("Phishing");
    JsonNode first = p.path("tasks").get(0);
    // A task without a key gets one from its title; descriptions are sanitised like tasks'.
    assertThat(first.path("key").asString()).isEqualTo("reset-user-password");
    assertThat(first.path("description").asString()).isEqualTo("<p>Use the portal</p>");
    assertThat(first.path("assignedTo").path("type").asString()).isEqualTo("Role");
    assertThat(first.path("assignedTo").path("name").asString()).isEqualTo("Responder");
    assertThat(first.path("dueAfterIncidentCreated").asString()).isEqualTo("PT4H");
    assertThat(first.path("mandatory").asBoolean()).isTrue();
    assertThat(p.path("tasks").get(1).path("key").asString()).isEqualTo("notify");
    assertThat(p.path("tasks").get(1).path("mandatory").asBoolean()).isFalse();

    // The same content again is no change: same version, same etag.
    JsonNode same = putTemplate("PHISHING", PHISHING, 200);
    assertThat(same.path("properties").path("version").asInt()).isEqualTo(1);
    assertThat(same.path("etag").asString()).isEqualTo(created.path("etag").asString());
    assertThat(same.path("name").asString()).isEqualTo("phishing");

    JsonNode second =
        putTemplate("phishing", PHISHING.replace("\"Phishing\"", "\"Phishing v2\""), 200);
    assertThat(second.path("properties").path("version").asInt()).isEqualTo(2);
    // A stale etag is refused and changes nothing.
    Api.Response stale =
        api.put(
            templates() + "/phishing",
            PHISHING.replace("\"Phishing\"", "\"Stale\""),
            Map.of("If-Match", created.path("etag").asString()));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(api.get(templates() + "/phishing").json().path("properties").path("version").asInt())
        .isEqualTo(2);

    JsonNode versions = api.get(templates() + "/phishing/versions").json().path("value");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).path("name").asString()).isEqualTo("2");
    assertThat(versions.get(1).path("properties").path("displayName").asString())
        .isEqualTo("Phishing");
    Api.Response v1 = api.get(templates() + "/phishing/versions/1");
    assertThat(v1.json().path("id").asString()).isEqualTo(templates() + "/phishing/versions/1");
    assertThat(v1.json().path("properties").path("displayName").asString()).isEqualTo("Phishing");
    assertThat(api.get(templates() + "/phishing/versions/3").status()).isEqualTo(404);

    putTemplate("another", PHISHING, 201);
    JsonNode page = api.get(templates() + "?$top=1").json();
    assertThat(names(page.path("value"))).containsExactly("another");
    JsonNode next = api.send("GET", page.path("nextLink").asString(), null, Map.of()).json();
    assertThat(names(next.path("value"))).containsExactly("phishing");
    assertThat(next.has("nextLink")).isFalse();

    assertThat(api.delete(templates() + "/phishing").status()).isEqualTo(200);
    assertThat(api.delete(templates() + "/phishing").status()).isEqualTo(204);
    assertThat(api.get(templates() + "/phishing").status()).isEqualTo(404);
    assertThat(api.get(templates() + "/phishing/versions").status()).isEqualTo(404);
  }

  @Test
  void appliedTwiceATemplateAddsItsTasksOnceAndALaterVersionOnlyItsNewTasks() {
    putTemplate("phishing", PHISHING, 201);
    createIncident("inc", "Reported phish");
    api.put(
        ws + "/incidents/inc/tasks/by-hand",
        "{\"properties\":{\"title\":\"Look\",\"status\":\"New\"}}");

    JsonNode first = applied("inc", "phishing");
    assertThat(first.path("version").asInt()).isEqualTo(1);
    assertThat(names(first.path("added")))
        .containsExactly("tpl-phishing.reset-user-password", "tpl-phishing.notify");
    assertThat(first.path("alreadyPresent")).isEmpty();
    JsonNode reset = first.path("added").get(0).path("properties");
    assertThat(reset.path("title").asString()).isEqualTo("Reset user password");
    assertThat(reset.path("mandatory").asBoolean()).isTrue();
    assertThat(reset.path("assignedTo").path("name").asString()).isEqualTo("Responder");
    assertThat(reset.path("createdByType").asString()).isEqualTo("User");
    // Its due time is the template's, reckoned from the incident's creation.
    OffsetDateTime created =
        OffsetDateTime.parse(
            api.get(ws + "/incidents/inc")
                .json()
                .path("properties")
                .path("createdTimeUtc")
                .asString());
    assertThat(OffsetDateTime.parse(reset.path("due").path("timeUtc").asString()))
        .isEqualTo(created.plusHours(4));
    assertThat(reset.path("due").path("afterIncidentCreated").asString()).isEqualTo("PT4H");
    assertThat(first.path("added").get(1).path("properties").has("due")).isFalse();

    JsonNode again = applied("inc", "phishing");
    assertThat(again.path("added")).isEmpty();
    assertThat(names(again.path("alreadyPresent")))
        .containsExactly("tpl-phishing.reset-user-password", "tpl-phishing.notify");
    assertThat(taskNames("inc"))
        .containsExactly("by-hand", "tpl-phishing.reset-user-password", "tpl-phishing.notify");

    // Version 2 keeps the titles (so the keys) and adds a task: only that one is added.
    putTemplate(
        "phishing",
        PHISHING.replace(
            "{\"key\":\"notify\"", "{\"title\":\"Block the sender\"},{\"key\":\"notify\""),
        200);
    JsonNode third = applied("inc", "phishing");
    assertThat(third.path("version").asInt()).isEqualTo(2);
    assertThat(names(third.path("added"))).containsExactly("tpl-phishing.block-the-sender");
    assertThat(third.path("alreadyPresent")).hasSize(2);
    assertThat(taskNames("inc")).hasSize(4).endsWith("tpl-phishing.block-the-sender");

    // The task's history says which template and version added it.
    JsonNode added =
        api.get(ws + "/incidents/inc/tasks/tpl-phishing.block-the-sender/history")
            .json()
            .path("value")
            .get(0);
    JsonNode origin = null;
    for (JsonNode change : added.path("changes")) {
      if (change.path("field").asString().equals("template")) {
        origin = change.path("newValue");
      }
    }
    assertThat(origin).isNotNull();
    assertThat(origin.path("name").asString()).isEqualTo("phishing");
    assertThat(origin.path("version").asInt()).isEqualTo(2);

    // An older version can be applied by number; its tasks are there already.
    Api.Response old = apply("inc", "{\"templateName\":\"phishing\",\"version\":1}");
    assertThat(old.status()).as(old.body()).isEqualTo(200);
    assertThat(old.json().path("added")).isEmpty();
  }

  @Test
  void concurrentApplicationsAddEachTaskOnce() throws Exception {
    putTemplate("phishing", PHISHING, 201);
    createIncident("inc", "Reported phish");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Api.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> apply("inc", "{\"templateName\":\"phishing\"}"));
      }
      int added = 0;
      for (Future<Api.Response> result : pool.invokeAll(calls)) {
        assertThat(result.get().status()).as(result.get().body()).isEqualTo(200);
        added += result.get().json().path("added").size();
      }
      assertThat(added).isEqualTo(2);
    } finally {
      pool.shutdown();
    }
    assertThat(taskNames("inc")).hasSize(2);
  }

  @Test
  void applyingIsRefusedOnAClosedIncidentAndForAnUnknownTemplateChangingNothing() {
    putTemplate("phishing", PHISHING, 201);
    createIncident("inc", "Reported phish");

    Api.Response unknown = apply("inc", "{\"templateName\":\"nope\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asString())
        .contains("'templateName'")
        .contains("nope");
    Api.Response noVersion = apply("inc", "{\"templateName\":\"phishing\",\"version\":7}");
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(noVersion.json().path("error").path("message").asString()).contains("version 7");
    Api.Response missing = apply("inc", "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("message").asString()).contains("'templateName'");
    assertThat(apply("nothing-here", "{\"templateName\":\"phishing\"}").status()).isEqualTo(404);

    api.put(
        ws + "/incidents/inc",
        """
        {"properties":{"title":"Reported phish","severity":"Medium","status":"Closed",
          "classification":"FalsePositive"}}""");
    Api.Response closed = apply("inc", "{\"templateName\":\"phishing\"}");
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.json().path("error").path("code").asString()).isEqualTo("IncidentClosed");
    assertThat(taskNames("inc")).isEmpty();
  }

  @Test
  void badTemplatesAreRefusedNamingTheFieldAndStoreNothing() {
    Map<String, String> bad =
        Map.of(
            "{\"properties\":{\"tasks\":[]}}", "properties.tasks",
            "{\"properties\":{\"tasks\":[{\"title\":\"a\"},{\"description\":\"x\"}]}}",
                "properties.tasks[1].title",
            "{\"properties\":{\"tasks\":[{\"title\":\"a\",\"dueAfterIncidentCreated\":\"4 hours\"}]}}",
                "properties.tasks[0].dueAfterIncidentCreated",
            "{\"properties\":{\"tasks\":[{\"title\":\"a\",\"assignedTo\":{\"type\":\"User\",\"name\":\"nobody-here\"}}]}}",
                "properties.tasks[0].assignedTo",
            "{\"properties\":{\"tasks\":[{\"title\":\"a\",\"key\":\"x\"},{\"title\":\"b\",\"key\":\"X\"}]}}",
                "properties.tasks[1].key",
            "{\"properties\":{\"tasks\":[{\"title\":\"a\",\"key\":\"a.b\"}]}}",
                "properties.tasks[0].key",
            "{\"properties\":{\"tasks\":[{\"title\":\"a\",\"mandatory\":\"yes\"}]}}",
                "properties.tasks[0].mandatory");
    bad.forEach(
        (body, field) -> {
          Api.Response response = api.put(templates() + "/t", body);
          assertThat(response.status()).as(body).isEqualTo(400);
          assertThat(response.json().path("error").path("message").asString())
              .as(body)
              .contains("'" + field + "'");
        });
    assertThat(api.get(templates() + "/t").status()).isEqualTo(404);
    assertThat(api.put(templates() + "/bad~name", PHISHING).status()).isEqualTo(400);

    putTemplate("phishing", PHISHING, 201);
    Api.Response refused =
        api.put(templates() + "/phishing", "{\"properties\":{\"tasks\":[{\"title\":\"\"}]}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(api.get(templates() + "/phishing").json().path("properties").path("version").asInt())
        .isEqualTo(1);
  }

  @Test
  void templatesExportAndImportAsJsonAllOrNothing() {
    putTemplate("phishing", PHISHING, 201);
    putTemplate(
        "malware",
        "{\"properties\":{\"tasks\":[{\"key\":\"isolate\",\"title\":\"Isolate the host\"}]}}",
        201);
    Api.Response exported = api.post(ws + "/exportTaskTemplates", "{}");
    assertThat(exported.status()).as(exported.body()).isEqualTo(200);
    JsonNode document = exported.json();
    assertThat(names(document.path("templates"))).containsExactly("malware", "phishing");
    assertThat(document.path("templates").get(0).path("properties").path("displayName").asString())
        .isEqualTo("malware");

    Api.Response one = api.post(ws + "/exportTaskTemplates", "{\"names\":[\"PHISHING\"]}");
    assertThat(names(one.json().path("templates"))).containsExactly("phishing");
    Api.Response unknown = api.post(ws + "/exportTaskTemplates", "{\"names\":[\"nope\"]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asString()).contains("'names'");

    api.delete(templates() + "/phishing");
    api.delete(templates() + "/malware");
    Api.Response imported = api.post(ws + "/importTaskTemplates", document.toString());
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(names(imported.json().path("value"))).containsExactly("malware", "phishing");
    JsonNode again = api.post(ws + "/exportTaskTemplates", "{}").json();
    assertThat(again).isEqualTo(document);

    // One bad template refuses the whole document: the first one is not stored either.
    String broken =
        """
        {"templates":[
          {"name":"fresh","properties":{"tasks":[{"title":"Fine"}]}},
          {"name":"broken","properties":{"tasks":[{"description":"no title"}]}}]}""";
    Api.Response refused = api.post(ws + "/importTaskTemplates", broken);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").path("message").asString())
        .contains("'templates[1].properties.tasks[0].title'");
    assertThat(api.get(templates() + "/fresh").status()).isEqualTo(404);
  }

  @Test
  void anAutomationRuleAppliesATemplateToNewIncidentsAndMustNameOne() {
    putTemplate("phishing", PHISHING, 201);
    Api.Response unknown = api.put(ws + "/automationRules/checklist", rule("nope"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asString())
        .contains("'properties.actions[0].actionConfiguration.templateName'")
        .contains("nope");

    Api.Response saved = api.put(ws + "/automationRules/checklist", rule("phishing"));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(
            api.get(
                    ws
                        + "/automationRules?$filter="
                        + Api.encode(
                            "properties/actions/any(a: a/actionType eq 'AddTaskTemplate')"))
                .json()
                .path("value"))
        .hasSize(1);

    createIncident("inc", "Reported phish");
    JsonNode tasks = api.get(ws + "/incidents/inc/tasks").json().path("value");
    assertThat(names(tasks))
        .containsExactly("tpl-phishing.reset-user-password", "tpl-phishing.notify");
    assertThat(tasks.get(0).path("properties").path("createdByType").asString())
        .isEqualTo("AutomationRule");
    JsonNode run = api.get(ws + "/incidents/inc/automationRuns").json().path("value").get(0);
    assertThat(run.path("actions").get(0).path("status").asString()).isEqualTo("Succeeded");

    // Applying it by hand afterwards adds nothing.
    assertThat(applied("inc", "phishing").path("added")).isEmpty();

    // A template deleted after the rule was saved fails the action visibly.
    api.delete(templates() + "/phishing");
    createIncident("inc2", "Another phish");
    JsonNode failed = api.get(ws + "/incidents/inc2/automationRuns").json().path("value").get(0);
    assertThat(failed.path("actions").get(0).path("status").asString()).isEqualTo("Failed");
    assertThat(taskNames("inc2")).isEmpty();
  }

  private static String rule(String template) {
    return """
        {"properties":{"displayName":"Phishing checklist","order":1,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created",
            "conditions":[]},
          "actions":[{"order":1,"actionType":"AddTaskTemplate",
            "actionConfiguration":{"templateName":"%s"}}]}}"""
        .formatted(template);
  }
}
