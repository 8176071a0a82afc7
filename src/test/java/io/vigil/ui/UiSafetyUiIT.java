package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * What the UI must never do: show a Reader controls that change things, or let anything a user
 * wrote run as script in another user's browser — checked in headless Chromium.
 */
class UiSafetyUiIT extends UiTest {

  /**
   * Known script-injection payloads. The CSP would stop most of them from running even if the UI
   * rendered them as HTML, so the test also checks that none of them became markup at all.
   */
  private static final List<String> PAYLOADS =
      List.of(
          "<script>window.__xss=1</script>",
          "<img src=x onerror=\"window.__xss=2\">",
          "<svg onload=\"window.__xss=3\"></svg>",
          "<a href=\"javascript:window.__xss=4\">click</a>",
          "\"><iframe src=\"javascript:window.__xss=5\"></iframe>",
          "<details open ontoggle=\"window.__xss=6\">");

  private static String json(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Nothing ran, and no payload turned into an element or attribute that could run script. */
  private void assertNothingRan() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("a payload opened an alert");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
    assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
    Object markup =
        browser.executeScript(
            "return Array.from(document.querySelectorAll('script:not([src]), iframe, svg, [onerror],"
                + " [onload], [ontoggle], [onclick], a[href^=\"javascript\" i]'))"
                + ".map(e => e.outerHTML)");
    assertThat((List<?>) markup).isEmpty();
  }

