package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Every change produces an event saying what changed, on which incident, and who did it. */
@Import(ChangeEventsIT.Recorder.class)
class ChangeEventsIT extends ApiTest {

  /** Listens as the automation module will: in-process, inside the transaction of the change. */
  @TestConfiguration
  static class Recorder implements IncidentEvents.Listener {
    final List<IncidentEvent> events = new ArrayList<>();
    boolean sawTransaction = true;

    @Override
    public void on(IncidentEvent event) {
      sawTransaction &=
          org.springframework.transaction.support.TransactionSynchronizationManager
              .isActualTransactionActive();
      events.add(event);
    }
  }

  @Autowired Recorder recorder;

  private JsonNode events(String incident) {
    return api.get(ws + "/incidents/" + incident + "/events").json().path("value");
  }

  private static JsonNode change(JsonNode event, String field) {
    for (JsonNode change : event.path("changes")) {
      if (change.path("field").asString().equals(field)) {
        return change;
      }
    }
    return null;
  }

  @Test
  void recordsIncidentChangesWithOldAndNewValues() {
    createIncident("e1", "Original");
    api.put(
        ws + "/incidents/e1",
        """
        {"properties":{"title":"Renamed","severity":"High","status":"Active",
          "owner":{"assignedTo":"Jane","userPrincipalName":"jane@contoso.com"},
          "labels":[{"labelName":"vip"}]}}""");
    JsonNode events = events("e1");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).path("eventType").asString()).isEqualTo("IncidentCreated");
    JsonNode updated = events.get(1);
    assertThat(updated.path("eventType").asString()).isEqualTo("IncidentUpdated");
    assertThat(updated.path("actorType").asString()).isEqualTo("User");
    assertThat(updated.path("actor").path("name").asString()).isEqualTo(ADMIN);
    assertThat(change(updated, "title").path("oldValue").asString()).isEqualTo("Original");
    assertThat(change(updated, "title").path("newValue").asString()).isEqualTo("Renamed");
    assertThat(change(updated, "severity").path("oldValue").asString()).isEqualTo("Medium");
    assertThat(change(updated, "status").path("newValue").asString()).isEqualTo("Active");
    assertThat(change(updated, "owner").path("newValue").path("assignedTo").asString())
        .isEqualTo("Jane");
    assertThat(change(updated, "labels").path("newValue").get(0).asString()).isEqualTo("vip");
    assertThat(change(updated, "description")).isNull();
  }

  @Test
  void recordsTaskCommentAndAlertChanges() {
    createIncident("e2", "Incident");
    api.put(
        ws + "/incidents/e2/tasks/t1", "{\"properties\":{\"title\":\"Do\",\"status\":\"New\"}}");
    api.put(
        ws + "/incidents/e2/tasks/t1",
        "{\"properties\":{\"title\":\"Do\",\"status\":\"Completed\"}}");
    api.delete(ws + "/incidents/e2/tasks/t1");
    api.put(ws + "/incidents/e2/comments/c1", "{\"properties\":{\"message\":\"hi\"}}");
    api.put(
        ws + "/incidents/e2/alerts/a1",
        "{\"alertDisplayName\":\"A\",\"severity\":\"Low\",\"productName\":\"P\"}");
    JsonNode events = events("e2");
    List<String> types = new ArrayList<>();
    events.forEach(
        e -> types.add(e.path("eventType").asString() + ":" + e.path("subject").asString()));
    assertThat(types)
        .containsExactly(
            "IncidentCreated:",
            "TaskAdded:t1",
            "TaskUpdated:t1",
            "TaskDeleted:t1",
            "CommentAdded:c1",
            "AlertAdded:a1");
    JsonNode completed = change(events.get(2), "status");
    assertThat(completed.path("oldValue").asString()).isEqualTo("New");
    assertThat(completed.path("newValue").asString()).isEqualTo("Completed");
    assertThat(change(events.get(5), "alertsCount").path("newValue").asInt()).isEqualTo(1);
  }

  @Test
  void publishesEventsInsideTheTransactionOfTheChange() {
    recorder.events.clear();
    createIncident("e3", "Incident");
    api.put(
        ws + "/incidents/e3/tasks/t1", "{\"properties\":{\"title\":\"Do\",\"status\":\"New\"}}");
    assertThat(recorder.events)
        .extracting(IncidentEvent::type)
        .containsExactly(IncidentEvent.Type.IncidentCreated, IncidentEvent.Type.TaskAdded);
    assertThat(recorder.sawTransaction).isTrue();
  }

  @Test
  void aFailedChangeRecordsNoEvent() {
    createIncident("e4", "Incident");
    String etag = api.get(ws + "/incidents/e4").json().path("etag").asString();
    api.put(ws + "/incidents/e4", incident("Changed", "Low", "New"));
    api.put(
        ws + "/incidents/e4",
        "{\"etag\":"
            + Jsonish.quote(etag)
            + ",\"properties\":{\"title\":\"Stale\",\"severity\":\"Low\",\"status\":\"New\"}}");
    api.put(
        ws + "/incidents/e4",
        "{\"properties\":{\"title\":\"x\",\"severity\":\"Low\",\"status\":\"New\","
            + "\"alerts\":[{\"alertDisplayName\":\"a\",\"severity\":\"Low\",\"analyticRuleId\":\"bad\"}]}}");
    assertThat(events("e4")).hasSize(2);
  }

  @Test
  void keepsTheEventsOfADeletedIncidentInTheDatabase() {
    createIncident("e5", "Incident");
    recorder.events.clear();
    api.delete(ws + "/incidents/e5");
    assertThat(recorder.events)
        .extracting(IncidentEvent::type)
        .containsExactly(IncidentEvent.Type.IncidentDeleted);
  }
}
