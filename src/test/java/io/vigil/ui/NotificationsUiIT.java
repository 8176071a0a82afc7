package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The Notifications link with its unread count, and the Notifications page, in Chromium. */
class NotificationsUiIT extends UiTest {

  private void assign(String task, String title, String user) {
    Api.Response response =
        api.put(
            ws + "/incidents/inc/tasks/" + task,
            """
            {"properties":{"title":"%s","status":"New","assignedTo":{"type":"User","name":"%s"}}}"""
                .formatted(title, user));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  private String unreadCount() {
    WebElement count = browser.findElement(By.id("unread-count"));
    return count.isDisplayed() ? count.getText() : "";
  }

  @Test
  void aNotificationAppearsAndIsMarkedRead() throws Exception {
    String analyst = userWith("Responder");
    createIncident("inc", "Password spray against the VPN gateway");
    assign("reset", "Reset the sprayed accounts", analyst);

    openAs("/ui/?ws=" + encode(workspace()), analyst);
    wait.until(d -> unreadCount().equals("1"));
    browser.findElement(By.id("notifications-link")).click();
    WebElement item =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.notification.unread")));
    assertThat(item.getText())
        .contains("Task assigned")
        .contains("Reset the sprayed accounts")
        .contains("Incident #1")
        .contains("Password spray against the VPN gateway")
        .contains("by admin");
    screenshot("notifications");

    item.findElement(By.cssSelector("button.mark-read")).click();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.notification.unread"), 0));
    wait.until(d -> unreadCount().isEmpty());
    assertThat(
            api.as(analyst, USER_PASSWORD)
                .get("/api/notifications")
                .json()
                .path("unreadCount")
                .asInt())
        .isZero();

    // Two more arrive; "Unread only" shows just them, "Mark all read" clears them.
    assign("block", "Block the source addresses", analyst);
    assign("notify", "Tell the branch office", analyst);
    browser.navigate().refresh();
    wait.until(d -> unreadCount().equals("2"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.notification"), 3));
    browser.findElement(By.id("unread-only")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.notification"), 2));
    browser.findElement(By.id("mark-all-read")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.notification"), 0));
    wait.until(d -> unreadCount().isEmpty());
    assertThat(browser.findElement(By.cssSelector("ul.notifications")).getText())
        .contains("No unread notifications.");

    // A notification links to its incident.
    browser.findElement(By.id("unread-only")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.notification"), 3));
    browser.findElement(By.linkText("Reset the sprayed accounts")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("open-tasks")));
    assertThat(browser.getCurrentUrl()).contains("/ui/incident?id=");
  }
}
