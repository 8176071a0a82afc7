package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** A Responder assigns, reassigns and unassigns tasks in the Tasks panel. */
class TaskAssigneeUiIT extends UiTest {
  /** Chooses an assignee in the task's open assign form, once the choices have loaded. */
  private void choose(String title, String choice) {
    wait.until(
        d -> {
          new Select(task(title).findElement(By.cssSelector(".assign-form select")))
              .selectByVisibleText(choice);
          return true;
        });
    clickInTask(title, ".assign-form button[type=submit]");
  }

  @Test
  void aResponderAssignsReassignsAndUnassignsTasks() throws Exception {
    String responder = userWith("Responder");
    String jane = userWith("Reader");
    assertThat(
            api.put("/api/users/" + jane, "{\"properties\":{\"displayName\":\"Jane Doe\"}}")
                .status())
        .isEqualTo(200);
    createIncident("inc", "Phishing mail reported");
    String incidentId = ws + "/incidents/inc";
    assertThat(
            api.put(
                    incidentId + "/tasks/isolate",
                    "{\"properties\":{\"title\":\"Isolate host\",\"status\":\"New\","
                        + "\"assignedTo\":{\"type\":\"Role\",\"name\":\"Responder\"}}}")
                .status())
        .isEqualTo(201);
    assertThat(
            api.put(
                    incidentId + "/tasks/call",
                    "{\"properties\":{\"title\":\"Call the user\",\"status\":\"New\"}}")
                .status())
        .isEqualTo(201);

    openAs("/ui/incident?id=" + encode(incidentId), responder);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(d -> tasks().size() == 2);
    assertThat(taskText("Isolate host")).contains("Assigned to: Responder (role)");
    assertThat(taskText("Call the user")).doesNotContain("Assigned to");

    // Assign: the choices are the workspace's users and roles.
    clickInTask("Call the user", "button.assign");
    wait.until(
        d -> task("Call the user").findElements(By.cssSelector(".assign-form option")).size() > 3);
    screenshot("tasks-panel-assign-form");
    choose("Call the user", "Jane Doe (" + jane + ")");
    wait.until(d -> taskText("Call the user").contains("Assigned to: Jane Doe (" + jane + ")"));
    JsonNode call = api.get(incidentId + "/tasks/call").json().path("properties");
    assertThat(call.path("assignedTo").path("type").asString()).isEqualTo("User");
    assertThat(call.path("assignedTo").path("name").asString()).isEqualTo(jane);

    // Reassign the role's task to the Responder, then unassign it.
    clickInTask("Isolate host", "button.assign");
    choose("Isolate host", responder);
    wait.until(d -> taskText("Isolate host").contains("Assigned to: " + responder));
    clickInTask("Isolate host", "button.assign");
    choose("Isolate host", "No one (unassigned)");
    wait.until(d -> !taskText("Isolate host").contains("Assigned to"));
    assertThat(api.get(incidentId + "/tasks/isolate").json().path("properties").has("assignedTo"))
        .isFalse();

    // The history says who assigned whom.
    clickInTask("Isolate host", "button.expand");
    wait.until(d -> taskText("Isolate host").contains("Unassigned (was " + responder + ")"));
    assertThat(taskText("Isolate host"))
        .contains("Assigned to Responder (role)")
        .contains("Reassigned from Responder (role) to " + responder);
    screenshot("tasks-panel-assignees");
  }
}
