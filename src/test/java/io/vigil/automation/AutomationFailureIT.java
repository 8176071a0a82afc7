package io.vigil.automation;

import static io.vigil.automation.Rules.addTask;
import static io.vigil.automation.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** A failing action is recorded and undone alone; the change that fired it still happens. */
@TestPropertySource(properties = "vigil.limits.tasks-per-incident=3")
class AutomationFailureIT extends ApiTest {

  @Test
  void aFailingActionIsRecordedAndTheRestGoesOn() {
    api.put(
        ws + "/automationRules/many",
        rule(
            "Many tasks",
            1,
            "Created",
            "",
            addTask(1, "T1")
                + ","
                + addTask(2, "T2")
                + ","
                + addTask(3, "T3")
                + ","
                + addTask(4, "T4")));
    api.put(
        ws + "/automationRules/label",
        rule(
            "Label",
            2,
            "Created",
            "",
            "{\"order\":1,\"actionType\":\"ModifyProperties\",\"actionConfiguration\":{\"labels\":[{\"labelName\":\"triaged\"}]}}"));
    Api.Response created =
        api.put(
            ws + "/incidents/i1",
            "{\"properties\":{\"title\":\"T\",\"severity\":\"Low\",\"status\":\"New\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("properties").path("labels").get(0).path("labelName").asString())
        .isEqualTo("triaged");
    assertThat(api.get(ws + "/incidents/i1/tasks").json().path("value")).hasSize(3);
    JsonNode actions =
        api.get(ws + "/incidents/i1/automationRuns").json().path("value").get(0).path("actions");
    assertThat(actions.get(2).path("status").asString()).isEqualTo("Succeeded");
    assertThat(actions.get(3).path("status").asString()).isEqualTo("Failed");
    assertThat(actions.get(3).path("detail").asString()).contains("maximum of 3 tasks");
  }
}
