package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Task templates in the browser: applied from an incident's Tasks panel (twice, adding the tasks
 * once), written, versioned, exported and imported on the Task templates page, and chosen in the
 * rule wizard.
 */
class TaskTemplatesUiIT extends UiTest {
  private static final String PHISHING =
      """
      {"properties":{"displayName":"Phishing <img src=x onerror=alert(1)>","tasks":[
        {"title":"Reset the user's password","description":"<ol><li>Reset</li><li>Revoke sessions</li></ol>",
         "mandatory":true},
        {"title":"Block the sender","assignedTo":{"type":"Role","name":"Responder"}}]}}""";

  private void putTemplate(String name, String body) {
    Api.Response response = api.put(ws + "/taskTemplates/" + name, body);
    assertThat(response.status()).as(response.body()).isIn(200, 201);
  }

  private String status(String css) {
    return wait.until(
        d -> {
          String text = d.findElement(By.cssSelector(css)).getText();
          return text.isBlank() ? null : text;
        });
  }

  /** Puts {@code text} in the template editor, saves it, and answers what the editor says. */
  private String save(WebElement editor, String text) {
    browser.executeScript("arguments[0].value = arguments[1]", editor, text);
    browser.executeScript("document.querySelector('.definition-form .result').replaceChildren()");
    browser
        .findElement(By.xpath("//form[@class='definition-form']//button[text()='Save']"))
        .click();
    return status(".definition-form .result");
  }

  @Test
  void aResponderAppliesATemplateFromTheTasksPanelAndApplyingAgainAddsNothing() throws Exception {
    putTemplate("phishing", PHISHING);
    String responder = userWith("Responder");
    createIncident("inc", "Phishing mail reported");
    String incidentId = ws + "/incidents/inc";
    api.put(
        incidentId + "/tasks/first", "{\"properties\":{\"title\":\"Triage\",\"status\":\"New\"}}");

    openAs("/ui/incident?id=" + encode(incidentId), responder);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(d -> tasks().size() == 1);
    browser.findElement(By.cssSelector("details.apply-template summary")).click();
    Select choice =
        new Select(browser.findElement(By.cssSelector(".template-form select[name=template]")));
    wait.until(d -> choice.getOptions().size() == 2);
    // The template's name is shown as text, never as markup.
    assertThat(choice.getOptions().get(1).getText())
        .isEqualTo("Phishing <img src=x onerror=alert(1)> — 2 tasks, version 1");
    choice.selectByValue("phishing");
    browser.findElement(By.cssSelector(".template-form button[type=submit]")).click();
    wait.until(d -> tasks().size() == 3);
    assertThat(status(".template-form p[role=status]")).isEqualTo("Version 1: added 2 tasks.");
    assertThat(taskText("Reset the user's password")).contains("Mandatory");
    assertThat(taskText("Block the sender")).contains("Assigned to: Responder (role)");
    assertThat(tasks().get(0).getText()).contains("Triage");
    clickInTask("Block the sender", "button.expand");
    wait.until(
        d -> taskText("Block the sender").contains("From task template \"phishing\", version 1"));
    screenshot("tasks-panel-template-applied");

    browser.findElement(By.cssSelector(".template-form button[type=submit]")).click();
    wait.until(
        d ->
            d.findElement(By.cssSelector(".template-form p[role=status]"))
                .getText()
                .equals("Version 1: added 0 tasks, 2 already there."));
    assertThat(tasks()).hasSize(3);
    assertThat(api.get(incidentId + "/tasks").json().path("value")).hasSize(3);
  }

  @Test
  void theTemplatesPageWritesVersionsShowsServerErrorsAndExportsAndImports() throws Exception {
    open("/ui/templates?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-template"))).click();
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name")));
    name.sendKeys("phishing");
    WebElement json = browser.findElement(By.name("template"));
    assertThat(json.getAttribute("value")).contains("dueAfterIncidentCreated");
    assertThat(save(json, json.getAttribute("value"))).isEqualTo("Saved: version 1.");
    wait.until(
        d ->
            d.findElement(By.cssSelector("tr[data-template=phishing] td.version"))
                .getText()
                .equals("1"));
    assertThat(
            browser
                .findElement(By.cssSelector("tr[data-template=phishing] td.task-count"))
                .getText())
        .isEqualTo("2");

    // A template the server refuses shows its message, naming the field; nothing changes.
    assertThat(
            save(json, "{\"displayName\":\"Phishing\",\"tasks\":[{\"description\":\"no title\"}]}"))
        .contains("'properties.tasks[0].title' is required");
    assertThat(
            save(
                json,
                "{\"displayName\":\"Phishing\",\"tasks\":[{\"title\":\"Reset the user's password\"},"
                    + "{\"title\":\"Block the sender\"},{\"title\":\"Search other mailboxes\"}]}"))
        .isEqualTo("Saved: version 2.");
    wait.until(d -> d.findElements(By.cssSelector("ol.versions li")).size() == 2);
    assertThat(browser.findElement(By.cssSelector("ol.versions li")).getText())
        .startsWith("Version 2 — 3 tasks");
    wait.until(
        d ->
            d.findElement(By.cssSelector("tr[data-template=phishing] td.version"))
                .getText()
                .equals("2"));
    screenshot("task-templates-page");

    // Export, delete, import: the template comes back from the exported JSON.
    browser.findElement(By.id("export-templates")).click();
    WebElement document = browser.findElement(By.name("document"));
    wait.until(d -> document.getAttribute("value").contains("Search other mailboxes"));
    assertThat(api.delete(ws + "/taskTemplates/phishing").status()).isEqualTo(200);
    browser.findElement(By.xpath("//form[@class='import-form']//button[text()='Import']")).click();
    wait.until(
        d ->
            d.findElement(By.cssSelector(".import-form [role=status]"))
                .getText()
                .contains("phishing (version 1)"));
    JsonNode imported = api.get(ws + "/taskTemplates/phishing").json().path("properties");
    assertThat(imported.path("tasks")).hasSize(3);
    assertThat(imported.path("tasks").get(2).path("key").asString())
        .isEqualTo("search-other-mailboxes");
    browser.executeScript("window.scrollTo(0, 0)");
    screenshot("task-templates-list");
  }

  @Test
  void theRuleWizardChoosesATaskTemplate() {
    putTemplate("phishing", PHISHING);
    open("/ui/automation?ws=" + encode(workspace()));
    newRuleInWizard().sendKeys("Phishing checklist");
    WebElement panel = browser.findElement(By.id("rule-panel"));
    new Select(panel.findElement(By.cssSelector("select[aria-label='Action type']")))
        .selectByValue("AddTaskTemplate");
    panel.findElement(By.xpath(".//button[text()='+ Add action']")).click();
    new Select(panel.findElement(By.cssSelector("select[aria-label='Task template']")))
        .selectByValue("phishing");
    panel.findElement(By.xpath(".//button[text()='Apply']")).click();
    wait.until(
        d ->
            d.findElement(By.cssSelector("table.rules tbody tr"))
                .getText()
                .contains("Add task template"));
    JsonNode action =
        api.get(ws + "/automationRules")
            .json()
            .path("value")
            .get(0)
            .path("properties")
            .path("actions")
            .get(0);
    assertThat(action.path("actionType").asString()).isEqualTo("AddTaskTemplate");
    assertThat(action.path("actionConfiguration").path("templateName").asString())
        .isEqualTo("phishing");
  }
}
