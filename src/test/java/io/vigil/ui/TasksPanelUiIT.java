package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The seed's Tasks panel in a real headless Chromium: tasks in order with who created them and how,
 * descriptions behind an arrow rendered as entered and safely, completing and reopening, adding a
 * task, and the panel updating by itself when automation adds one.
 */
class TasksPanelUiIT extends UiTest {
  @Test
  void theTasksPanelShowsCompletesAndAddsTasks() throws Exception {
    Api.Response rule =
        api.put(
            ws + "/automationRules/evidence",
            """
            {"properties":{"displayName":"Collect evidence","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
              "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{
                "title":"Collect evidence",
                "description":"<ol><li>Export the <a href=\\"https://example.com/logs\\">sign-in logs</a></li><li>Hash the mailbox</li></ol><pre><code>Get-MessageTrace</code></pre><img src=x onerror=alert(1)>"}}]}}""");
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    createIncident("inc", "Phishing mail reported");
    assertThat(
            api.put(
                    ws + "/incidents/inc/tasks/reset",
                    "{\"properties\":{\"title\":\"Reset password\",\"status\":\"New\"}}")
                .status())
        .isEqualTo(201);
    String incidentId = ws + "/incidents/inc";

    open("/ui/incident?id=" + encode(incidentId));

    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(d -> tasks().size() == 2);
    List<WebElement> tasks = tasks();
    assertThat(tasks.get(0).getText())
        .contains("Collect evidence")
        .contains("Created by: Collect evidence (by an automation rule)");
    assertThat(tasks.get(0).getAttribute("class")).contains("automated");
    assertThat(tasks.get(1).getText())
        .contains("Reset password")
        .contains("Created by: admin (by hand)");
    assertThat(tasks.get(1).getAttribute("class")).contains("by-hand");
    // Tasks added by hand have a different band on the left.
    assertThat(tasks.get(0).getCssValue("border-left-color"))
        .isNotEqualTo(tasks.get(1).getCssValue("border-left-color"));

    // The description opens behind the arrow, rendered as entered, and nothing in it runs.
    tasks.get(0).findElement(By.cssSelector("button.expand")).click();
    WebElement description =
        wait.until(d -> tasks().get(0).findElement(By.cssSelector(".rich-text")));
    assertThat(description.findElements(By.cssSelector("ol > li"))).hasSize(2);
    assertThat(description.findElement(By.cssSelector("a")).getAttribute("href"))
        .isEqualTo("https://example.com/logs");
    assertThat(description.findElement(By.cssSelector("pre code")).getText())
        .isEqualTo("Get-MessageTrace");
    assertThat(description.getAttribute("innerHTML")).doesNotContain("onerror");

    // The circle completes a task: a check mark, the title greyed; again reopens it.
    tasks().get(1).findElement(By.cssSelector("button.circle")).click();
    wait.withMessage(() -> browser.findElement(By.id("tasks-panel")).getText())
        .until(d -> tasks().get(1).getAttribute("class").contains("completed"));
    assertThat(tasks().get(1).getText()).contains("✓").contains("Completed by admin");
    assertThat(
            api.get(incidentId + "/tasks/reset")
                .json()
                .path("properties")
                .path("status")
                .asString())
        .isEqualTo("Completed");
    screenshot("tasks-panel");
    tasks().get(1).findElement(By.cssSelector("button.circle")).click();
    wait.until(d -> !tasks().get(1).getAttribute("class").contains("completed"));

    // "+ Add task": a title and a formatted description; the task appears at the bottom.
    browser.findElement(By.cssSelector(".add-task summary")).click();
    browser.findElement(By.cssSelector(".add-task input[name=title]")).sendKeys("Block the sender");
    WebElement editor = browser.findElement(By.cssSelector(".add-task .editor"));
    editor.click();
    browser
        .findElement(
            By.xpath("//details[contains(@class,'add-task')]//button[text()='Numbered list']"))
        .click();
    editor.sendKeys("Find the sender's domain");
    browser.findElement(By.cssSelector(".add-task button[type=submit]")).click();
    wait.until(d -> tasks().size() == 3);
    assertThat(tasks().get(2).getText()).contains("Block the sender").contains("(by hand)");
    String stored =
        api.get(incidentId + "/tasks")
            .json()
            .path("value")
            .get(2)
            .path("properties")
            .path("description")
            .asString();
    assertThat(stored).contains("<ol>").contains("Find the sender");

    // A task added by hand can be edited by the one who added it.
    tasks().get(2).findElement(By.cssSelector("button.edit")).click();
    WebElement title =
        wait.until(d -> tasks().get(2).findElement(By.cssSelector("input[name=title]")));
    assertThat(title.getAttribute("value")).isEqualTo("Block the sender");
    title.sendKeys("'s domain");
    tasks().get(2).findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> tasks().get(2).getText().contains("Block the sender's domain"));
    assertThat(
            api.get(incidentId + "/tasks")
                .json()
                .path("value")
                .get(2)
                .path("properties")
                .path("description")
                .asString())
        .contains("<ol>");
    assertThat(tasks().get(0).findElements(By.cssSelector("button.edit"))).isEmpty();

