package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.FakeService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The Administration page in headless Chromium: accounts, role assignments, API tokens (the secret
 * shown once, then working, then revoked) and the audit trail with its filters; what a
 * non-administrator sees; how bad input is answered; and a workspace's task webhooks with their
 * delivery log.
 */
class AdminPageUiIT extends UiTest {
  private static final String PASSWORD = "a-long-test-passphrase";

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private WebElement panel(String id) {
    return browser.findElement(By.id("panel-" + id));
  }

  private WebElement tab(String id) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-" + id))).click();
    wait.until(d -> panel(id).isDisplayed());
    return panel(id);
  }

  private void type(WebElement panel, String name, String value) {
    WebElement input = panel.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }

  private void click(WebElement panel, String button) {
    panel.findElement(By.xpath(".//button[normalize-space()='" + button + "']")).click();
  }

  /** Waits for a section's outcome line to say this (an earlier outcome may still show). */
  private void outcome(String panel, String expected) {
    wait.withMessage(() -> "outcome: " + expected)
        .until(
            d -> panel(panel).findElement(By.cssSelector(".outcome")).getText().equals(expected));
  }

  private List<WebElement> rows(String panel) {
    return panel(panel).findElements(By.cssSelector("tbody tr"));
  }

  private WebElement row(String panel, String text) {
    return wait.until(
        d -> rows(panel).stream().filter(r -> r.getText().contains(text)).findFirst().orElse(null));
  }

  private Api.Response withToken(String token) {
    return api.anonymous()
        .sendWith("GET", "/api/me", null, Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void anAdministratorManagesUsersRolesAndTokensAndReadsTheAuditTrail() throws Exception {
    long start = System.currentTimeMillis();
    String user = unique("ana");
    // Administrators reach the page from the incidents page.
    open("/ui/?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Administration"))).click();

    // The tabs follow the arrow keys.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-users")))
        .sendKeys(Keys.ARROW_RIGHT);
    wait.until(d -> panel("roles").isDisplayed() && !panel("users").isDisplayed());
    assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("tab-roles");

    // Users: create, then edit the display name; the password stays.
    WebElement users = tab("users");
    type(users, "username", user);
    type(users, "displayName", "Ana Analyst");
    type(users, "password", PASSWORD);
    click(users, "Create user");
    outcome("users", "Created " + user + ".");
    assertThat(row("users", user).getText()).contains("Ana Analyst").contains("Enabled");
    row("users", user).findElement(By.xpath(".//button[text()='Edit']")).click();
    type(panel("users"), "displayName", "Ana Responder");
    click(panel("users"), "Save");
    wait.until(d -> row("users", user).getText().contains("Ana Responder"));
    JsonNode saved = api.get("/api/users/" + user).json().path("properties");
    assertThat(saved.path("displayName").asString()).isEqualTo("Ana Responder");
    assertThat(saved.path("administrator").asBoolean()).isFalse();
    assertThat(saved.path("enabled").asBoolean()).isTrue();
    screenshot("admin-users");

    // Role assignments: Responder in this test's workspace, which the account can then read.
    WebElement roles = tab("roles");
    new Select(roles.findElement(By.name("principalName"))).selectByValue(user);
    new Select(roles.findElement(By.name("roleDefinitionName"))).selectByVisibleText("Responder");
    type(roles, "scope", workspace());
    click(roles, "Assign role");
    outcome("roles", "Gave " + user + " the Responder role.");
    assertThat(row("roles", user).getText()).contains("Responder").contains(workspaceName);
    JsonNode assigned = api.get("/api/roleAssignments?principalName=" + user).json().path("value");
    assertThat(assigned).hasSize(1);
    assertThat(assigned.get(0).path("properties").path("roleDefinitionName").asString())
        .isEqualTo("Responder");
    assertThat(assigned.get(0).path("properties").path("scope").asString())
        .isEqualToIgnoringCase(workspace());
    assertThat(api.as(user, PASSWORD).get(ws + "/incidents").status()).isEqualTo(200);
    screenshot("admin-roles");

    // API tokens: the secret once, working with a plain HTTP call, gone after "Done".
    String description = unique("triage script");
    WebElement tokens = tab("tokens");
    type(tokens, "description", description);
    type(tokens, "expiresInDays", "30");
    click(tokens, "Create token");
    WebElement secret =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".secret-value")));
    String token = secret.getAttribute("value");
    assertThat(token).startsWith("vgl_");
    assertThat(panel("tokens").findElement(By.cssSelector(".secret")).getText())
        .contains("shown only this once");
    assertThat(row("tokens", description).getText()).contains("Active");
    screenshot("admin-token-created");
    Api.Response asToken = withToken(token);
    assertThat(asToken.status()).isEqualTo(200);
    assertThat(asToken.json().path("name").asString()).isEqualTo(ADMIN);
    click(panel("tokens"), "Done");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".secret")));
    assertThat(browser.getPageSource()).doesNotContain(token);

    // Revoke it: the same call is refused from then on.
    row("tokens", description).findElement(By.xpath(".//button[text()='Revoke']")).click();
    browser.switchTo().alert().accept();
    wait.until(d -> row("tokens", description).getText().contains("Revoked"));
    assertThat(withToken(token).status()).isEqualTo(401);

    // A token for another account acts as that account.
    type(panel("tokens"), "description", "for " + user);
    new Select(panel("tokens").findElement(By.name("owner"))).selectByValue(user);
    click(panel("tokens"), "Create token");
    String theirs =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".secret-value")))
            .getAttribute("value");
    assertThat(panel("tokens").findElement(By.cssSelector(".secret")).getText()).contains(user);
    assertThat(withToken(theirs).json().path("name").asString()).isEqualTo(user);
    click(panel("tokens"), "Done");
    screenshot("admin-tokens");

    // The audit trail since this test began shows all of it; the resource filter narrows it.
    WebElement audit = tab("audit");
    browser.executeScript(
        "const d = new Date(arguments[1]);"
            + "arguments[0].value = new Date(d - d.getTimezoneOffset() * 60000 - 60000)"
            + ".toISOString().substring(0, 16);",
        audit.findElement(By.name("from")),
        start);
    click(audit, "Apply");
    List<String> actions =
        List.of("UserCreated", "UserUpdated", "RoleAssigned", "TokenCreated", "TokenRevoked");
    wait.until(
        d ->
            actions.stream()
                .allMatch(
                    a ->
                        !panel("audit")
                            .findElements(By.cssSelector("tr[data-action=" + a + "]"))
                            .isEmpty()));
    assertThat(row("audit", "/api/users/" + user).getText()).contains(ADMIN);
    int all = rows("audit").size();
    screenshot("admin-audit");

    type(panel("audit"), "resource", "/api/tokens/");
    click(panel("audit"), "Apply");
    wait.until(
        d ->
            !rows("audit").isEmpty()
                && rows("audit").stream()
                    .allMatch(r -> r.getDomAttribute("data-action").startsWith("Token")));
    assertThat(rows("audit").size()).isLessThan(all).isGreaterThanOrEqualTo(3);
    screenshot("admin-audit-filtered");

    // At tablet width the page still fits: wide tables scroll inside their card.
    browser.manage().window().setSize(new Dimension(800, 900));
    screenshot("admin-audit-tablet");
    tab("roles");
    screenshot("admin-roles-tablet");

    // Deleting the user, after a confirmation, takes their role assignment with it.
    tab("users");
    row("users", user).findElement(By.xpath(".//button[text()='Delete']")).click();
    browser.switchTo().alert().accept();
    outcome("users", "Deleted " + user + ".");
    assertThat(api.get("/api/users/" + user).status()).isEqualTo(404);
    tab("roles");
    assertThat(rows("roles")).noneMatch(r -> r.getText().contains(user));
  }

  /** The webhooks table's text; its rows are redrawn after each change, the body stays. */
  private String webhookList() {
    return panel("webhooks").findElement(By.cssSelector("tbody")).getText();
  }

  private void webhookListSays(String text) {
    wait.until(d -> webhookList().contains(text));
  }

  @Test
  void anAdministratorConfiguresAWebhookAndReadsItsDeliveries() throws Exception {
    String secret = "whsec-typed-in-the-browser";
    try (FakeService receiver = new FakeService()) {
      open("/ui/admin?ws=" + encode(workspace()));
      WebElement webhooks = tab("webhooks");
      type(webhooks, "webhookName", "soar");
      type(webhooks, "url", "https://intranet.example.com/hook");
      type(webhooks, "secret", secret);
      click(webhooks, "Create webhook");
      wait.until(d -> panel("webhooks").getText().contains("properties.url"));
      type(panel("webhooks"), "url", receiver.url() + "/hook");
      click(panel("webhooks"), "Create webhook");
      outcome("webhooks", "Created soar.");
      webhookListSays("soar http");
      assertThat(webhookList()).contains("TaskOverdue, TaskAssigned");

      createIncident("inc", "Phishing");
      api.put(
          ws + "/incidents/inc/tasks/block",
          "{\"properties\":{\"title\":\"Block the sender\",\"status\":\"New\","
              + "\"assignedTo\":{\"type\":\"Role\",\"name\":\"Responder\"}}}");
      wait.until(d -> !receiver.requests("/hook").isEmpty());
      row("webhooks", "soar").findElement(By.xpath(".//button[text()='Deliveries']")).click();
      WebElement delivery =
          wait.until(
              ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-delivery]")));
      wait.until(d -> delivery.getText().contains("Succeeded"));
      assertThat(delivery.getText())
          .contains("TaskAssigned")
          .contains("inc / block")
          .contains("HTTP 200");
      browser.executeScript("arguments[0].scrollIntoView()", delivery);
      screenshot("admin-webhooks");

      // Editing keeps the secret unless a new one is typed; it is never on the page.
      row("webhooks", "soar").findElement(By.xpath(".//button[text()='Edit']")).click();
      panel("webhooks").findElement(By.name("enabled")).click();
      click(panel("webhooks"), "Save");
      outcome("webhooks", "Saved soar.");
      webhookListSays("Disabled");
      assertThat(browser.getPageSource()).doesNotContain(secret);
      assertThat(
              api.get(ws + "/taskWebhooks/soar")
                  .json()
                  .path("properties")
                  .path("secretSet")
                  .asBoolean())
          .isTrue();
    }
  }

  @Test
  void aNonAdministratorSeesThatThePageIsForAdministratorsOnly() throws Exception {
    String user = userWith("Reader");
    openAs("/ui/admin", user);
    WebElement denied =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".admin-denied")));
    assertThat(denied.getText()).contains("Administrators only");
    assertThat(browser.findElements(By.cssSelector("#admin form, #admin button, [role=tab]")))
        .isEmpty();
    screenshot("admin-denied");

    // Their incidents page offers Automation but no Administration link.
    browser.get("http://localhost:" + port + "/ui/?ws=" + encode(workspace()));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Automation")));
    assertThat(browser.findElements(By.linkText("Administration"))).isEmpty();
  }

  @Test
  void badInputShowsTheServersErrorAndStoresNothing() throws Exception {
    int usersBefore = api.get("/api/users").json().path("value").size();
    int assignmentsBefore = api.get("/api/roleAssignments").json().path("value").size();
    open("/ui/admin?ws=" + encode(workspace()));
    // The administrator's incidents page links here; this one carries the workspace along.
    WebElement users = tab("users");

    type(users, "username", "bad name!");
    type(users, "password", PASSWORD);
    click(users, "Create user");
    outcome(
        "users", "The field 'username' must be 1 to 128 letters, digits, '.', '_', '@' or '-'.");
    assertThat(panel("users").findElement(By.cssSelector(".outcome")).getDomAttribute("class"))
        .contains("error");

    String weak = unique("weak");
    type(panel("users"), "username", weak);
    type(panel("users"), "password", "short");
    click(panel("users"), "Create user");
    wait.until(d -> panel("users").getText().contains("at least 12 characters long"));
    assertThat(api.get("/api/users/" + weak).status()).isEqualTo(404);

    // Creating a user whose name is taken would replace that account: refused before any call.
    type(panel("users"), "username", ADMIN.toUpperCase());
    type(panel("users"), "password", PASSWORD);
    click(panel("users"), "Create user");
    wait.until(d -> panel("users").getText().contains("already exists"));
    screenshot("admin-bad-user");

    // A role assignment without a user; then one in a workspace that does not exist.
    WebElement roles = tab("roles");
    assertThat(roles.findElement(By.name("scope")).getDomProperty("value")).isEqualTo(workspace());
    click(roles, "Assign role");
    wait.until(d -> panel("roles").getText().contains("properties.principalName"));
    new Select(panel("roles").findElement(By.name("principalName"))).selectByValue(ADMIN);
    type(
        panel("roles"),
        "scope",
        workspace().substring(0, workspace().lastIndexOf('/')) + "/no-such-workspace");
    click(panel("roles"), "Assign role");
    wait.until(d -> panel("roles").getText().contains("names no workspace"));
    screenshot("admin-bad-role");

    assertThat(api.get("/api/users").json().path("value").size()).isEqualTo(usersBefore);
    assertThat(api.get("/api/roleAssignments").json().path("value").size())
        .isEqualTo(assignmentsBefore);
  }
}
