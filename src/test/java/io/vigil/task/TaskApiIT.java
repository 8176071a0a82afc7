package io.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TaskApiIT extends ApiTest {
  private String tasks;

  @BeforeEach
  void incident() {
    createIncident("inc", "Phishing");
    tasks = ws + "/incidents/inc/tasks";
  }

  private static String task(String title, String description, String status) {
    return description == null
        ? """
          {"properties":{"title":"%s","status":"%s"}}"""
            .formatted(title, status)
        : """
          {"properties":{"title":"%s","description":%s,"status":"%s"}}"""
            .formatted(title, description, status);
  }

  @Test
  void createsATaskRecordingWhoCreatedItByHand() {
    Api.Response created =
        api.put(
            tasks + "/t1", task("Reset user password", "\"<p>Use the <b>portal</b></p>\"", "New"));
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("id").asString()).isEqualTo(tasks + "/t1");
    assertThat(body.path("type").asString())
        .isEqualTo("Microsoft.SecurityInsights/Incidents/Tasks");
    assertThat(body.path("etag").asString()).startsWith("\"");
    JsonNode p = body.path("properties");
    assertThat(p.path("title").asString()).isEqualTo("Reset user password");
    assertThat(p.path("description").asString()).isEqualTo("<p>Use the <b>portal</b></p>");
    assertThat(p.path("status").asString()).isEqualTo("New");
    assertThat(p.path("createdByType").asString()).isEqualTo("User");
    assertThat(p.path("createdBy").path("name").asString()).isEqualTo(ADMIN);
    assertThat(p.path("createdBy").path("userPrincipalName").asString()).isEqualTo(ADMIN);
    assertThat(p.path("createdBy").path("objectId").asString()).hasSize(36);
    assertThat(p.path("lastModifiedBy").path("name").asString()).isEqualTo(ADMIN);
    assertThat(p.path("createdTimeUtc").asString()).isNotEmpty();
    assertThat(p.has("completedBy")).isFalse();

    assertThat(api.get(tasks + "/t1").json().path("properties").path("title").asString())
        .isEqualTo("Reset user password");
  }

  @Test
  void completesAndReopensATaskKeepingTheCompletionRecord() {
    api.put(tasks + "/t1", task("Isolate host", null, "New"));
    Api.Response completed = api.put(tasks + "/t1", task("Isolate host", null, "Completed"));
    assertThat(completed.status()).isEqualTo(200);
    JsonNode p = completed.json().path("properties");
    assertThat(p.path("status").asString()).isEqualTo("Completed");
    assertThat(p.path("completedBy").path("name").asString()).isEqualTo(ADMIN);
    String completedAt = p.path("completedTimeUtc").asString();
    assertThat(completedAt).isNotEmpty();

    // Saving it again while completed keeps who completed it and when.
    JsonNode again = api.put(tasks + "/t1", task("Isolate host now", null, "Completed")).json();
    assertThat(again.path("properties").path("completedTimeUtc").asString()).isEqualTo(completedAt);

    JsonNode reopened = api.put(tasks + "/t1", task("Isolate host", null, "New")).json();
    assertThat(reopened.path("properties").path("status").asString()).isEqualTo("New");
    assertThat(reopened.path("properties").has("completedBy")).isFalse();
    assertThat(reopened.path("properties").has("completedTimeUtc")).isFalse();
  }

  @Test
  void listsTasksInCreationOrderAcrossPages() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Names that sort differently from creation order.
      String name = "task-" + (char) ('z' - i);
      api.put(tasks + "/" + name, task("Step " + i, null, "New"));
      created.add(name);
    }
    api.put(tasks + "/task-z", task("Step 0 renamed", null, "Completed"));
    List<String> listed = new ArrayList<>();
    String next = api.baseUrl() + Api.withVersion(tasks + "?$top=3");
    while (next != null) {
      JsonNode page = api.send("GET", next, null, Map.of()).json();
      page.path("value").forEach(t -> listed.add(t.path("name").asString()));
      next = page.has("nextLink") ? page.path("nextLink").asString() : null;
    }
    assertThat(listed).isEqualTo(created);
  }

  @Test
  void theIncidentCountsItsTasksAndTheCompletedOnes() {
    api.put(tasks + "/t1", task("Isolate host", null, "New"));
    api.put(tasks + "/t2", task("Reset password", null, "Completed"));
    api.put(tasks + "/t3", task("Notify the user", null, "New"));
    api.put(tasks + "/t1", task("Isolate host", null, "Completed"));
    api.put(tasks + "/t2", task("Reset password", null, "New"));
    api.put(tasks + "/t2", task("Reset password", null, "Completed"));
    api.delete(tasks + "/t3");
    JsonNode data = api.get(ws + "/incidents/inc").json().path("properties").path("additionalData");
    assertThat(data.path("tasksCount").asInt()).isEqualTo(2);
    assertThat(data.path("completedTasksCount").asInt()).isEqualTo(2);
    api.delete(tasks + "/t2");
    JsonNode listed =
        api.get(ws + "/incidents")
            .json()
            .path("value")
            .get(0)
            .path("properties")
            .path("additionalData");
    assertThat(listed.path("tasksCount").asInt()).isEqualTo(1);
    assertThat(listed.path("completedTasksCount").asInt()).isEqualTo(1);
  }

  @Test
  void deletesATask() {
    api.put(tasks + "/t1", task("Temporary", null, "New"));
    assertThat(api.delete(tasks + "/t1").status()).isEqualTo(200);
    assertThat(api.get(tasks + "/t1").status()).isEqualTo(404);
    assertThat(api.delete(tasks + "/t1").status()).isEqualTo(204);
  }

  @Test
  void sanitisesDescriptionsKeepingRichText() {
    String description =
        "\"<p>See <a href=\\\"https://learn.microsoft.com\\\">the runbook</a>"
            + " <a href=\\\"javascript:alert(1)\\\">bad</a></p>"
            + "<ol><li>First</li><li>Second</li></ol><ul><li>Bullet</li></ul>"
            + "<pre><code>Reset-Password -User x</code></pre>"
            + "<img src=\\\"https://example.com/a.png\\\" onerror=\\\"alert(1)\\\">"
            + "<script>alert(1)</script><b onclick=\\\"alert(1)\\\">bold</b>\"";
    String stored =
        api.put(tasks + "/t1", task("Rich", description, "New"))
            .json()
            .path("properties")
            .path("description")
            .asString();
    assertThat(stored)
        .contains("<a href=\"https://learn.microsoft.com\"")
        .contains("<ol><li>First</li><li>Second</li></ol>")
        .contains("<ul><li>Bullet</li></ul>")
        .contains("<pre><code>Reset-Password -User x</code></pre>")
        .contains("<img src=\"https://example.com/a.png\">")
        .contains("<b>bold</b>")
        .doesNotContain("script")
        .doesNotContain("javascript:")
        .doesNotContain("onerror")
        .doesNotContain("onclick");
  }

  @Test
  void refusesAStaleEtag() {
    String etag = api.put(tasks + "/t1", task("One", null, "New")).json().path("etag").asString();
    api.put(tasks + "/t1", task("Two", null, "New"));
    Api.Response stale =
        api.put(tasks + "/t1", task("Three", null, "Completed"), Map.of("If-Match", etag));
    assertThat(stale.status()).isEqualTo(412);
    JsonNode current = api.get(tasks + "/t1").json().path("properties");
    assertThat(current.path("title").asString()).isEqualTo("Two");
    assertThat(current.path("status").asString()).isEqualTo("New");
  }

  @Test
  void validatesTitleAndStatus() {
    Api.Response noTitle = api.put(tasks + "/t1", "{\"properties\":{\"status\":\"New\"}}");
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.json().path("error").path("message").asString())
        .contains("properties.title");

    Api.Response badStatus = api.put(tasks + "/t1", task("x", null, "Done"));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().path("error").path("message").asString())
        .contains("properties.status")
        .contains("Done");

    Api.Response longTitle = api.put(tasks + "/t1", task("x".repeat(1025), null, "New"));
    assertThat(longTitle.status()).isEqualTo(400);
    assertThat(longTitle.json().path("error").path("message").asString())
        .contains("properties.title");

    assertThat(api.put(ws + "/incidents/none/tasks/t1", task("x", null, "New")).status())
        .isEqualTo(404);
    assertThat(api.get(tasks + "/t1").status()).isEqualTo(404);
  }

  @Test
  void goesWithItsIncident() {
    api.put(tasks + "/t1", task("One", null, "New"));
    api.delete(ws + "/incidents/inc");
    createIncident("inc", "Same name, new incident");
    assertThat(api.get(tasks).json().path("value")).isEmpty();
  }
}