    // Automation adding a task while the panel is open: it appears by itself.
    api.put(
        incidentId + "/tasks/from-playbook",
        "{\"properties\":{\"title\":\"Added elsewhere\",\"status\":\"New\"}}");
    wait.until(d -> tasks().size() == 4);
    assertThat(tasks().get(3).getText()).contains("Added elsewhere");
    screenshot("tasks-panel-updated");

    try {
      browser.switchTo().alert();
      throw new AssertionError("a description ran script");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  @Test
  void theIncidentsPageListsAndOpensIncidents() throws Exception {
    createIncident("one", "Impossible travel");
    createIncident("two", "Malware on laptop");
    String tasks = ws + "/incidents/two/tasks/";
    api.put(tasks + "a", "{\"properties\":{\"title\":\"Isolate\",\"status\":\"Completed\"}}");
    api.put(tasks + "b", "{\"properties\":{\"title\":\"Scan\",\"status\":\"New\"}}");
    api.put(tasks + "c", "{\"properties\":{\"title\":\"Reimage\",\"status\":\"New\"}}");
    open("/ui/?ws=" + encode(workspace()));
    wait.until(d -> d.findElements(By.cssSelector("table.incidents tbody tr")).size() == 2);
    // Newest first: the laptop's 1 of 3 tasks done; the other has none.
    List<WebElement> progress = browser.findElements(By.cssSelector("table.incidents td.progress"));
    assertThat(progress.get(0).getText()).isEqualTo("1/3 tasks");
    assertThat(progress.get(1).getText()).isEqualTo("—");
    browser.findElement(By.cssSelector("input[name=title]")).sendKeys("malware");
    browser.findElement(By.cssSelector(".filters button[type=submit]")).click();
    wait.until(d -> d.findElements(By.cssSelector("table.incidents tbody tr")).size() == 1);
    browser.findElement(By.cssSelector("table.incidents tbody tr")).click();
    WebElement details =
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("View full details")));
    screenshot("incidents");
    details.click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".banner h1"), "Malware on laptop"));

    // A Responder edits the properties: severity, owner and a new label.
    new Select(browser.findElement(By.cssSelector("form.properties select[name=severity]")))
        .selectByValue("High");
    browser
        .findElement(By.cssSelector("form.properties input[name=owner]"))
        .sendKeys("tier2@contoso.com");
    browser
        .findElement(By.cssSelector("form.properties input[aria-label=Labels]"))
        .sendKeys("ransomware", Keys.ENTER);
    browser.findElement(By.cssSelector("form.properties button[type=submit]")).click();
    wait.until(
        d ->
            api.get(ws + "/incidents/two")
                .json()
                .path("properties")
                .path("severity")
                .asString()
                .equals("High"));
    JsonNode saved = api.get(ws + "/incidents/two").json().path("properties");
    assertThat(saved.path("owner").path("email").asString()).isEqualTo("tier2@contoso.com");
    assertThat(saved.path("labels").get(0).path("labelName").asString()).isEqualTo("ransomware");
    assertThat(saved.path("labels").get(0).path("labelType").asString()).isEqualTo("User");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("form.properties .chips"), "ransomware"));

    // A comment, written in the rich-text editor.
    WebElement comment = browser.findElement(By.cssSelector(".comment-form .editor"));
    comment.click();
    comment.sendKeys("Laptop reimaged by the service desk");
    browser.findElement(By.cssSelector(".comment-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("ul.comments"), "Laptop reimaged by the service desk"));
    assertThat(
            api.get(ws + "/incidents/two/comments")
                .json()
                .path("value")
                .get(0)
                .path("properties")
                .path("message")
                .asString())
        .contains("Laptop reimaged");
  }
}
