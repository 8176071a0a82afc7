package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the UI tests: Vigil as in {@link ApiTest}, and Debian's Chromium, headless, driven by its
 * chromedriver. Screenshots go to {@code target/screenshots/}.
 */
abstract class UiTest extends ApiTest {
  protected ChromeDriver browser;
  protected WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    // Pages redraw when their data changes: look elements up again.
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Opens a page of the UI, signing in as the administrator on the way. */
  protected void open(String path) {
    open(path, ADMIN, ADMIN_PASSWORD);
  }

  /** Opens a page of the UI, signing in through the login form as the given account. */
  protected void open(String path, String user, String password) {
    browser.get("http://localhost:" + port + path);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** The password of the accounts {@link #userWith} creates. */
  protected static final String USER_PASSWORD = "a-long-enough-password-1";

  /** A new account holding {@code roles} in this test's workspace; answers its name. */
  protected String userWith(String... roles) {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response user =
        api.put("/api/users/" + name, "{\"properties\":{\"password\":\"" + USER_PASSWORD + "\"}}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    for (String role : roles) {
      Api.Response assigned =
          api.put(
              "/api/roleAssignments/" + UUID.randomUUID(),
              """
              {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
                  .formatted(name, role, workspace()));
      assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    }
    return name;
  }

  /** Opens a page signed in as an account {@link #userWith} created. */
  protected void openAs(String path, String user) {
    open(path, user, USER_PASSWORD);
  }

  /** The tasks in an incident page's open Tasks panel, in order. */
  protected List<WebElement> tasks() {
    return browser.findElements(By.cssSelector("#tasks-panel li.task"));
  }

  /** The task of that title in the open Tasks panel. */
  protected WebElement task(String title) {
    return tasks().stream()
        .filter(t -> t.findElement(By.cssSelector(".title")).getText().equals(title))
        .findFirst()
        .orElseThrow();
  }

  /** Clicks a control of a task, looking it up again when the panel redrew meanwhile. */
  protected void clickInTask(String title, String css) {
    wait.until(
        d -> {
          task(title).findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  protected String taskText(String title) {
    return wait.until(d -> task(title).getText());
  }

  /** On the Automation page: "+ Create → Automation rule"; answers the wizard's name field. */
  protected WebElement newRuleInWizard() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("details.menu summary")))
        .click();
    browser
        .findElement(By.xpath("//details[@class='menu']/button[text()='Automation rule']"))
        .click();
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("displayName")));
  }

  protected static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The path of this test's workspace (not its SecurityInsights provider). */
  protected String workspace() {
    return ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"));
  }

  protected void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
