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

/** Vigil's task extensions: mandatory tasks, Not applicable, manual order and task history. */
class TaskExtensionsIT extends ApiTest {
  private String incident;
  private String tasks;

  @BeforeEach
  void incident() {
    createIncident("inc", "Phishing");
    incident = ws + "/incidents/inc";
    tasks = incident + "/tasks";
  }

  private JsonNode put(String name, String properties) {
    Api.Response response = api.put(tasks + "/" + name, "{\"properties\":{" + properties + "}}");
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.json().path("properties");
  }

  private Api.Response close() {
    return api.put(
        incident,
        """
        {"properties":{"title":"Phishing","severity":"Medium","status":"Closed",
          "classification":"TruePositive","classificationReason":"SuspiciousActivity"}}""");
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    api.get(tasks).json().path("value").forEach(t -> names.add(t.path("name").asString()));
    return names;
  }

  @Test
  void aMandatoryTaskStaysMandatoryWhenASentinelClientSavesIt() {
    JsonNode plain = put("plain", "\"title\":\"Plain\",\"status\":\"New\"");
    assertThat(plain.path("mandatory").asBoolean()).isFalse();
    assertThat(plain.has("notApplicable")).isFalse();

    assertThat(
            put("reset", "\"title\":\"Reset\",\"status\":\"New\",\"mandatory\":true")
                .path("mandatory")
                .asBoolean())
        .isTrue();
    // A client that knows only Sentinel's fields completes it: still mandatory.
    JsonNode completed = put("reset", "\"title\":\"Reset\",\"status\":\"Completed\"");
    assertThat(completed.path("mandatory").asBoolean()).isTrue();
    assertThat(
            put("reset", "\"title\":\"Reset\",\"status\":\"New\",\"mandatory\":false")
                .path("mandatory")
                .asBoolean())
        .isFalse();
  }

