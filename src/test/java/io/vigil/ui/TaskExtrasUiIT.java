package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Vigil's task extensions in the Tasks panel: the Mandatory badge, Not applicable with its reason,
 * moving tasks, a task's history, and the incident page refusing to close over open mandatory
 * tasks.
 */
class TaskExtrasUiIT extends UiTest {
  private List<String> titles() {
    List<String> titles = new ArrayList<>();
    tasks().forEach(t -> titles.add(t.findElement(By.cssSelector(".title")).getText()));
    return titles;
  }

  private void putTask(String name, String title, boolean mandatory) {
    assertThat(
            api.put(
                    ws + "/incidents/inc/tasks/" + name,
                    "{\"properties\":{\"title\":\"%s\",\"status\":\"New\",\"mandatory\":%s}}"
                        .formatted(title, mandatory))
                .status())
        .isEqualTo(201);
  }

  private void saveStatusClosed() {
    new Select(browser.findElement(By.cssSelector("form.properties select[name=status]")))
        .selectByVisibleText("Closed");
    new Select(browser.findElement(By.cssSelector("form.properties select[name=classification]")))
        .selectByVisibleText("BenignPositive");
    browser.findElement(By.cssSelector("form.properties button[type=submit]")).click();
  }

  @Test
  void mandatoryTasksNotApplicableMovesAndHistory() throws Exception {
    createIncident("inc", "Phishing mail reported");
    putTask("reset", "Reset password", true);
    putTask("isolate", "Isolate host", true);
    putTask("notify", "Notify the user", false);
    String incidentId = ws + "/incidents/inc";

    open("/ui/incident?id=" + encode(incidentId));

    // Closing is refused, naming the tasks that hold the incident open.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks")));
    saveStatusClosed();
    WebElement blocking =
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=blocking-tasks]")));
    assertThat(blocking.findElements(By.tagName("li"))).hasSize(2);
    assertThat(blocking.getText()).contains("Reset password").contains("Isolate host");
    assertThat(blocking.getText()).doesNotContain("Notify");
    screenshot("incident-close-refused");
    assertThat(api.get(incidentId).json().path("properties").path("status").asString())
        .isEqualTo("New");

    // The panel: a Mandatory badge on the mandatory tasks only.
    browser.findElement(By.id("open-tasks")).click();
    wait.until(d -> tasks().size() == 3);
    String badge =
        wait.until(d -> task("Reset password").findElement(By.cssSelector(".badge")).getText());
    assertThat(badge).isEqualTo("Mandatory");
    Integer badges =
        wait.until(d -> task("Notify the user").findElements(By.cssSelector(".badge")).size());
    assertThat(badges).isZero();

    // Not applicable asks for a reason and shows it with who and when, greyed.
    clickInTask("Isolate host", "button.not-applicable");
    WebElement reason =
        wait.until(d -> task("Isolate host").findElement(By.cssSelector("input[name=reason]")));
    reason.sendKeys("The laptop was already reimaged");
    clickInTask("Isolate host", ".not-applicable-form button[type=submit]");
    wait.until(d -> task("Isolate host").getAttribute("class").contains("not-applicable"));
    assertThat(taskText("Isolate host"))
        .contains("Not applicable: The laptop was already reimaged")
        .contains("admin");
    // Neither open nor done: its circle is disabled until the mark is undone.
    wait.until(
        d ->
            task("Isolate host")
                .findElement(By.cssSelector("button.circle"))
                .getDomAttribute("disabled"));
    JsonNode stored = api.get(incidentId + "/tasks/isolate").json().path("properties");
    assertThat(stored.path("notApplicable").path("reason").asString())
        .isEqualTo("The laptop was already reimaged");

    // Move "Notify the user" up: the order is stored.
    clickInTask("Notify the user", "button.move-up");
    wait.until(d -> titles().equals(List.of("Reset password", "Notify the user", "Isolate host")));
    List<String> names = new ArrayList<>();
    api.get(incidentId + "/tasks")
        .json()
        .path("value")
        .forEach(t -> names.add(t.path("name").asString()));
    assertThat(names).containsExactly("reset", "notify", "isolate");
    // The first task cannot move up, the last cannot move down.
    wait.until(
        d ->
            tasks()
                .get(0)
                .findElement(By.cssSelector("button.move-up"))
                .getDomAttribute("disabled"));
    wait.until(
        d ->
            tasks()
                .get(2)
                .findElement(By.cssSelector("button.move-down"))
                .getDomAttribute("disabled"));

    // Expanded, a task shows its history: who changed what, how and when.
    clickInTask("Isolate host", "button.expand");
    wait.until(d -> task("Isolate host").findElements(By.cssSelector("ol.history li")).size() == 2);
    String history =
        wait.until(
            d -> task("Isolate host").findElement(By.cssSelector(".task-history")).getText());
    assertThat(history)
        .contains("Created as \"Isolate host\"")
        .contains("Mandatory")
        .contains("Marked not applicable: \"The laptop was already reimaged\"")
        .contains("admin (user)");
    screenshot("tasks-panel-extras");

    // Undone, the task applies again.
    clickInTask("Isolate host", "button.undo-not-applicable");
    wait.until(d -> !task("Isolate host").getAttribute("class").contains("not-applicable"));
    wait.until(d -> task("Isolate host").getText().contains("Not applicable undone"));

    // With every mandatory task done or not applicable, the incident closes.
    clickInTask("Reset password", "button.circle");
    wait.until(d -> task("Reset password").getAttribute("class").contains("completed"));
    clickInTask("Isolate host", "button.not-applicable");
    wait.until(d -> task("Isolate host").findElement(By.cssSelector("input[name=reason]")))
        .sendKeys("Reimaged");
    clickInTask("Isolate host", ".not-applicable-form button[type=submit]");
    wait.until(d -> task("Isolate host").getAttribute("class").contains("not-applicable"));
    saveStatusClosed();
    wait.until(
        d ->
            api.get(incidentId)
                .json()
                .path("properties")
                .path("status")
                .asString()
                .equals("Closed"));
  }
}
