package io.vigil.playbook;

import static io.vigil.playbook.Playbooks.SENTINEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The playbook and connection resources: CRUD, validation, template import, roles, secrets. */
class PlaybookResourceIT extends ApiTest {
  private static final String COMPOSE =
      "\"Hello\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"hi\"}";

  private String playbook(String name) {
    return Playbooks.workflow(resourceGroup, name);
  }

  @Test
  void createsReadsListsUpdatesAndDeletesPlaybooks() {
    Api.Response created =
        api.put(
            playbook("Greeter"), Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, COMPOSE));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("id").asString()).isEqualTo(playbook("Greeter"));
    assertThat(json.path("type").asString()).isEqualTo("Microsoft.Logic/workflows");
    assertThat(json.path("properties").path("state").asString()).isEqualTo("Enabled");
    assertThat(
            json.path("properties")
                .path("definition")
                .path("actions")
                .path("Hello")
                .path("inputs")
                .asString())
        .isEqualTo("hi");
    assertThat(
            json.path("properties")
                .path("parameters")
                .path("$connections")
                .path("value")
                .has("azuresentinel"))
        .isTrue();

    assertThat(api.get(playbook("greeter")).json().path("name").asString()).isEqualTo("Greeter");
    assertThat(
            api.get(Playbooks.scope(resourceGroup) + "/providers/Microsoft.Logic/workflows")
                .json()
                .path("value"))
        .hasSize(1);

    String disabled =
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, COMPOSE)
            .replace("\"Enabled\"", "\"Disabled\"");
    assertThat(api.put(playbook("Greeter"), disabled).status()).isEqualTo(200);
    Api.Response refused = api.post(playbook("Greeter") + "/triggers/manual/run", "{}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").path("code").asString()).isEqualTo("WorkflowDisabled");

    assertThat(api.delete(playbook("Greeter")).status()).isEqualTo(200);
    assertThat(api.get(playbook("Greeter")).status()).isEqualTo(404);
    assertThat(api.delete(playbook("Greeter")).status()).isEqualTo(204);
  }

  private void assertRefused(String actions, String... mentions) {
    String name = "bad-" + UUID.randomUUID().toString().substring(0, 6);
    Api.Response response =
        api.put(playbook(name), Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    String message = response.json().path("error").path("message").asString();
    for (String mention : mentions) {
      assertThat(message).contains(mention);
    }
    assertThat(api.get(playbook(name)).status()).isEqualTo(404);
  }

  @Test
  void refusesDefinitionsItCannotRunNamingTheActionAndTheProblem() {
    assertRefused("\"Odd\":{\"type\":\"Teleport\",\"runAfter\":{}}", "Odd", "Teleport");
    assertRefused(
        "\"A\":{\"type\":\"Compose\",\"runAfter\":{\"Ghost\":[\"Succeeded\"]},\"inputs\":1}",
        "'A'",
        "Ghost");
    assertRefused(
        "\"A\":{\"type\":\"Compose\",\"runAfter\":{\"B\":[\"Succeeded\"]},\"inputs\":1},"
            + "\"B\":{\"type\":\"Compose\",\"runAfter\":{\"A\":[\"Succeeded\"]},\"inputs\":1}",
        "cycle");
    assertRefused(
        "\"A\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"@concat('a',\"}", "'A'");
    assertRefused(
        "\"A\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"@frobnicate(1)\"}",
        "'A'",
        "frobnicate");
    assertRefused(
        "\"A\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"@body('Nowhere')\"}",
        "'A'",
        "nowhere");
    assertRefused(
        "\"A\":{\"type\":\"Compose\",\"runAfter\":{\"B\":[\"Done\"]},\"inputs\":1},\"B\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":1}",
        "Done");
    assertRefused(
        "\"Call\":{\"type\":\"ApiConnection\",\"runAfter\":{},\"inputs\":{"
            + "\"host\":{\"connection\":{\"name\":\"@parameters('$connections')['servicenow']['connectionId']\"}},"
            + "\"method\":\"post\",\"path\":\"/x\"}}",
        "Call",
        "servicenow");
    // The identity connection is named in $connections but was never created.
    assertRefused(
        "\"Call\":{\"type\":\"ApiConnection\",\"runAfter\":{},\"inputs\":{"
            + Playbooks.IDENTITY
            + ",\"method\":\"post\",\"path\":\"/beta/riskyUsers/dismiss\"}}",
        "Call",
        "does not exist");
  }

  @Test
  void aRefusedDefinitionListsEachProblemInTheErrorsDetails() {
    Api.Response response =
        api.put(
            playbook("Two-problems"),
            Playbooks.body(
                resourceGroup,
                Playbooks.MANUAL_TRIGGER,
                "\"A\":{\"type\":\"Compose\",\"runAfter\":{\"Ghost\":[\"Succeeded\"]},\"inputs\":1},"
                    + "\"B\":{\"type\":\"Teleport\",\"runAfter\":{}}"));
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    JsonNode error = response.json().path("error");
    // The message still says everything, for clients that read only it.
    assertThat(error.path("message").asString())
        .startsWith("The workflow definition is not valid: ")
        .contains("Ghost")
        .contains("Teleport");
    JsonNode details = error.path("details");
    assertThat(details).hasSize(2);
    assertThat(details.get(0).path("code").asString()).isEqualTo("BadRequest");
    assertThat(details.findValuesAsString("message"))
        .anySatisfy(m -> assertThat(m).startsWith("action 'A': ").contains("Ghost"))
        .anySatisfy(m -> assertThat(m).startsWith("action 'B': ").contains("Teleport"));

    // Errors of one problem keep the plain shape.
    Api.Response missing = api.put(playbook("No-definition"), "{\"properties\":{}}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").has("details")).isFalse();
  }

  @Test
  void importsASentinelPlaybookTemplate() {
    String template =
        """
        {"template":{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion":"1.0.0.0",
          "parameters":{"PlaybookName":{"defaultValue":"Incident-Task-Reset","type":"string"},
                        "TaskTitle":{"defaultValue":"Reset the password","type":"string"}},
          "variables":{"AzureSentinelConnectionName":"[concat('azuresentinel-', parameters('PlaybookName'))]"},
          "resources":[
            {"type":"Microsoft.Web/connections","apiVersion":"2016-06-01","name":"[variables('AzureSentinelConnectionName')]",
             "location":"[resourceGroup().location]",
             "properties":{"displayName":"[parameters('PlaybookName')]",
               "api":{"id":"[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', resourceGroup().location, '/managedApis/azuresentinel')]"}}},
            {"type":"Microsoft.Logic/workflows","apiVersion":"2017-07-01","name":"[parameters('PlaybookName')]",
             "location":"[resourceGroup().location]",
             "dependsOn":["[resourceId('Microsoft.Web/connections', variables('AzureSentinelConnectionName'))]"],
             "properties":{"state":"Enabled","definition":{
                "$schema":"https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                "contentVersion":"1.0.0.0","parameters":{"$connections":{"defaultValue":{},"type":"Object"}},
                %s,
                "actions":{"Add_task_to_incident":{"type":"ApiConnection","runAfter":{},
                  "inputs":{%s,"method":"post","path":"/Incidents/CreateTask",
                    "body":{"incidentArmId":"@triggerBody()?['object']?['id']","taskTitle":"[parameters('TaskTitle')]"}}}}},
              "parameters":{"$connections":{"value":{"azuresentinel":{
                "connectionId":"[resourceId('Microsoft.Web/connections', variables('AzureSentinelConnectionName'))]",
                "connectionName":"[variables('AzureSentinelConnectionName')]",
                "id":"[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', resourceGroup().location, '/managedApis/azuresentinel')]"}}}}}}]},
         "parameters":{"TaskTitle":{"value":"Reset the user's password"}}}"""
            .formatted(Playbooks.INCIDENT_TRIGGER, SENTINEL);
    Api.Response imported =
        api.post(
            Playbooks.scope(resourceGroup) + "/providers/Microsoft.Logic/importTemplate", template);
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertThat(imported.json().path("value").get(0).path("name").asString())
        .isEqualTo("Incident-Task-Reset");

    JsonNode stored = api.get(playbook("Incident-Task-Reset")).json().path("properties");
    assertThat(
            stored
                .path("definition")
                .path("actions")
                .path("Add_task_to_incident")
                .path("inputs")
                .path("body")
                .path("taskTitle")
                .asString())
        .isEqualTo("Reset the user's password");
    assertThat(
            stored
                .path("parameters")
                .path("$connections")
                .path("value")
                .path("azuresentinel")
                .path("connectionId")
                .asString())
        .isEqualTo(
            Playbooks.scope(resourceGroup)
                + "/providers/Microsoft.Web/connections/azuresentinel-Incident-Task-Reset");

    // It runs: the task title came from the template parameter.
    createIncident("i1", "Imported");
    Api.Response run =
        api.post(
            ws + "/incidents/i1/runPlaybook",
            "{\"logicAppsResourceId\":\"" + playbook("Incident-Task-Reset") + "\"}");
    assertThat(run.status()).as(run.body()).isEqualTo(204);
    assertThat(
            Playbooks.finished(api, run.header("Location"))
                .path("properties")
                .path("status")
                .asString())
        .isEqualTo("Succeeded");
    assertThat(
            api.get(ws + "/incidents/i1/tasks")
                .json()
                .path("value")
                .get(0)
                .path("properties")
                .path("title")
                .asString())
        .isEqualTo("Reset the user's password");
  }

  @Test
  void aTemplateWithoutAWorkflowOrAMissingParameterIsRefusedAndNothingIsStored() {
    Api.Response empty =
        api.post(
            Playbooks.scope(resourceGroup) + "/providers/Microsoft.Logic/importTemplate",
            "{\"template\":{\"resources\":[]}}");
    assertThat(empty.status()).isEqualTo(400);
    Api.Response missing =
        api.post(
            Playbooks.scope(resourceGroup) + "/providers/Microsoft.Logic/importTemplate",
            """
            {"template":{"parameters":{"PlaybookName":{"type":"string"}},"resources":[
              {"type":"Microsoft.Logic/workflows","name":"[parameters('PlaybookName')]","properties":{"definition":{}}}]}}""");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("message").asString()).contains("PlaybookName");
    assertThat(
            api.get(Playbooks.scope(resourceGroup) + "/providers/Microsoft.Logic/workflows")
                .json()
                .path("value"))
        .isEmpty();
  }

  @Test
  void connectionCredentialsAreNeverReturnedNorAudited() {
    Playbooks.identityConnection(api, resourceGroup, "http://127.0.0.1:9");
    String connection =
        Playbooks.scope(resourceGroup) + "/providers/Microsoft.Web/connections/identity";
    Api.Response read = api.get(connection);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).doesNotContain("graph-secret-token");
    assertThat(
            read.json()
                .path("properties")
                .path("parameterValues")
                .path("authentication")
                .path("type")
                .asString())
        .isEqualTo("Bearer");
    assertThat(read.json().path("properties").path("parameterValues").path("endpoint").asString())
        .isEqualTo("http://127.0.0.1:9");
    assertThat(
            api.get(Playbooks.scope(resourceGroup) + "/providers/Microsoft.Web/connections").body())
        .doesNotContain("graph-secret-token");
    Api.Response audit = api.get("/api/audit?resource=" + Api.encode(connection));
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body()).contains("ConnectionCreated").doesNotContain("graph-secret-token");

    Api.Response bad =
        api.put(
            connection,
            "{\"properties\":{\"api\":{\"name\":\"azureadip\"},\"parameterValues\":{\"endpoint\":\"ftp://x\"}}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("message").asString()).contains("endpoint");
  }

  @Test
  void aRuleCannotRunAPlaybookThatDoesNotExist() {
    Api.Response rule =
        api.put(
            ws + "/automationRules/r",
            """
            {"properties":{"displayName":"R","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created"},
              "actions":[{"order":1,"actionType":"RunPlaybook","actionConfiguration":{"logicAppResourceId":"%s"}}]}}"""
                .formatted(playbook("Ghost")));
    assertThat(rule.status()).isEqualTo(400);
    assertThat(rule.json().path("error").path("message").asString())
        .contains("Ghost")
        .contains("does not exist");
    assertThat(api.get(ws + "/automationRules/r").status()).isEqualTo(404);
  }

  private Api userWith(String role) {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "a-long-enough-password-1";
    assertThat(
            api.put(
                    "/api/users/" + name,
                    "{\"properties\":{\"displayName\":\""
                        + name
                        + "\",\"password\":\""
                        + password
                        + "\"}}")
                .status())
        .isEqualTo(201);
    Api.Response assigned =
        api.put(
            "/api/roleAssignments/" + UUID.randomUUID(),
            """
            {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
                .formatted(
                    name,
                    role,
                    ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"))));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    return api.as(name, password);
  }

  @Test
  void aPlaybookOperatorCanRunButNotEditAPlaybookAndAReaderCannotSeeOne() {
    String body = Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, COMPOSE);
    Playbooks.put(api, resourceGroup, "Greeter", body);
    createIncident("i1", "Operated");

    Api operator = userWith("PlaybookOperator");
    assertThat(operator.get(playbook("Greeter")).status()).isEqualTo(200);
    assertThat(operator.put(playbook("Greeter"), body).status()).isEqualTo(403);
    assertThat(operator.delete(playbook("Greeter")).status()).isEqualTo(403);
    assertThat(operator.put(playbook("Other"), body).status()).isEqualTo(403);
    Api.Response run = operator.post(playbook("Greeter") + "/triggers/manual/run", "{}");
    assertThat(run.status()).as(run.body()).isEqualTo(202);
    Api.Response onIncident =
        operator.post(
            ws + "/incidents/i1/runPlaybook",
            "{\"logicAppsResourceId\":\"" + playbook("Greeter") + "\"}");
    assertThat(onIncident.status()).as(onIncident.body()).isEqualTo(204);
    assertThat(operator.get(run.header("Location")).status()).isEqualTo(200);

    Api reader = userWith("Reader");
    assertThat(reader.get(playbook("Greeter")).status()).isEqualTo(403);
    assertThat(reader.post(playbook("Greeter") + "/triggers/manual/run", "{}").status())
        .isEqualTo(403);
    assertThat(
            reader
                .post(
                    ws + "/incidents/i1/runPlaybook",
                    "{\"logicAppsResourceId\":\"" + playbook("Greeter") + "\"}")
                .status())
        .isEqualTo(403);

    Api stranger = api.as(ADMIN, ADMIN_PASSWORD);
    assertThat(stranger.get(playbook("Greeter")).status()).isEqualTo(200);
    Api nobody = userWith("Reader");
    String otherGroup =
        Playbooks.scope("elsewhere-" + resourceGroup) + "/providers/Microsoft.Logic/workflows/x";
    assertThat(nobody.get(otherGroup).status()).isEqualTo(404);

    Api contributor = userWith("Contributor");
    assertThat(contributor.put(playbook("Greeter"), body).status()).isEqualTo(200);
  }
}