  @Test
  void aReaderSeesNoEditControlsAndCannotCompleteATask() throws Exception {
    createIncident("inc", "Suspicious sign-in");
    api.put(
        ws + "/incidents/inc/tasks/check",
        "{\"properties\":{\"title\":\"Check the sign-in logs\",\"status\":\"New\"}}");
    api.put(
        ws + "/automationRules/triage",
        """
        {"properties":{"displayName":"Triage","order":1,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
          "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{"title":"Triage"}}]}}""");
    String reader = userWith("Reader");

    openAs("/ui/incident?id=" + encode(ws + "/incidents/inc"), reader);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    WebElement task =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.task")));
    assertThat(
            browser.findElements(
                By.cssSelector(".add-task, .apply-template, button.edit, button.delete")))
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector("form.properties button[type=submit]")))
        .isEmpty();
    assertThat(
            browser.findElement(By.cssSelector("form.properties select[name=status]")).isEnabled())
        .isFalse();
    WebElement circle = task.findElement(By.cssSelector("button.circle"));
    assertThat(circle.isEnabled()).isFalse();
    circle.click();
    screenshot("reader-tasks-panel");
    // The server refuses a Reader too, whatever the page shows.
    Api.Response refused =
        api.as(reader, USER_PASSWORD)
            .put(
                ws + "/incidents/inc/tasks/check",
                "{\"properties\":{\"title\":\"Check the sign-in logs\",\"status\":\"Completed\"}}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(
            api.get(ws + "/incidents/inc/tasks/check")
                .json()
                .path("properties")
                .path("status")
                .asString())
        .isEqualTo("New");

    // A Reader's own queue has nothing to tick: bulk actions need the Responder role.
    api.put(
        ws + "/incidents/inc/tasks/mine",
        "{\"properties\":{\"title\":\"Read the report\",\"status\":\"New\","
            + "\"assignedTo\":{\"type\":\"User\",\"name\":\""
            + reader
            + "\"}}}");
    browser.get("http://localhost:" + port + "/ui/my-tasks");
    wait.until(d -> d.findElements(By.cssSelector("table.my-tasks td.title")).size() == 1);
    assertThat(browser.findElements(By.cssSelector("table.my-tasks tbody input[type=checkbox]")))
        .isEmpty();

    browser.get("http://localhost:" + port + "/ui/automation?ws=" + encode(workspace()));
    wait.until(d -> d.findElements(By.cssSelector("table.rules tbody tr")).size() == 1);
    assertThat(
            browser.findElements(By.cssSelector("details.menu, .row-actions button, button.link")))
        .isEmpty();

    // Task templates: readable, not writable.
    api.put(ws + "/taskTemplates/triage", "{\"properties\":{\"tasks\":[{\"title\":\"Triage\"}]}}");
    browser.get("http://localhost:" + port + "/ui/templates?ws=" + encode(workspace()));
    wait.until(d -> d.findElements(By.cssSelector("table.templates tbody tr")).size() == 1);
    assertThat(
            browser.findElements(
                By.xpath("//button[text()='New template' or text()='Delete' or text()='Import']")))
        .isEmpty();
    browser.findElement(By.xpath("//button[text()='View']")).click();
    assertThat(wait.until(d -> d.findElement(By.name("template"))).getAttribute("readonly"))
        .isNotNull();
    assertThat(browser.findElements(By.xpath("//button[text()='Save']"))).isEmpty();
  }

  @Test
  void nothingAUserWritesRunsInAnotherUsersBrowser() throws Exception {
    // Another user, reading what was written; the tasks are assigned to them, so that their
    // notifications repeat the titles.
    String reader = userWith("Reader");
    for (int i = 0; i < PAYLOADS.size(); i++) {
      String payload = PAYLOADS.get(i);
      String name = "xss" + i;
      Api.Response incident =
          api.put(
              ws + "/incidents/" + name,
              """
              {"properties":{"title":%s,"description":%s,"severity":"High","status":"New",
                "owner":{"assignedTo":%s},"labels":[{"labelName":%s}],
                "relatedEntities":[{"kind":"Account","properties":{"accountName":%s}}]}}"""
                  .formatted(
                      json(payload),
                      json(payload),
                      json(payload),
                      json("l" + i + payload),
                      json(payload)));
      assertThat(incident.status()).as(incident.body()).isEqualTo(201);
      String tasks = ws + "/incidents/" + name + "/tasks/";
      assertThat(
              api.put(
                      tasks + "t",
                      ("{\"properties\":{\"title\":%s,\"description\":%s,\"status\":\"New\","
                              + "\"assignedTo\":{\"type\":\"User\",\"name\":%s}}}")
                          .formatted(json(payload), json(payload), json(reader)))
                  .status())
          .isEqualTo(201);
      assertThat(
              api.put(
                      ws + "/incidents/" + name + "/comments/c",
                      // A comment sanitised down to nothing is refused: keep some text.
                      "{\"properties\":{\"message\":%s}}".formatted(json("Note " + payload)))
                  .status())
          .isEqualTo(201);
      assertThat(
              api.put(
                      ws + "/automationRules/" + name,
                      """
                      {"properties":{"displayName":%s,"order":%d,
                        "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created",
                          "conditions":[{"conditionType":"Property","conditionProperties":{
                            "propertyName":"IncidentTitle","operator":"Contains","propertyValues":[%s]}}]},
                        "actions":[{"order":1,"actionType":"AddIncidentTask",
                          "actionConfiguration":{"title":%s,"description":%s}}]}}"""
                          .formatted(
                              json(payload), i + 1, json(payload), json(payload), json(payload)))
                  .status())
          .isEqualTo(201);
      assertThat(
              api.put(
                      ws + "/taskTemplates/" + name,
                      "{\"properties\":{\"displayName\":%s,\"description\":%s,\"tasks\":[{\"title\":%s,\"description\":%s}]}}"
                          .formatted(json(payload), json(payload), json(payload), json(payload)))
                  .status())
          .isEqualTo(201);
    }
    openAs("/ui/?ws=" + encode(workspace()), reader);
    wait.until(
        d -> d.findElements(By.cssSelector("table.incidents tbody tr")).size() == PAYLOADS.size());
    // Titles show as the text that was written.
    List<String> titles =
        browser.findElements(By.cssSelector("table.incidents tbody tr td:nth-child(2)")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(titles).containsExactlyInAnyOrderElementsOf(PAYLOADS);
    browser.findElement(By.cssSelector("table.incidents tbody tr")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("View full details")));
    assertNothingRan();

    for (int i = 0; i < PAYLOADS.size(); i++) {
      browser.get(
          "http://localhost:" + port + "/ui/incident?id=" + encode(ws + "/incidents/xss" + i));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
      WebElement task =
          wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.task")));
      // Expanded, a task shows its description (unless the server sanitised it down to nothing)
      // and its history, which repeats the title as written.
      task.findElement(By.cssSelector("button.expand")).click();
      wait.until(d -> !d.findElements(By.cssSelector("li.task ol.history li")).isEmpty());
      assertThat(browser.findElement(By.cssSelector(".banner h1")).getText())
          .contains(PAYLOADS.get(i));
      assertNothingRan();
    }
    screenshot("script-payloads");

    browser.get("http://localhost:" + port + "/ui/my-tasks");
    wait.until(
        d -> d.findElements(By.cssSelector("table.my-tasks tbody tr")).size() == PAYLOADS.size());
    assertThat(
            browser.findElements(By.cssSelector("table.my-tasks td.title")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactlyInAnyOrderElementsOf(PAYLOADS);
    assertNothingRan();

    browser.get("http://localhost:" + port + "/ui/automation?ws=" + encode(workspace()));
    wait.until(
        d -> d.findElements(By.cssSelector("table.rules tbody tr")).size() == PAYLOADS.size());
    assertNothingRan();

    browser.get("http://localhost:" + port + "/ui/templates?ws=" + encode(workspace()));
    wait.until(
        d -> d.findElements(By.cssSelector("table.templates tbody tr")).size() == PAYLOADS.size());
    browser.findElement(By.xpath("//tr[@data-template='xss1']//button[text()='View']")).click();
    wait.until(
        d ->
            d.findElement(By.cssSelector("#template-editor h2")).getText().equals(PAYLOADS.get(1)));
    assertNothingRan();

    browser.get("http://localhost:" + port + "/ui/notifications");
    wait.until(d -> d.findElements(By.cssSelector("li.notification")).size() == PAYLOADS.size());
    List<String> notified =
        browser.findElements(By.cssSelector("li.notification .task-title")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(notified).containsExactlyInAnyOrderElementsOf(PAYLOADS);
    assertNothingRan();

    // What the server stored for descriptions and comments is the sanitised form.
    JsonNode task = api.get(ws + "/incidents/xss1/tasks/t").json().path("properties");
    assertThat(task.path("description").asString()).doesNotContain("onerror");
  }
}