  @Test
  void closingIsRefusedWhileAMandatoryTaskIsOpenAndAllowedOnceItIsNotApplicable() {
    put("reset", "\"title\":\"Reset user password\",\"status\":\"New\",\"mandatory\":true");
    put("isolate", "\"title\":\"Isolate host\",\"status\":\"New\",\"mandatory\":true");
    put("notify", "\"title\":\"Notify the user\",\"status\":\"New\"");
    String etag = api.get(incident).json().path("etag").asString();

    Api.Response refused = close();
    assertThat(refused.status()).isEqualTo(409);
    JsonNode error = refused.json().path("error");
    assertThat(error.path("code").asString()).isEqualTo("MandatoryTasksOpen");
    assertThat(error.path("message").asString())
        .contains("'Reset user password' (reset)")
        .contains("'Isolate host' (isolate)")
        .doesNotContain("Notify");
    assertThat(error.path("details")).hasSize(2);
    assertThat(error.path("details").get(0).path("target").asString()).isEqualTo("reset");
    assertThat(error.path("details").get(0).path("code").asString()).isEqualTo("MandatoryTaskOpen");
    assertThat(error.path("details").get(0).path("message").asString())
        .contains("Reset user password");
    JsonNode unchanged = api.get(incident).json();
    assertThat(unchanged.path("properties").path("status").asString()).isEqualTo("New");
    assertThat(unchanged.path("etag").asString()).isEqualTo(etag);

    put("reset", "\"title\":\"Reset user password\",\"status\":\"Completed\"");
    JsonNode na =
        put(
            "isolate",
            "\"title\":\"Isolate host\",\"status\":\"New\","
                + "\"notApplicable\":{\"reason\":\"The host is a kiosk, already reimaged\"}");
    assertThat(na.path("status").asString()).isEqualTo("New");
    assertThat(na.path("notApplicable").path("reason").asString())
        .isEqualTo("The host is a kiosk, already reimaged");
    assertThat(na.path("notApplicable").path("by").path("name").asString()).isEqualTo(ADMIN);
    assertThat(na.path("notApplicable").path("timeUtc").asString()).isNotEmpty();

    Api.Response closed = close();
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().path("properties").path("status").asString()).isEqualTo("Closed");
  }

  @Test
  void notApplicableIsKeptClearedAndEndsWhenTheTaskIsCompleted() {
    put("t", "\"title\":\"Scan\",\"status\":\"New\",\"notApplicable\":{\"reason\":\"No host\"}");
    String at =
        api.get(tasks + "/t")
            .json()
            .path("properties")
            .path("notApplicable")
            .path("timeUtc")
            .asString();
    // Left out, it stays; the same reason again keeps who and when.
    assertThat(
            put("t", "\"title\":\"Scan now\",\"status\":\"New\"")
                .path("notApplicable")
                .path("reason")
                .asString())
        .isEqualTo("No host");
    assertThat(
            put(
                    "t",
                    "\"title\":\"Scan now\",\"status\":\"New\",\"notApplicable\":{\"reason\":\"No host\"}")
                .path("notApplicable")
                .path("timeUtc")
                .asString())
        .isEqualTo(at);
    // null clears it.
    assertThat(
            put("t", "\"title\":\"Scan now\",\"status\":\"New\",\"notApplicable\":null")
                .has("notApplicable"))
        .isFalse();
    // Completing a task that did not apply ends the mark: it is done after all.
    put(
        "t",
        "\"title\":\"Scan now\",\"status\":\"New\",\"notApplicable\":{\"reason\":\"No host\"}");
    JsonNode completed = put("t", "\"title\":\"Scan now\",\"status\":\"Completed\"");
    assertThat(completed.has("notApplicable")).isFalse();
    assertThat(completed.path("status").asString()).isEqualTo("Completed");
  }

  @Test
  void badExtensionsAreRefusedNamingTheFieldAndNothingIsStored() {
    put("t", "\"title\":\"Scan\",\"status\":\"New\"");
    String before = api.get(tasks + "/t").body();

    Api.Response noReason =
        api.put(
            tasks + "/t",
            "{\"properties\":{\"title\":\"Scan\",\"status\":\"New\",\"notApplicable\":{}}}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("error").path("message").asString())
        .contains("properties.notApplicable.reason");

    Api.Response blank =
        api.put(
            tasks + "/t",
            "{\"properties\":{\"title\":\"Scan\",\"status\":\"New\",\"notApplicable\":{\"reason\":\"  \"}}}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("error").path("message").asString())
        .contains("properties.notApplicable.reason");

    Api.Response notAnObject =
        api.put(
            tasks + "/t",
            "{\"properties\":{\"title\":\"Scan\",\"status\":\"New\",\"notApplicable\":\"no\"}}");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(notAnObject.json().path("error").path("message").asString())
        .contains("properties.notApplicable");

    Api.Response completedAndNa =
        api.put(
            tasks + "/t",
            "{\"properties\":{\"title\":\"Scan\",\"status\":\"Completed\",\"notApplicable\":{\"reason\":\"x\"}}}");
    assertThat(completedAndNa.status()).isEqualTo(400);
    assertThat(completedAndNa.json().path("error").path("message").asString())
        .contains("properties.notApplicable");

    Api.Response mandatory =
        api.put(
            tasks + "/t",
            "{\"properties\":{\"title\":\"Scan\",\"status\":\"New\",\"mandatory\":\"yes\"}}");
    assertThat(mandatory.status()).isEqualTo(400);
    assertThat(mandatory.json().path("error").path("message").asString())
        .contains("properties.mandatory");

    assertThat(api.get(tasks + "/t").body()).isEqualTo(before);
    assertThat(api.get(tasks + "/t/history").json().path("value")).hasSize(1);
  }

  @Test
  void aTaskMovesUpAndDownAndNewTasksStillAppend() {
    for (String name : List.of("a", "b", "c", "d")) {
      put(name, "\"title\":\"Task " + name + "\",\"status\":\"New\"");
    }
    Api.Response up = api.post(tasks + "/c/move", "{\"position\":1}");
    assertThat(up.status()).as(up.body()).isEqualTo(200);
    assertThat(up.json().path("name").asString()).isEqualTo("c");
    assertThat(names()).containsExactly("c", "a", "b", "d");

    assertThat(api.post(tasks + "/a/move", "{\"before\":\"d\"}").status()).isEqualTo(200);
    assertThat(names()).containsExactly("c", "b", "a", "d");
    assertThat(api.post(tasks + "/c/move", "{\"position\":4}").status()).isEqualTo(200);
    assertThat(names()).containsExactly("b", "a", "d", "c");

    // Added later, by hand or by automation, a task goes to the end.
    put("e", "\"title\":\"Task e\",\"status\":\"New\"");
    assertThat(names()).containsExactly("b", "a", "d", "c", "e");

    // Paging follows the same order.
    List<String> paged = new ArrayList<>();
    String next = api.baseUrl() + Api.withVersion(tasks + "?$top=2");
    while (next != null) {
      JsonNode page = api.send("GET", next, null, Map.of()).json();
      page.path("value").forEach(t -> paged.add(t.path("name").asString()));
      next = page.has("nextLink") ? page.path("nextLink").asString() : null;
    }
    assertThat(paged).containsExactly("b", "a", "d", "c", "e");
  }

  @Test
  void aBadMoveIsRefusedAndChangesNothing() {
    put("a", "\"title\":\"A\",\"status\":\"New\"");
    put("b", "\"title\":\"B\",\"status\":\"New\"");

    Api.Response unknown = api.post(tasks + "/a/move", "{\"before\":\"zzz\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asString())
        .contains("'before'")
        .contains("zzz");
    Api.Response both = api.post(tasks + "/a/move", "{\"before\":\"b\",\"position\":2}");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.json().path("error").path("message").asString())
        .contains("before")
        .contains("position");
    Api.Response outside = api.post(tasks + "/a/move", "{\"position\":3}");
    assertThat(outside.status()).isEqualTo(400);
    assertThat(outside.json().path("error").path("message").asString()).contains("'position'");
    assertThat(api.post(tasks + "/a/move", "{\"position\":0}").status()).isEqualTo(400);
    assertThat(api.post(tasks + "/none/move", "{\"position\":1}").status()).isEqualTo(404);
    assertThat(names()).containsExactly("a", "b");
    assertThat(api.get(tasks + "/a/history").json().path("value")).hasSize(1);
  }

  @Test
  void theHistoryOfATaskSaysWhatChangedWhoChangedItHowAndWhen() {
    put("t", "\"title\":\"Scan\",\"status\":\"New\"");
    put("other", "\"title\":\"Other\",\"status\":\"New\"");
    put("t", "\"title\":\"Scan the host\",\"status\":\"New\",\"mandatory\":true");
    api.post(tasks + "/t/move", "{\"position\":2}");
    put(
        "t",
        "\"title\":\"Scan the host\",\"status\":\"New\",\"notApplicable\":{\"reason\":\"Gone\"}");
    put("t", "\"title\":\"Scan the host\",\"status\":\"Completed\"");

    JsonNode history = api.get(tasks + "/t/history").json().path("value");
    assertThat(history).hasSize(5);
    assertThat(history.get(0).path("eventType").asString()).isEqualTo("TaskAdded");
    assertThat(history.get(0).path("actorType").asString()).isEqualTo("User");
    assertThat(history.get(0).path("actor").path("name").asString()).isEqualTo(ADMIN);
    assertThat(history.get(0).path("occurredTimeUtc").asString()).isNotEmpty();
    assertThat(fields(history.get(1))).containsExactly("title", "mandatory");
    assertThat(history.get(1).path("changes").get(1).path("newValue").asBoolean()).isTrue();
    assertThat(fields(history.get(2))).containsExactly("position");
    assertThat(history.get(2).path("changes").get(0).path("oldValue").asInt()).isEqualTo(1);
    assertThat(history.get(2).path("changes").get(0).path("newValue").asInt()).isEqualTo(2);
    assertThat(fields(history.get(3))).containsExactly("notApplicable");
    assertThat(history.get(3).path("changes").get(0).path("newValue").asString()).isEqualTo("Gone");
    assertThat(fields(history.get(4))).containsExactly("status", "notApplicable");

    // Paged like every list.
    JsonNode first = api.get(tasks + "/t/history?$top=2").json();
    assertThat(first.path("value")).hasSize(2);
    JsonNode second = api.send("GET", first.path("nextLink").asString(), null, Map.of()).json();
    assertThat(second.path("value").get(0).path("changes").get(0).path("field").asString())
        .isEqualTo("position");

    // A task deleted and created again under its name starts a new history.
    api.delete(tasks + "/t");
    put("t", "\"title\":\"Again\",\"status\":\"New\"");
    assertThat(api.get(tasks + "/t/history").json().path("value")).hasSize(1);
    assertThat(api.get(tasks + "/gone/history").status()).isEqualTo(404);
  }

  private static List<String> fields(JsonNode event) {
    List<String> fields = new ArrayList<>();
    event.path("changes").forEach(c -> fields.add(c.path("field").asString()));
    return fields;
  }
}
