package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.CONTEXT;
import static io.vigil.playbook.expression.Wdl.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplatesTest {

  @Test
  void evaluatesEveryStringOfANestedObjectButNotItsKeys() {
    JsonNode inputs =
        json(
            """
            {
              "host": {"connection": {"name": "@parameters('$connections')"}},
              "method": "post",
              "body": {
                "incidentArmId": "@triggerBody()?['object']?['id']",
                "message": "<p>@{length(triggerBody()?['object']?['properties']?['relatedEntities'])} entities</p>",
                "@{'key'}": ["@variables('count')", 7, true, null, {"deep": "@variables('flag')"}]
              }
            }
            """);
    JsonNode result =
        Templates.evaluate(inputs.get("body"), (name, args) -> CONTEXT.call(name, args));
    assertThat(result)
        .isEqualTo(
            json(
                """
                {
                  "incidentArmId": "/subscriptions/sub-1/incidents/inc-1",
                  "message": "<p>2 entities</p>",
                  "@{'key'}": [3, 7, true, null, {"deep": true}]
                }
                """));
    assertThat(inputs.get("body").get("incidentArmId").stringValue())
        .as("the input is left as it was")
        .startsWith("@triggerBody()");
  }

  @Test
  void evaluatingAPlainValueReturnsIt() {
    assertThat(Templates.evaluate(json("12"), CONTEXT)).isEqualTo(json("12"));
    assertThat(Templates.evaluate(json("\"@add(1, 2)\""), CONTEXT)).isEqualTo(json("3"));
    assertThat(Templates.evaluate(null, CONTEXT).isNull()).isTrue();
  }

  @Test
  void validateNamesThePathOfEachStringThatDoesNotParse() {
    JsonNode definition =
        json(
            """
            {
              "actions": {
                "Compose": {"type": "Compose", "inputs": "@concat('a'"},
                "Add comment": {
                  "inputs": {"body": {"message": ["ok @{x()}", "bad @{x(}"]}},
                  "runAfter": {"Compose": ["Succeeded"]}
                },
                "Fine": {"inputs": "@body('Compose')?['x']"}
              }
            }
            """);
    List<String> problems = Templates.validate(definition);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .startsWith("$.actions.Compose.inputs: The template language expression '@concat('a''")
        .contains("position 11");
    assertThat(problems.get(1))
        .startsWith("$.actions['Add comment'].inputs.body.message[1]: ")
        .contains("position 8");
    assertThat(Templates.validate(json("{\"a\": [\"@x()\", 1, \"plain\"]}"))).isEmpty();
  }

  @Test
  void callsCollectsTheCallsOfAllStrings() {
    JsonNode definition =
        json(
            """
            {
              "Foreach": {"foreach": "@body('Entities_-_Get_Accounts')?['Accounts']",
                          "actions": {"Set": {"inputs": {"value": "@items('Foreach')?['Name']"}}}},
              "Broken": "@x(",
              "Number": 3
            }
            """);
    assertThat(Templates.calls(definition))
        .containsExactly(
            new Call("body", List.of("Entities_-_Get_Accounts")),
            new Call("items", List.of("Foreach")));
  }
}
