package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every page at a tablet's width (800 px): nothing makes the page scroll sideways, and the controls
 * stay reachable. Screenshots {@code tablet-*.png} show how each page lays out.
 */
class TabletWidthUiIT extends UiTest {

  @BeforeEach
  void tablet() {
    browser.manage().window().setSize(new Dimension(800, 640));
  }

  private void fitsTheWidth(String page) throws Exception {
    screenshot("tablet-" + page);
    Object overflow =
        browser.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    // The elements that stick out, to say what to fix.
    Object wide =
        browser.executeScript(
            "return Array.from(document.querySelectorAll('body *')).filter(e =>"
                + " e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                + ".slice(0, 5).map(e => e.tagName + '.' + e.className)");
    assertThat(((Number) overflow).longValue())
        .as(page + " scrolls sideways; too wide: " + wide)
        .isLessThanOrEqualTo(0);
  }

  @Test
  void everyPageFitsATablet() throws Exception {
    createIncident("inc", "Password spray from TOR against the VPN gateway of the branch office");
    api.put(
        ws + "/incidents/inc/tasks/reset",
        "{\"properties\":{\"title\":\"Reset the passwords of the sprayed accounts\",\"status\":\"New\"}}");
    // Assigned to the administrator by someone else, so that the Notifications page has one.
    String analyst = userWith("Responder");
    api.as(analyst, USER_PASSWORD)
        .put(
            ws + "/incidents/inc/tasks/contain",
            "{\"properties\":{\"title\":\"Contain the affected hosts of the branch office\","
                + "\"status\":\"New\",\"assignedTo\":{\"type\":\"User\",\"name\":\"admin\"}}}");
    api.put(
        ws + "/automationRules/triage",
        """
        {"properties":{"displayName":"Triage every new incident","order":1,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
          "actions":[{"order":1,"actionType":"AddIncidentTask","actionConfiguration":{"title":"Triage"}}]}}""");
    api.put(
        ws + "/taskTemplates/account-compromise",
        """
        {"properties":{"displayName":"Compromised account: reset, revoke, review the sign-ins",
          "tasks":[{"title":"Reset the passwords of the sprayed accounts","dueAfterIncidentCreated":"PT4H"}]}}""");
    String base = "http://localhost:" + port;

    open("/ui/?ws=" + encode(workspace()));
    wait.until(d -> !d.findElements(By.cssSelector("table.incidents tbody tr")).isEmpty());
    browser.findElement(By.cssSelector("table.incidents tbody tr")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("View full details")));
    fitsTheWidth("incidents");

    browser.get(base + "/ui/incident?id=" + encode(ws + "/incidents/inc"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.task")));
    // Below the incident on a tablet, the panel scrolls into view when it opens.
    assertThat(
            browser.executeScript(
                "return window.scrollY > 0 && document.getElementById('tasks-panel')"
                    + ".getBoundingClientRect().top < window.innerHeight - 100"))
        .isEqualTo(true);
    browser.findElement(By.cssSelector("details.apply-template summary")).click();
    wait.until(d -> d.findElements(By.cssSelector(".template-form option")).size() == 2);
    fitsTheWidth("incident");

    browser.get(base + "/ui/automation?ws=" + encode(workspace()));
    newRuleInWizard();
    browser.findElement(By.xpath("//button[text()='+ Add condition']")).click();
    browser.findElement(By.xpath("//button[text()='+ Add action']")).click();
    fitsTheWidth("automation");

    browser.get(base + "/ui/playbooks?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    fitsTheWidth("playbooks");

    browser.get(base + "/ui/playbook?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("textarea")));
    fitsTheWidth("playbook-editor");

    browser.get(base + "/ui/templates?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Edit']")))
        .click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.name("template")));
    fitsTheWidth("templates");
    api.put(
        ws + "/incidents/inc/tasks/mine",
        "{\"properties\":{\"title\":\"Call the owners of the sprayed accounts\",\"status\":\"New\","
            + "\"assignedTo\":{\"type\":\"User\",\"name\":\"admin\"}}}");
    browser.get(base + "/ui/my-tasks");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.my-tasks td.title")));
    browser.findElement(By.cssSelector("input[aria-label='Select all tasks']")).click();
    browser
        .findElement(By.xpath("//div[@class='bulk-bar']/button[text()='Not applicable…']"))
        .click();
    fitsTheWidth("my-tasks");

    browser.get(base + "/ui/admin");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=tab]")));
    fitsTheWidth("admin");

    browser.get(base + "/ui/notifications");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.notification")));
    fitsTheWidth("notifications");
  }
}
