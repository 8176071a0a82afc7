package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.playbook.Playbooks;
import io.vigil.support.Api;
import io.vigil.support.FakeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Playbooks pages in headless Chromium: the list, the definition editor with the server's
 * validation errors per action, template import, running the seed's playbook from an incident and
 * reading its run, and a playbook completing a task in an open Tasks panel.
 */
class PlaybooksPageUiIT extends UiTest {
  private String playbook(String name) {
    return Playbooks.workflow(resourceGroup, name);
  }

  private WebElement row(String name) {
    return browser.findElement(By.cssSelector("table.playbooks tr[data-playbook='" + name + "']"));
  }

  private WebElement action(String name) {
    return browser.findElement(
        By.cssSelector(".run-details li.action[data-action='" + name + "']"));
  }

  private void type(String selector, String text) {
    WebElement field = browser.findElement(By.cssSelector(selector));
    field.clear();
    field.sendKeys(text);
  }

  private static String definition(String actions) {
    return "{" + Playbooks.INCIDENT_TRIGGER + ",\"actions\":{" + actions + "}}";
  }

  @Test
  void createsAPlaybookInTheEditorShowingEachProblemThenListsAndDisablesIt() throws Exception {
    open("/ui/playbooks?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-playbook"))).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("textarea[name=definition]")));
    type("input[name=name]", "Greeter");

    // Text that is not JSON is reported before anything is sent.
    type("textarea[name=definition]", "{\"triggers\": ");
    browser.findElement(By.cssSelector(".definition-form button[type=submit]")).click();
    WebElement problem = wait.until(d -> d.findElement(By.cssSelector(".playbook-editor .error")));
    assertThat(problem.getText()).contains("The definition is not valid JSON");
    assertThat(
            browser
                .findElement(By.cssSelector("textarea[name=definition]"))
                .getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(api.get(playbook("Greeter")).status()).isEqualTo(404);

    // The server's validation: every problem listed, each with the action it names.
    type(
        "textarea[name=definition]",
        definition(
            "\"Compose_greeting\":{\"type\":\"Compose\",\"runAfter\":{\"Ghost\":[\"Succeeded\"]},\"inputs\":\"hi\"},"
                + "\"Beam_up\":{\"type\":\"Teleport\",\"runAfter\":{}}"));
    browser.findElement(By.cssSelector(".definition-form button[type=submit]")).click();
    wait.until(d -> d.findElements(By.cssSelector(".playbook-editor ul.problems li")).size() == 2);
    List<WebElement> problems =
        browser.findElements(By.cssSelector(".playbook-editor ul.problems li"));
    assertThat(problems)
        .anySatisfy(
            li -> {
              assertThat(li.findElement(By.tagName("strong")).getText())
                  .isEqualTo("action 'Compose_greeting'");
              assertThat(li.getText()).contains("runAfter names 'Ghost'");
            })
        .anySatisfy(
            li -> {
              assertThat(li.findElement(By.tagName("strong")).getText())
                  .isEqualTo("action 'Beam_up'");
              assertThat(li.getText()).contains("Teleport");
            });
    screenshot("playbook-editor-error");
    assertThat(api.get(playbook("Greeter")).status()).isEqualTo(404);

    // Fixed, it saves, and the page becomes the playbook's.
    type(
        "textarea[name=definition]",
        definition(
            "\"Compose_greeting\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"hi\"}"));
    browser.findElement(By.cssSelector(".definition-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".banner h1"), "Greeter"));
    Api.Response stored = api.get(playbook("Greeter"));
    assertThat(stored.status()).isEqualTo(200);
    assertThat(
            stored
                .json()
                .path("properties")
                .path("definition")
                .path("actions")
                .has("Compose_greeting"))
        .isTrue();

    // Saving again sends the etag it read: a change made meanwhile elsewhere is not overwritten.
    Playbooks.put(api, resourceGroup, "Greeter", stored.body());
    browser.findElement(By.cssSelector(".definition-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".playbook-editor .error"), "etag"));

    browser.findElement(By.linkText("← Playbooks")).click();
    wait.until(d -> row("Greeter").getText().contains("Enabled"));
    assertThat(row("Greeter").getText()).contains("Microsoft Sentinel incident");
    row("Greeter").findElement(By.xpath(".//button[text()='Disable']")).click();
    wait.until(d -> row("Greeter").getText().contains("Disabled"));
    assertThat(api.get(playbook("Greeter")).json().path("properties").path("state").asString())
        .isEqualTo("Disabled");
    screenshot("playbooks");

    row("Greeter").findElement(By.xpath(".//button[text()='Delete']")).click();
    browser.switchTo().alert().accept();
    wait.until(d -> d.findElements(By.cssSelector("table.playbooks tr[data-playbook]")).isEmpty());
    assertThat(api.get(playbook("Greeter")).status()).isEqualTo(404);
  }

  @Test
  void importsASentinelTemplateFromAFileWithAParameterValue() throws Exception {
    String template =
        """
        {"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion":"1.0.0.0",
          "parameters":{"PlaybookName":{"defaultValue":"Incident-Task-Reset","type":"string"},
                        "TaskTitle":{"defaultValue":"Reset the password","type":"string"}},
          "resources":[
            {"type":"Microsoft.Logic/workflows","apiVersion":"2017-07-01","name":"[parameters('PlaybookName')]",
             "location":"[resourceGroup().location]",
             "properties":{"state":"Enabled","definition":{
                "$schema":"https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                "contentVersion":"1.0.0.0","parameters":{"$connections":{"defaultValue":{},"type":"Object"}},
                %s,
                "actions":{"Add_task_to_incident":{"type":"ApiConnection","runAfter":{},
                  "inputs":{%s,"method":"post","path":"/Incidents/CreateTask",
                    "body":{"incidentArmId":"@triggerBody()?['object']?['id']","taskTitle":"[parameters('TaskTitle')]"}}}}},
              "parameters":{"$connections":{"value":{"azuresentinel":{
                "connectionId":"[concat(resourceGroup().id, '/providers/Microsoft.Web/connections/azuresentinel')]",
                "connectionName":"azuresentinel",
                "id":"[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', resourceGroup().location, '/managedApis/azuresentinel')]"}}}}}}]}"""
            .formatted(Playbooks.INCIDENT_TRIGGER, Playbooks.SENTINEL);
    Path file = Files.createTempFile("azuredeploy", ".json");
    Files.writeString(file, template);

    open("/ui/playbooks?ws=" + encode(workspace()));
    WebElement form =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.import-form")));

    // A template that creates no playbook is refused, with the server's reason.
    form.findElement(By.cssSelector("textarea[name=template]")).sendKeys("{\"resources\":[]}");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("form.import-form .error"),
            "no resource of type Microsoft.Logic/workflows"));

    // Chosen as a file: its parameters get fields, their defaults as placeholders.
    form.findElement(By.cssSelector("textarea[name=template]")).clear();
    form.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
    WebElement title =
        wait.until(d -> d.findElement(By.cssSelector("input[data-parameter=TaskTitle]")));
    assertThat(title.getAttribute("placeholder")).isEqualTo("Reset the password");
    title.sendKeys("Reset the user's password");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("form.import-form .success"), "Imported: Incident-Task-Reset"));
    wait.until(d -> row("Incident-Task-Reset").getText().contains("Microsoft Sentinel incident"));
    screenshot("playbooks-imported");
    assertThat(
            api.get(playbook("Incident-Task-Reset"))
                .json()
                .path("properties")
                .path("definition")
                .path("actions")
                .path("Add_task_to_incident")
                .path("inputs")
                .path("body")
                .path("taskTitle")
                .asString())
        .isEqualTo("Reset the user's password");
    Files.delete(file);
  }

  @Test
  void runsTheSeedPlaybookFromAnIncidentAndShowsEachActionOfTheRun() throws Exception {
    try (FakeService graph = new FakeService()) {
      Playbooks.identityConnection(api, resourceGroup, graph.url());
      Playbooks.put(api, resourceGroup, "Reset-Password", Playbooks.seed(resourceGroup));
      Api.Response created =
          api.put(
              ws + "/incidents/risky",
              """
              {"properties":{"title":"Risky sign-in","severity":"High","status":"New",%s}}"""
                  .formatted(Playbooks.ACCOUNTS));
      assertThat(created.status()).as(created.body()).isEqualTo(201);

      open("/ui/incident?id=" + encode(ws + "/incidents/risky"));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("run-playbook"))).click();
      WebElement chooser =
          wait.until(d -> d.findElement(By.cssSelector(".run-playbook select[name=playbook]")));
      new Select(chooser).selectByVisibleText("Reset-Password");
      browser.findElement(By.cssSelector(".run-playbook button[type=submit]")).click();
      WebElement started = wait.until(d -> d.findElement(By.cssSelector(".run-playbook .success")));
      assertThat(started.getText()).contains("Playbook Reset-Password started.");
      screenshot("incident-run-playbook");
      started.findElement(By.linkText("View the run")).click();

      new WebDriverWait(browser, Duration.ofSeconds(30))
          .ignoring(StaleElementReferenceException.class)
          .until(
              d ->
                  d.findElement(By.cssSelector(".run-details .card-header .badge"))
                      .getText()
                      .equals("Succeeded"));
      for (String step :
          List.of(
              "Add_task_to_incident",
              "Entities_-_Get_Accounts",
              "For_each",
              "Confirm_a_risky_user_as_compromised",
              "Mark_a_task_as_completed")) {
        assertThat(action(step).findElement(By.cssSelector("summary .badge")).getText())
            .as(step)
            .isEqualTo("Succeeded");
      }
      // The run is in the history below, with who asked for it.
      wait.until(d -> d.findElements(By.cssSelector("table.runs-table tr[data-run]")).size() == 1);
      assertThat(browser.findElement(By.cssSelector("table.runs-table tr[data-run]")).getText())
          .contains("Succeeded")
          .contains("admin (User)");

      browser.executeScript("window.scrollTo(0, 0)");
      screenshot("playbook-run");

      // An action's inputs and outputs, as JSON text.
      action("Entities_-_Get_Accounts").findElement(By.tagName("summary")).click();
      List<WebElement> blocks =
          wait.until(
              d -> {
                List<WebElement> pre =
                    action("Entities_-_Get_Accounts").findElements(By.cssSelector("pre.json"));
                return pre.size() == 2 ? pre : null;
              });
      assertThat(blocks.get(0).getText()).contains("/entities/account").contains("alice");
      assertThat(blocks.get(1).getText())
          .contains("\"Accounts\"")
          .contains("11111111-1111-1111-1111-111111111111");

      // The loop's action: one repetition per account.
      action("Confirm_a_risky_user_as_compromised").findElement(By.tagName("summary")).click();
      wait.until(
          d ->
              action("Confirm_a_risky_user_as_compromised")
                      .findElements(By.cssSelector("li.repetition"))
                      .size()
                  == 2);
      assertThat(
              action("Confirm_a_risky_user_as_compromised")
                  .findElements(By.cssSelector("li.repetition"))
                  .get(1)
                  .getText())
          .contains("22222222-2222-2222-2222-222222222222");
      browser.executeScript(
          "arguments[0].scrollIntoView()", action("Confirm_a_risky_user_as_compromised"));
      screenshot("playbook-run-actions");
    }
  }

  @Test
  void aPlaybookAddsAndThenCompletesATaskInAnOpenTasksPanel() throws Exception {
    String actions =
        """
        "Add_task":{"type":"ApiConnection","runAfter":{},
          "inputs":{%1$s,"method":"post","path":"/Incidents/CreateTask",
            "body":{"incidentArmId":"@triggerBody()?['object']?['id']","taskTitle":"Check the mail gateway"}}},
        "Pause":{"type":"Wait","runAfter":{"Add_task":["Succeeded"]},
          "inputs":{"interval":{"count":5,"unit":"Second"}}},
        "Complete_task":{"type":"ApiConnection","runAfter":{"Pause":["Succeeded"]},
          "inputs":{%1$s,"method":"post","path":"/Incidents/CompleteTask",
            "body":{"taskArmId":"@body('Add_task')?['id']"}}}"""
            .formatted(Playbooks.SENTINEL);
    Playbooks.put(
        api,
        resourceGroup,
        "Mail-Gateway-Check",
        Playbooks.body(resourceGroup, Playbooks.INCIDENT_TRIGGER, actions));
    createIncident("phish", "Phishing mail reported");

    open("/ui/incident?id=" + encode(ws + "/incidents/phish"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("tasks-panel"), "0/0 completed"));

    // The run starts elsewhere (over the API) while the panel is open.
    Api.Response run =
        api.post(
            ws + "/incidents/phish/runPlaybook",
            "{\"logicAppsResourceId\":\"" + playbook("Mail-Gateway-Check") + "\"}");
    assertThat(run.status()).as(run.body()).isEqualTo(204);

    By task = By.cssSelector("#tasks-panel li.task");
    WebElement added = wait.until(d -> d.findElement(task));
    assertThat(added.getText())
        .contains("Check the mail gateway")
        .contains("Created by: Mail-Gateway-Check (by a playbook)");
    assertThat(added.getAttribute("class")).doesNotContain("completed");

    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(task).getAttribute("class").contains("completed"));
    assertThat(browser.findElement(task).getText())
        .contains("✓")
        .contains("Completed by Mail-Gateway-Check");
    screenshot("tasks-panel-playbook");
  }

  @Test
  void aRunningRunIsCancelledFromItsPage() {
    Playbooks.put(
        api,
        resourceGroup,
        "Slow",
        Playbooks.body(
            resourceGroup,
            Playbooks.MANUAL_TRIGGER,
            """
            "Wait":{"type":"Wait","runAfter":{},"inputs":{"interval":{"count":60,"unit":"Second"}}}"""));
    Api.Response started = api.post(playbook("Slow") + "/triggers/manual/run", "{}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String runName = started.header("x-ms-workflow-run-id");

    open("/ui/playbook?ws=" + encode(workspace()) + "&name=Slow&run=" + encode(runName));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Cancel run']")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".run-details .card-header .badge"), "Cancelled"));
    assertThat(browser.findElements(By.xpath("//button[text()='Cancel run']"))).isEmpty();
    assertThat(
            api.get(playbook("Slow") + "/runs/" + runName)
                .json()
                .path("properties")
                .path("status")
                .asString())
        .isEqualTo("Cancelled");
  }

  @Test
  void onlyThoseWhoMayRunOrChangePlaybooksSeeTheControls() throws Exception {
    Playbooks.put(
        api,
        resourceGroup,
        "Reset-Password",
        Playbooks.body(
            resourceGroup,
            Playbooks.INCIDENT_TRIGGER,
            "\"Note\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"hi\"}"));
    createIncident("i1", "Risky sign-in");

    openAs("/ui/incident?id=" + encode(ws + "/incidents/i1"), userWith("Reader"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks")));
    assertThat(browser.findElements(By.id("run-playbook"))).isEmpty();

    browser.manage().deleteAllCookies();
    // A Playbook Operator sees no incidents by that role alone: a Responder who may run playbooks.
    String operator = userWith("Responder", "PlaybookOperator");
    openAs("/ui/incident?id=" + encode(ws + "/incidents/i1"), operator);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("run-playbook")));
    browser.get("http://localhost:" + port + "/ui/playbooks?ws=" + encode(workspace()));
    wait.until(d -> row("Reset-Password").isDisplayed());
    assertThat(row("Reset-Password").findElements(By.tagName("button"))).isEmpty();
    assertThat(browser.findElements(By.id("new-playbook"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("form.import-form"))).isEmpty();
    row("Reset-Password").findElement(By.linkText("Reset-Password")).click();
    WebElement definition =
        wait.until(d -> d.findElement(By.cssSelector("textarea[name=definition]")));
    assertThat(definition.getAttribute("readonly")).isNotNull();
    assertThat(browser.findElements(By.cssSelector(".definition-form button[type=submit]")))
        .isEmpty();
  }
}
