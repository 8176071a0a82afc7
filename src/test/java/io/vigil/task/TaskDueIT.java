package io.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Task due times: absolute and relative to the incident's creation, the workspace's defaults per
 * severity, and overdue tasks — shown when read, and recorded once as an event when the (test)
 * clock passes their due time.
 */
class TaskDueIT extends ApiTest {

  private String tasks(String incident) {
    return ws + "/incidents/" + incident + "/tasks";
  }

  private void incident(String name, String severity) {
    Api.Response created =
        api.put(ws + "/incidents/" + name, incident("Phishing", severity, "Active"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private Instant created(String incident) {
    return Instant.parse(
        api.get(ws + "/incidents/" + incident)
            .json()
            .path("properties")
            .path("createdTimeUtc")
            .asString());
  }

  private JsonNode put(String incident, String task, String properties) {
    Api.Response response =
        api.put(tasks(incident) + "/" + task, "{\"properties\":{" + properties + "}}");
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.json().path("properties");
  }

  private JsonNode get(String incident, String task) {
    return api.get(tasks(incident) + "/" + task).json().path("properties");
  }

  private static Instant dueTime(JsonNode task) {
    return Instant.parse(task.path("due").path("timeUtc").asString());
  }

  /** The task's TaskOverdue events, once the overdue check has had time to run. */
  private List<JsonNode> overdueEvents(String incident, String task, int expected)
      throws InterruptedException {
    List<JsonNode> found = new ArrayList<>();
    for (int attempt = 0; attempt < 100; attempt++) {
      found.clear();
      for (JsonNode event :
          api.get(tasks(incident) + "/" + task + "/history").json().path("value")) {
        if (event.path("eventType").asString().equals("TaskOverdue")) {
          found.add(event);
        }
      }
      if (found.size() >= expected) {
        break;
      }
      Thread.sleep(100);
    }
    // Long enough for further checks to have run, had they wrongly recorded more.
    Thread.sleep(500);
    return found;
  }

  @Test
  void aTaskIsDueAtAGivenTimeOrRelativeToTheIncidentsCreation() {
    incident("inc", "Medium");
    JsonNode absolute =
        put(
            "inc",
            "absolute",
            "\"title\":\"Call the user\",\"status\":\"New\","
                + "\"due\":{\"timeUtc\":\"2030-01-02T03:04:05+02:00\"}");
    assertThat(absolute.path("due").path("timeUtc").asString()).isEqualTo("2030-01-02T01:04:05Z");
    assertThat(absolute.path("due").path("source").asString()).isEqualTo("Task");
    assertThat(absolute.path("due").has("afterIncidentCreated")).isFalse();
    assertThat(absolute.path("overdue").asBoolean()).isFalse();

    JsonNode relative =
        put(
            "inc",
            "relative",
            "\"title\":\"Reset password\",\"status\":\"New\","
                + "\"due\":{\"afterIncidentCreated\":\"PT4H\"}");
    assertThat(relative.path("due").path("afterIncidentCreated").asString()).isEqualTo("PT4H");
    assertThat(dueTime(relative)).isEqualTo(created("inc").plus(Duration.ofHours(4)));

    // A Sentinel client saving the task keeps its due time; null removes it.
    JsonNode kept = put("inc", "relative", "\"title\":\"Reset password\",\"status\":\"New\"");
    assertThat(kept.path("due").path("afterIncidentCreated").asString()).isEqualTo("PT4H");
    // Read back and saved whole, it stays as it was.
    JsonNode resaved =
        put(
            "inc",
            "relative",
            "\"title\":\"Reset password\",\"status\":\"New\",\"due\":" + kept.path("due"));
    assertThat(resaved.path("due")).isEqualTo(kept.path("due"));
    JsonNode cleared =
        put("inc", "relative", "\"title\":\"Reset password\",\"status\":\"New\",\"due\":null");
    assertThat(cleared.has("due")).isFalse();

    List<String> dueChanges = new ArrayList<>();
    for (JsonNode event : api.get(tasks("inc") + "/relative/history").json().path("value")) {
      for (JsonNode change : event.path("changes")) {
        if (change.path("field").asString().equals("due")) {
          dueChanges.add(change.path("newValue").toString());
        }
      }
    }
    assertThat(dueChanges).hasSize(2);
    assertThat(dueChanges.get(0)).contains("\"afterIncidentCreated\":\"PT4H\"");
    assertThat(dueChanges.get(1)).isEqualTo("null");
  }

  @Test
  void theWorkspaceDefaultForTheIncidentsSeverityAppliesWhenNoDueTimeIsGiven() {
    Api.Response defaults =
        api.put(
            ws + "/taskDueDefaults",
            "{\"properties\":{\"bySeverity\":{\"High\":\"PT4H\",\"low\":\"P1D\"}}}");
    assertThat(defaults.status()).as(defaults.body()).isEqualTo(200);
    JsonNode bySeverity =
        api.get(ws + "/taskDueDefaults").json().path("properties").path("bySeverity");
    assertThat(bySeverity.path("High").asString()).isEqualTo("PT4H");
    assertThat(bySeverity.path("Low").asString()).isEqualTo("PT24H");
    assertThat(bySeverity.size()).isEqualTo(2);

    incident("high", "High");
    incident("low", "Low");
    incident("medium", "Medium");
    JsonNode high = put("high", "t", "\"title\":\"Isolate host\",\"status\":\"New\"");
    assertThat(high.path("due").path("source").asString()).isEqualTo("SeverityDefault");
    assertThat(dueTime(high)).isEqualTo(created("high").plus(Duration.ofHours(4)));
    JsonNode low = put("low", "t", "\"title\":\"Isolate host\",\"status\":\"New\"");
    assertThat(dueTime(low)).isEqualTo(created("low").plus(Duration.ofDays(1)));
    assertThat(put("medium", "t", "\"title\":\"Isolate host\",\"status\":\"New\"").has("due"))
        .isFalse();
    // Given for the task, the task's own due time wins; "due": null asks for none.
    JsonNode own =
        put(
            "high",
            "own",
            "\"title\":\"Call\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT1H\"}");
    assertThat(own.path("due").path("source").asString()).isEqualTo("Task");
    assertThat(dueTime(own)).isEqualTo(created("high").plus(Duration.ofHours(1)));
    assertThat(put("high", "none", "\"title\":\"Call\",\"status\":\"New\",\"due\":null").has("due"))
        .isFalse();

    // Automation rules: the default when the action says nothing, else the action's due time.
    Api.Response rule =
        api.put(
            ws + "/automationRules/sla",
            """
            {"properties":{"displayName":"SLA","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents",
                "triggersWhen":"Created","conditions":[]},
              "actions":[
                {"order":1,"actionType":"AddIncidentTask",
                  "actionConfiguration":{"title":"Triage"}},
                {"order":2,"actionType":"AddIncidentTask",
                  "actionConfiguration":{"title":"Contain","dueAfterIncidentCreated":"PT30M"}}]}}""");
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    incident("ruled", "High");
    JsonNode added = api.get(tasks("ruled")).json().path("value");
    assertThat(added).hasSize(2);
    Instant created = created("ruled");
    assertThat(dueTime(added.get(0).path("properties")))
        .isEqualTo(created.plus(Duration.ofHours(4)));
    assertThat(added.get(0).path("properties").path("due").path("source").asString())
        .isEqualTo("SeverityDefault");
    assertThat(dueTime(added.get(1).path("properties")))
        .isEqualTo(created.plus(Duration.ofMinutes(30)));

    // Removing a default leaves the tasks that have it alone.
    api.put(ws + "/taskDueDefaults", "{\"properties\":{\"bySeverity\":{}}}");
    assertThat(put("high", "later", "\"title\":\"Later\",\"status\":\"New\"").has("due")).isFalse();
    assertThat(get("high", "t").path("due").path("source").asString()).isEqualTo("SeverityDefault");
  }

  @Test
  void aTaskFallsOverdueWhenTheClockPassesItsDueTimeAndTheLapseIsRecordedOnce()
      throws InterruptedException {
    incident("inc", "High");
    put(
        "inc",
        "open",
        "\"title\":\"Open\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT4H\"}");
    put(
        "inc",
        "done",
        "\"title\":\"Done\",\"status\":\"Completed\",\"due\":{\"afterIncidentCreated\":\"PT4H\"}");
    put(
        "inc",
        "na",
        "\"title\":\"Skipped\",\"status\":\"New\",\"notApplicable\":{\"reason\":\"No mailbox\"},"
            + "\"due\":{\"afterIncidentCreated\":\"PT4H\"}");
    assertThat(get("inc", "open").path("overdue").asBoolean()).isFalse();

    clock.advance(Duration.ofHours(5));
    assertThat(get("inc", "open").path("overdue").asBoolean()).isTrue();
    assertThat(get("inc", "done").path("overdue").asBoolean()).isFalse();
    assertThat(get("inc", "na").path("overdue").asBoolean()).isFalse();
    List<JsonNode> events = overdueEvents("inc", "open", 1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("actorType").asString()).isEqualTo("System");
    assertThat(events.get(0).toString()).contains("\"overdue\"");
    assertThat(overdueEvents("inc", "done", 0)).isEmpty();
    assertThat(overdueEvents("inc", "na", 0)).isEmpty();

    // A new due time may lapse again: a second event; completing the task ends it.
    put(
        "inc",
        "open",
        "\"title\":\"Open\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT6H\"}");
    assertThat(get("inc", "open").path("overdue").asBoolean()).isFalse();
    clock.advance(Duration.ofHours(2));
    assertThat(overdueEvents("inc", "open", 2)).hasSize(2);
    assertThat(
            put("inc", "open", "\"title\":\"Open\",\"status\":\"Completed\"")
                .path("overdue")
                .asBoolean())
        .isFalse();
  }

  @Test
  void tasksOfAClosedIncidentLapseWithoutAnEvent() throws InterruptedException {
    incident("inc", "High");
    put(
        "inc",
        "t",
        "\"title\":\"Open\",\"status\":\"New\",\"due\":{\"afterIncidentCreated\":\"PT1H\"}");
    Api.Response closed =
        api.put(
            ws + "/incidents/inc",
            """
            {"properties":{"title":"Phishing","severity":"High","status":"Closed",
              "classification":"BenignPositive","classificationReason":"SuspiciousButExpected"}}""");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    clock.advance(Duration.ofHours(2));
    assertThat(overdueEvents("inc", "t", 0)).isEmpty();
  }

  @Test
  void badDueTimesAreRefusedNamingTheFieldAndNothingIsStored() {
    incident("inc", "Medium");
    String[][] cases = {
      {"{\"timeUtc\":\"tomorrow\"}", "properties.due.timeUtc"},
      {"{\"timeUtc\":42}", "properties.due.timeUtc"},
      {"{\"afterIncidentCreated\":\"4 hours\"}", "properties.due.afterIncidentCreated"},
      {"{\"afterIncidentCreated\":\"-PT4H\"}", "properties.due.afterIncidentCreated"},
      {"{\"afterIncidentCreated\":\"P400D\"}", "properties.due.afterIncidentCreated"},
      {"{}", "properties.due.timeUtc"},
      {"\"PT4H\"", "properties.due"},
    };
    for (String[] c : cases) {
      Api.Response refused =
          api.put(
              tasks("inc") + "/t",
              "{\"properties\":{\"title\":\"T\",\"status\":\"New\",\"due\":" + c[0] + "}}");
      assertThat(refused.status()).as(c[0]).isEqualTo(400);
      assertThat(refused.json().path("error").path("message").asString()).as(c[0]).contains(c[1]);
    }
    assertThat(api.get(tasks("inc")).json().path("value")).isEmpty();

    Api.Response badSeverity =
        api.put(ws + "/taskDueDefaults", "{\"properties\":{\"bySeverity\":{\"Urgent\":\"PT1H\"}}}");
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.json().path("error").path("message").asString())
        .contains("properties.bySeverity.Urgent");
    Api.Response badDuration =
        api.put(
            ws + "/taskDueDefaults",
            "{\"properties\":{\"bySeverity\":{\"High\":\"PT1H\",\"Low\":\"soon\"}}}");
    assertThat(badDuration.status()).isEqualTo(400);
    assertThat(badDuration.json().path("error").path("message").asString())
        .contains("properties.bySeverity.Low");
    assertThat(api.get(ws + "/taskDueDefaults").json().path("properties").path("bySeverity"))
        .isEmpty();

    Api.Response badRule =
        api.put(
            ws + "/automationRules/bad",
            """
            {"properties":{"displayName":"Bad","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents",
                "triggersWhen":"Created","conditions":[]},
              "actions":[{"order":1,"actionType":"AddIncidentTask",
                "actionConfiguration":{"title":"T","dueAfterIncidentCreated":"4h"}}]}}""");
    assertThat(badRule.status()).isEqualTo(400);
    assertThat(badRule.json().path("error").path("message").asString())
        .contains("dueAfterIncidentCreated");
  }
}
