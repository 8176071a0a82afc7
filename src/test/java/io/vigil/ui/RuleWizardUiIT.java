package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.playbook.Playbooks;
import io.vigil.support.Api;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The seed's journey through the rule wizard in headless Chromium: "+ Create → Automation rule",
 * conditioned on an analytics rule chosen from the catalogue and on advanced conditions, with two
 * Add task actions (one with a formatted description) and a property change moved ahead of them;
 * tested on an incident, applied, and seen at work on a new incident's Tasks panel.
 */
class RuleWizardUiIT extends UiTest {

  private WebElement panel() {
    return browser.findElement(By.id("rule-panel"));
  }

  private List<WebElement> actions() {
    return panel().findElements(By.cssSelector("li.wizard-action"));
  }

  private void addAction(String type) {
    new Select(panel().findElement(By.cssSelector("select[aria-label='Action type']")))
        .selectByValue(type);
    panel().findElement(By.xpath(".//button[text()='+ Add action']")).click();
  }

  private JsonNode storedRules() {
    return api.get(ws + "/automationRules").json().path("value");
  }

  @Test
  void createsARuleWithTheWizardAndSeesItAddTasks() throws Exception {
    String spray = ws + "/alertRules/spray";
    api.put(spray, "{\"properties\":{\"displayName\":\"Password spray\",\"severity\":\"High\"}}");
    api.put(
        ws + "/alertRules/malware",
        "{\"properties\":{\"displayName\":\"Malware detected\",\"severity\":\"High\"}}");
    Api.Response earlier =
        api.put(
            ws + "/incidents/earlier",
            """
            {"properties":{"title":"Password spray from TOR","severity":"High","status":"New",
              "relatedAnalyticRuleIds":["%s"]}}"""
                .formatted(spray));
    assertThat(earlier.status()).as(earlier.body()).isEqualTo(201);

    open("/ui/automation?ws=" + encode(workspace()));
    WebElement name = newRuleInWizard();
    name.sendKeys("Spray response");

    // Conditions: the analytics rule picked from the catalogue with search, then advanced ones.
    panel().findElement(By.cssSelector("details.analytics summary")).click();
    panel()
        .findElement(By.cssSelector("input[aria-label='Search analytics rules']"))
        .sendKeys("spr");
    wait.until(d -> panel().findElements(By.cssSelector(".catalogue li")).size() == 1);
    panel().findElement(By.cssSelector(".catalogue input[type=checkbox]")).click();
    assertThat(panel().findElement(By.cssSelector("details.analytics summary")).getText())
        .contains("1 selected");
    panel().findElement(By.xpath(".//button[text()='+ Add condition']")).click();
    WebElement title = panel().findElement(By.cssSelector(".conditions .condition"));
    title.findElement(By.cssSelector("input[aria-label=Values]")).sendKeys("TOR", Keys.ENTER);
    panel().findElement(By.xpath(".//button[text()='+ Add condition group (Or)']")).click();
    List<WebElement> inGroup = panel().findElements(By.cssSelector("fieldset.group .condition"));
    assertThat(inGroup).hasSize(2);
    for (int i = 0; i < 2; i++) {
      WebElement row = panel().findElements(By.cssSelector("fieldset.group .condition")).get(i);
      new Select(row.findElement(By.cssSelector("select[aria-label=Property]")))
          .selectByValue("IncidentSeverity");
      row = panel().findElements(By.cssSelector("fieldset.group .condition")).get(i);
      new Select(row.findElement(By.cssSelector("select[aria-label=Operator]")))
          .selectByValue("Equals");
      row.findElement(By.cssSelector("input[aria-label=Values]"))
          .sendKeys(i == 0 ? "High" : "Medium", Keys.ENTER);
    }

    // Actions: two tasks, the first with a link, a numbered list and a code block.
    addAction("AddIncidentTask");
    actions()
        .get(0)
        .findElement(By.cssSelector("input[aria-label='Task title']"))
        .sendKeys("Reset the user's password");
    actions().get(0).findElement(By.xpath(".//button[text()='+ Add description']")).click();
    WebElement editor = actions().get(0).findElement(By.cssSelector(".editor"));
    editor.click();
    editor.sendKeys("Runbook: ");
    actions().get(0).findElement(By.xpath(".//button[text()='Link']")).click();
    browser.switchTo().alert().sendKeys("https://example.com/runbook");
    browser.switchTo().alert().accept();
    editor.sendKeys(Keys.ENTER);
    actions().get(0).findElement(By.xpath(".//button[text()='Numbered list']")).click();
    editor.sendKeys("Open the portal", Keys.ENTER, "Reset the password", Keys.ENTER, Keys.ENTER);
    actions().get(0).findElement(By.xpath(".//button[text()='Code block']")).click();
    editor.sendKeys("Revoke-MgUserSignInSession");
    addAction("AddIncidentTask");
    actions()
        .get(1)
        .findElement(By.cssSelector("input[aria-label='Task title']"))
        .sendKeys("Notify the user");
    actions().get(1).findElement(By.cssSelector("input[name=mandatory]")).click();
    // A property change, moved ahead of the tasks.
    addAction("ModifyProperties");
    new Select(actions().get(2).findElement(By.cssSelector("select[aria-label=Status]")))
        .selectByValue("Active");
    actions().get(2).findElement(By.cssSelector("button[aria-label='Move action up']")).click();
    actions().get(1).findElement(By.cssSelector("button[aria-label='Move action up']")).click();
    assertThat(actions().get(0).getAttribute("data-action-type")).isEqualTo("ModifyProperties");

    // "Test on an incident": the dry run of the draft on the earlier incident.
    panel().findElement(By.xpath(".//fieldset[@class='test']/button")).click();
    WebElement verdict = wait.until(d -> panel().findElement(By.cssSelector(".dry-run .verdict")));
    assertThat(verdict.getText()).isEqualTo("This rule would run.");
    assertThat(panel().findElement(By.cssSelector(".dry-run")).getText())
        .contains("Add task 'Reset the user's password'")
        .contains("Add mandatory task 'Notify the user'");
    assertThat(storedRules()).isEmpty();
    screenshot("rule-wizard");

    panel().findElement(By.xpath(".//button[text()='Apply']")).click();
    wait.until(d -> !panel().isDisplayed());
    wait.until(d -> d.findElements(By.cssSelector("table.rules tbody tr")).size() == 1);
    assertThat(browser.findElement(By.cssSelector("table.rules tbody tr")).getText())
        .contains("Spray response")
        .contains("Password spray")
        .contains("Change properties, Add task");

    JsonNode rule = storedRules().get(0).path("properties");
    JsonNode conditions = rule.path("triggeringLogic").path("conditions");
    assertThat(conditions).hasSize(3);
    assertThat(
            conditions.get(0).path("conditionProperties").path("propertyValues").get(0).asString())
        .isEqualTo(spray);
    assertThat(
            conditions.get(1).path("conditionProperties").path("propertyValues").get(0).asString())
        .isEqualTo("TOR");
    assertThat(conditions.get(2).path("conditionProperties").path("operator").asString())
        .isEqualTo("Or");
    JsonNode actions = rule.path("actions");
    assertThat(actions.get(0).path("actionType").asString()).isEqualTo("ModifyProperties");
    assertThat(actions.get(1).path("actionConfiguration").path("title").asString())
        .isEqualTo("Reset the user's password");
    assertThat(actions.get(2).path("actionConfiguration").path("title").asString())
        .isEqualTo("Notify the user");
    assertThat(actions.get(2).path("actionConfiguration").path("mandatory").asBoolean()).isTrue();
    assertThat(actions.get(1).path("actionConfiguration").has("mandatory")).isFalse();

    // A matching incident gets the tasks in order, the description rendered as written.
    api.put(
        ws + "/incidents/later",
        """
        {"properties":{"title":"Spray again via TOR","severity":"Medium","status":"New",
          "relatedAnalyticRuleIds":["%s"]}}"""
            .formatted(spray));
    browser.get("http://localhost:" + port + "/ui/incident?id=" + encode(ws + "/incidents/later"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(d -> d.findElements(By.cssSelector("#tasks-panel li.task")).size() == 2);
    List<WebElement> tasks = browser.findElements(By.cssSelector("#tasks-panel li.task"));
    assertThat(tasks.get(0).getText())
        .contains("Reset the user's password")
        .contains("Created by: Spray response (by an automation rule)");
    assertThat(tasks.get(1).getText()).contains("Notify the user");
    tasks.get(0).findElement(By.cssSelector("button.expand")).click();
    WebElement description =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#tasks-panel li.task"))
                    .get(0)
                    .findElement(By.cssSelector(".rich-text")));
    assertThat(description.findElement(By.cssSelector("a")).getAttribute("href"))
        .isEqualTo("https://example.com/runbook");
    assertThat(description.findElements(By.cssSelector("ol > li"))).hasSize(2);
    assertThat(description.findElement(By.cssSelector("pre")).getText())
        .isEqualTo("Revoke-MgUserSignInSession");
    screenshot("rule-wizard-tasks");
  }

  @Test
  void editsARuleAndShowsWhyTheServerRefusesOne() throws Exception {
    Api.Response saved =
        api.put(
            ws + "/automationRules/triage",
            """
            {"properties":{"displayName":"Triage","order":3,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Updated",
                "conditions":[{"conditionType":"PropertyChanged","conditionProperties":{
                  "propertyName":"IncidentStatus","changeType":"ChangedTo","operator":"Equals",
                  "propertyValues":["Active"]}}]},
              "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{
                "title":"Triage","description":"<p>Check the <b>sign-ins</b></p>",
                "mandatory":true,"assignedTo":{"type":"Role","name":"Responder"}}}]}}""");
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    Playbooks.put(
        api,
        resourceGroup,
        "Notify-Owner",
        Playbooks.body(
            resourceGroup,
            Playbooks.INCIDENT_TRIGGER,
            "\"Note\":{\"type\":\"Compose\",\"inputs\":\"owner\",\"runAfter\":{}}"));
    open("/ui/automation?ws=" + encode(workspace()));
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label='Edit Triage']")))
        .click();
    WebElement name =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("displayName")));
    assertThat(name.getAttribute("value")).isEqualTo("Triage");
    assertThat(
            new Select(panel().findElement(By.name("trigger"))).getFirstSelectedOption().getText())
        .isEqualTo("When incident is updated");
    assertThat(panel().findElement(By.cssSelector(".condition .chip")).getText())
        .contains("Active");
    assertThat(actions().get(0).findElement(By.cssSelector(".editor b")).getText())
        .isEqualTo("sign-ins");
    screenshot("rule-wizard-edit");
    name.sendKeys(Keys.END, " (tier 1)");
    // A playbook run after the task, and an expiration.
    addAction("RunPlaybook");
    new Select(actions().get(1).findElement(By.cssSelector("select[aria-label=Playbook]")))
        .selectByVisibleText("Notify-Owner");
    browser.executeScript(
        "arguments[0].value = '2030-12-31T23:59'",
        panel().findElement(By.cssSelector("input[name=expiration]")));
    panel().findElement(By.xpath(".//button[text()='Apply']")).click();
    wait.withMessage(() -> panel().getText())
        .until(
            d ->
                d.findElement(By.cssSelector("table.rules tbody tr"))
                    .getText()
                    .contains("Triage (tier 1)"));
    JsonNode rule = api.get(ws + "/automationRules/triage").json().path("properties");
    assertThat(rule.path("order").asInt()).isEqualTo(3);
    assertThat(
            rule.path("actions").get(0).path("actionConfiguration").path("description").asString())
        .contains("<b>sign-ins</b>");
    // Extensions the wizard has no field for come back as they were.
    JsonNode task = rule.path("actions").get(0).path("actionConfiguration");
    assertThat(task.path("mandatory").asBoolean()).isTrue();
    assertThat(task.path("assignedTo").path("name").asString()).isEqualTo("Responder");
    assertThat(
            rule.path("triggeringLogic").path("conditions").get(0).path("conditionType").asString())
        .isEqualTo("PropertyChanged");
    assertThat(
            rule.path("actions")
                .get(1)
                .path("actionConfiguration")
                .path("logicAppResourceId")
                .asString())
        .isEqualToIgnoringCase(Playbooks.workflow(resourceGroup, "Notify-Owner"));
    // The browser runs in this machine's time zone, as the JVM does.
    assertThat(Instant.parse(rule.path("triggeringLogic").path("expirationTimeUtc").asString()))
        .isEqualTo(
            LocalDateTime.parse("2030-12-31T23:59").atZone(ZoneId.systemDefault()).toInstant());

    // A task action without a title: the server's reason is shown, and nothing is stored.
    newRuleInWizard().sendKeys("No title");
    addAction("AddIncidentTask");
    panel().findElement(By.xpath(".//button[text()='Apply']")).click();
    WebElement error = wait.until(d -> panel().findElement(By.cssSelector("form.wizard > .error")));
    wait.until(d -> !error.getText().isEmpty());
    assertThat(error.getText()).contains("title");
    screenshot("rule-wizard-error");
    assertThat(storedRules()).hasSize(1);
  }
}
