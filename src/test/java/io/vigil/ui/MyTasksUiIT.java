package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The My tasks page: a Responder's queue across workspaces, filtered and sorted, with bulk Complete
 * and a bulk action the server refuses, shown task by task.
 */
class MyTasksUiIT extends UiTest {

  /** Adds a task, due {@code due} (an ISO duration) after its incident was created, if given. */
  private void task(
      String si, String incident, String name, String title, String assignedTo, String due) {
    assertThat(
            api.put(
                    si + "/incidents/" + incident + "/tasks/" + name,
                    "{\"properties\":{\"title\":\""
                        + title
                        + "\",\"status\":\"New\",\"assignedTo\":"
                        + assignedTo
                        + (due == null ? "" : ",\"due\":{\"afterIncidentCreated\":\"" + due + "\"}")
                        + "}}")
                .status())
        .isEqualTo(201);
  }

  private List<String> titles() {
    return browser.findElements(By.cssSelector("table.my-tasks tbody td.title")).stream()
        .map(e -> e.getText().split("\n")[0])
        .toList();
  }

  private void tick(String title) {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[aria-label='Select " + title + "']")))
        .click();
  }

  private void apply(String select, String choice) {
    new Select(browser.findElement(By.name(select))).selectByVisibleText(choice);
    browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
  }

  private String outcome() {
    return wait.until(
        d -> {
          String text = d.findElement(By.cssSelector(".outcome")).getText();
          return text.isBlank() ? null : text;
        });
  }

  private String status(String task) {
    return api.get(ws + "/incidents/" + task).json().path("properties").path("status").asString();
  }

  @Test
  void aResponderFiltersSortsCompletesInBulkAndSeesARefusal() throws Exception {
    String me = userWith("Responder");
    assertThat(
            api.put("/api/users/" + me, "{\"properties\":{\"displayName\":\"Riley Responder\"}}")
                .status())
        .isEqualTo(200);
    String mine = "{\"type\":\"User\",\"name\":\"" + me + "\"}";
    String responders = "{\"type\":\"Role\",\"name\":\"Responder\"}";
    api.put(ws + "/incidents/spray", incident("Password spray against the VPN", "High", "New"));
    api.put(
        ws + "/incidents/phish", incident("Phishing mail reported by finance", "Medium", "Active"));
    api.put(ws + "/incidents/adware", incident("Adware on a kiosk", "Low", "New"));
    task(ws, "spray", "reset", "Reset the passwords of the sprayed accounts", mine, "PT30M");
    task(ws, "spray", "block", "Block the source addresses at the firewall", responders, null);
    task(ws, "phish", "purge", "Purge the mail from every mailbox", mine, "PT4H");
    task(ws, "phish", "notify", "Notify the data protection officer", mine, "PT1H");
    task(ws, "adware", "reimage", "Reimage the kiosk", responders, null);
    task(
        ws,
        "adware",
        "other",
        "Someone else's task",
        "{\"type\":\"Role\",\"name\":\"Contributor\"}",
        null);
    api.put(
        ws + "/incidents/phish/tasks/notify",
        "{\"properties\":{\"title\":\"Notify the data protection officer\",\"status\":\"Completed\"}}");
    // A workspace where the Responder only reads: its tasks are listed but cannot be ticked.
    String emea = anotherWorkspace("soc-emea");
    api.put(
        "/api/roleAssignments/" + UUID.randomUUID(),
        "{\"properties\":{\"principalName\":\"%s\",\"roleDefinitionName\":\"Reader\",\"scope\":\"%s\"}}"
            .formatted(me, emea));
    String emeaSi = emea + "/providers/Microsoft.SecurityInsights";
    api.put(emeaSi + "/incidents/tor", incident("Sign-ins from TOR exit nodes", "High", "New"));
    task(emeaSi, "tor", "review", "Review the sign-in logs", mine, "PT8H");
    // An hour on, the password reset is overdue.
    clock.advance(Duration.ofHours(1));

    openAs("/ui/?ws=" + encode(workspace()), me);
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("My tasks"))).click();
    wait.until(d -> titles().size() == 5);
    // Open tasks, soonest due first; the completed one and the Contributor's are not there.
    assertThat(titles())
        .containsExactly(
            "Reset the passwords of the sprayed accounts",
            "Purge the mail from every mailbox",
            "Review the sign-in logs",
            "Block the source addresses at the firewall",
            "Reimage the kiosk");
    assertThat(
            browser.findElements(
                By.cssSelector("input[aria-label='Select Review the sign-in logs']")))
        .isEmpty();
    assertThat(browser.findElement(By.cssSelector("table.my-tasks tbody")).getText())
        .contains("#1 Password spray against the VPN")
        .contains("Riley Responder (" + me + ")")
        .contains("Responder (role)")
        .contains(workspaceName);
    screenshot("my-tasks");

    // Sorting by severity, most severe first, then filtering by it.
    browser.findElement(By.cssSelector("button[data-sort=severity]")).click();
    wait.until(d -> titles().get(0).equals("Reimage the kiosk"));
    browser.findElement(By.cssSelector("button[data-sort=severity]")).click();
    wait.until(d -> titles().get(4).equals("Reimage the kiosk"));
    apply("severity", "High");
    wait.until(d -> titles().size() == 3);
    assertThat(titles()).doesNotContain("Purge the mail from every mailbox");
    apply("severity", "Any severity");
    wait.until(d -> titles().size() == 5);
    apply("overdue", "Overdue");
    wait.until(d -> titles().size() == 1);
    assertThat(browser.findElement(By.cssSelector("table.my-tasks tbody tr")).getText())
        .contains("Reset the passwords of the sprayed accounts")
        .contains("Overdue");
    apply("overdue", "Overdue or not");
    wait.until(d -> titles().size() == 5);

    // Complete two at once: both leave the open tasks.
    tick("Reset the passwords of the sprayed accounts");
    tick("Purge the mail from every mailbox");
    assertThat(browser.findElement(By.cssSelector(".bulk-bar")).getText()).contains("2 selected");
    browser.findElement(By.xpath("//div[@class='bulk-bar']/button[text()='Complete']")).click();
    assertThat(outcome()).contains("Complete: 2 tasks changed.");
    wait.until(d -> titles().size() == 3);
    assertThat(status("spray/tasks/reset")).isEqualTo("Completed");
    assertThat(status("phish/tasks/purge")).isEqualTo("Completed");

    // Not applicable on a completed task and an open one: refused, naming the completed one.
    apply("status", "Any status");
    wait.until(d -> titles().size() == 6);
    tick("Notify the data protection officer");
    tick("Reimage the kiosk");
    browser
        .findElement(By.xpath("//div[@class='bulk-bar']/button[text()='Not applicable…']"))
        .click();
    WebElement reason =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("reason")));
    reason.sendKeys("The kiosk was replaced");
    browser.findElement(By.xpath("//button[text()='Mark not applicable']")).click();
    String refusal = outcome();
    assertThat(refusal)
        .contains("Nothing was changed: 1 of the 2 selected tasks cannot be changed.")
        .contains("Notify the data protection officer")
        .contains("reopen it before marking it Not applicable")
        .doesNotContain("Reimage the kiosk");
    screenshot("my-tasks-refused");
    assertThat(
            api.get(ws + "/incidents/adware/tasks/reimage")
                .json()
                .path("properties")
                .has("notApplicable"))
        .isFalse();
  }
}
