package io.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Automation page of the seed: the rules grid in run order with the analytics rules they are
 * conditioned on, the Actions filter with "Select all" and "Add task", enabling, reordering and
 * deleting rules — in headless Chromium.
 */
class AutomationPageUiIT extends UiTest {

  private void rule(String name, int order, String condition, String action) {
    Api.Response saved =
        api.put(
            ws + "/automationRules/" + name,
            """
            {"properties":{"displayName":"%s","order":%d,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created",
                "conditions":[%s]},
              "actions":[%s]}}"""
                .formatted(name, order, condition, action));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("table.rules tbody tr"));
  }

  private WebElement row(String name) {
    return browser.findElement(By.cssSelector("table.rules tbody tr[data-rule='" + name + "']"));
  }

  @Test
  void theRulesGridFiltersByActionAndManagesRules() throws Exception {
    assertThat(
            api.put(
                    ws + "/alertRules/spray",
                    "{\"properties\":{\"displayName\":\"Password spray\",\"severity\":\"High\"}}")
                .status())
        .isEqualTo(201);
    String onSpray =
        """
        {"conditionType":"Property","conditionProperties":{"propertyName":"IncidentRelatedAnalyticRuleIds",
          "operator":"Contains","propertyValues":["%s"]}}"""
            .formatted(ws + "/alertRules/spray");
    rule(
        "Reset-tasks",
        1,
        onSpray,
        "{\"order\":1,\"actionType\":\"AddIncidentTask\",\"actionConfiguration\":{\"title\":\"Reset\"}}");
    rule(
        "Raise-severity",
        2,
        "",
        "{\"order\":1,\"actionType\":\"ModifyProperties\",\"actionConfiguration\":{\"severity\":\"High\"}}");

    open("/ui/automation?ws=" + encode(workspace()));
    wait.until(d -> rows().size() == 2);
    assertThat(rows().get(0).getText())
        .contains("Reset-tasks")
        .contains("Incidents Created")
        .contains("Password spray")
        .contains("Add task")
        .contains("Enabled");
    assertThat(rows().get(1).getText()).contains("Raise-severity").contains("Change properties");
    screenshot("automation");

    // The Actions filter: only rules with an "Add task" action.
    browser.findElement(By.cssSelector("input[name=select-all]")).click();
    wait.until(d -> rows().isEmpty());
    browser.findElement(By.cssSelector("input[value=AddIncidentTask]")).click();
    wait.until(d -> rows().size() == 1);
    assertThat(rows().get(0).getText()).contains("Reset-tasks");
    browser.findElement(By.cssSelector("input[name=select-all]")).click();
    wait.until(d -> rows().size() == 2);

    // Disable, move down, delete.
    row("Reset-tasks").findElement(By.xpath(".//button[text()='Disable']")).click();
    wait.until(d -> row("Reset-tasks").getText().contains("Disabled"));
    assertThat(
            api.get(ws + "/automationRules/Reset-tasks")
                .json()
                .path("properties")
                .path("triggeringLogic")
                .path("isEnabled")
                .asBoolean())
        .isFalse();
    row("Reset-tasks")
        .findElement(By.cssSelector("button[aria-label='Move down Reset-tasks']"))
        .click();
    wait.until(
        d ->
            api.get(ws + "/automationRules/Reset-tasks")
                    .json()
                    .path("properties")
                    .path("order")
                    .asInt()
                == 2);
    row("Raise-severity").findElement(By.xpath(".//button[text()='Delete']")).click();
    browser.switchTo().alert().accept();
    wait.until(d -> rows().size() == 1);
    assertThat(api.get(ws + "/automationRules/Raise-severity").status()).isEqualTo(404);
  }
}
