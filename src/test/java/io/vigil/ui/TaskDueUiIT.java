package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Due times in the browser: the workspace's defaults per severity on the Automation page, a task's
 * due time in the Tasks panel, and the Overdue badge once the clock passes it.
 */
class TaskDueUiIT extends UiTest {

  @Test
  void aContributorSetsTheDefaultDueTimesPerSeverity() throws Exception {
    String contributor = userWith("Contributor");
    openAs("/ui/automation?ws=" + encode(workspace()), contributor);
    WebElement high = wait.until(ExpectedConditions.elementToBeClickable(By.name("due-High")));
    high.sendKeys("4");
    browser.findElement(By.name("due-Low")).sendKeys("24");
    browser.findElement(By.cssSelector(".due-defaults button[type=submit]")).click();
    wait.until(d -> d.findElement(By.cssSelector(".due-defaults [role=status]")).getText())
        .equals("Saved.");
    screenshot("due-defaults");
    JsonNode bySeverity =
        api.get(ws + "/taskDueDefaults").json().path("properties").path("bySeverity");
    assertThat(bySeverity.path("High").asString()).isEqualTo("PT4H");
    assertThat(bySeverity.path("Low").asString()).isEqualTo("PT24H");
    assertThat(bySeverity.has("Medium")).isFalse();

    // A Responder sees them but cannot change them.
    String responder = userWith("Responder");
    browser.manage().deleteAllCookies();
    openAs("/ui/automation?ws=" + encode(workspace()), responder);
    WebElement shown = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("due-High")));
    wait.until(d -> "4".equals(shown.getDomProperty("value")));
    assertThat(shown.isEnabled()).isFalse();
    assertThat(browser.findElements(By.cssSelector(".due-defaults button[type=submit]"))).isEmpty();
  }

  @Test
  void theRuleWizardGivesAnAddedTaskItsDueTime() {
    open("/ui/automation?ws=" + encode(workspace()));
    newRuleInWizard().sendKeys("Containment SLA");
    WebElement panel = browser.findElement(By.id("rule-panel"));
    new Select(panel.findElement(By.cssSelector("select[aria-label='Action type']")))
        .selectByValue("AddIncidentTask");
    panel.findElement(By.xpath(".//button[text()='+ Add action']")).click();
    panel.findElement(By.cssSelector("input[aria-label='Task title']")).sendKeys("Contain");
    panel.findElement(By.name("due-hours")).sendKeys("1.5");
    panel.findElement(By.xpath(".//button[text()='Apply']")).click();
    wait.until(
        d -> d.findElement(By.cssSelector("table.rules tbody tr")).getText().contains("Add task"));
    JsonNode config =
        api.get(ws + "/automationRules")
            .json()
            .path("value")
            .get(0)
            .path("properties")
            .path("actions")
            .get(0)
            .path("actionConfiguration");
    assertThat(config.path("dueAfterIncidentCreated").asString()).isEqualTo("PT90M");

    // Opened again, the wizard shows it; emptied, the task takes the severity's default.
    browser.findElement(By.cssSelector("table.rules tbody tr button.link")).click();
    WebElement hours =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("due-hours")));
    assertThat(hours.getDomProperty("value")).isEqualTo("1.5");
    hours.clear();
    panel.findElement(By.xpath(".//button[text()='Apply']")).click();
    wait.until(
        d ->
            !api.get(ws + "/automationRules")
                .json()
                .path("value")
                .get(0)
                .path("properties")
                .path("actions")
                .get(0)
                .path("actionConfiguration")
                .has("dueAfterIncidentCreated"));
  }

  @Test
  void aTaskShowsItsDueTimeAndFallsOverdueWhenTheClockPassesIt() throws Exception {
    assertThat(
            api.put(
                    ws + "/taskDueDefaults",
                    "{\"properties\":{\"bySeverity\":{\"High\":\"PT4H\"}}}")
                .status())
        .isEqualTo(200);
    String incidentId = ws + "/incidents/inc";
    assertThat(api.put(incidentId, incident("Phishing mail reported", "High", "Active")).status())
        .isEqualTo(201);
    for (String[] t :
        new String[][] {
          {"isolate", "Isolate host", ""},
          {"reset", "Reset password", ",\"due\":{\"afterIncidentCreated\":\"PT8H\"}"},
          {"call", "Call the user", ",\"due\":null"},
        }) {
      assertThat(
              api.put(
                      incidentId + "/tasks/" + t[0],
                      "{\"properties\":{\"title\":\""
                          + t[1]
                          + "\",\"status\":\"New\""
                          + t[2]
                          + "}}")
                  .status())
          .isEqualTo(201);
    }
    String responder = userWith("Responder");
    openAs("/ui/incident?id=" + encode(incidentId), responder);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(d -> tasks().size() == 3);
    assertThat(taskText("Isolate host"))
        .contains("4 h after the incident was created, the default for its severity");
    assertThat(taskText("Reset password")).contains("8 h after the incident was created");
    assertThat(taskText("Call the user")).doesNotContain("Due:");
    assertThat(browser.findElements(By.cssSelector(".badge.overdue"))).isEmpty();

    // Give "Call the user" a due time of its own.
    clickInTask("Call the user", "button.set-due");
    WebElement when =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".due-form input")));
    browser.executeScript("arguments[0].value = '2030-01-02T10:30'", when);
    String expected =
        (String) browser.executeScript("return new Date('2030-01-02T10:30').toISOString()");
    clickInTask("Call the user", ".due-form button[type=submit]");
    wait.until(d -> taskText("Call the user").contains("Due:"));
    JsonNode call = api.get(incidentId + "/tasks/call").json().path("properties");
    assertThat(java.time.Instant.parse(call.path("due").path("timeUtc").asString()))
        .isEqualTo(java.time.Instant.parse(expected));

    // Five hours later the default's task is overdue; the others are not yet.
    clock.advance(Duration.ofHours(5));
    wait.withTimeout(Duration.ofSeconds(15))
        .until(d -> task("Isolate host").getDomAttribute("class").contains("overdue"));
    assertThat(taskText("Isolate host")).contains("Overdue");
    assertThat(taskText("Reset password")).doesNotContain("Overdue");
    clickInTask("Isolate host", "button.expand");
    wait.withTimeout(Duration.ofSeconds(15))
        .until(d -> taskText("Isolate host").contains("Fell overdue"));
    screenshot("tasks-panel-overdue");

    // Completing it ends it; removing a due time takes the task off the clock.
    clickInTask("Isolate host", "button.circle");
    wait.until(d -> !task("Isolate host").getDomAttribute("class").contains("overdue"));
    clickInTask("Call the user", "button.set-due");
    clickInTask("Call the user", ".due-form button.remove-due");
    wait.until(d -> !taskText("Call the user").contains("Due:"));
    assertThat(api.get(incidentId + "/tasks/call").json().path("properties").has("due")).isFalse();
  }
}
