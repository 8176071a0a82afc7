package io.vigil.playbook;

import static io.vigil.playbook.Playbooks.IDENTITY;
import static io.vigil.playbook.Playbooks.INCIDENT_TRIGGER;
import static io.vigil.playbook.Playbooks.SENTINEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import io.vigil.support.FakeService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed's playbooks and the acceptance scenarios of playbooks, through the HTTP API. */
class PlaybookIT extends ApiTest {
  /** The seed's playbook: add a task, confirm each account as compromised, complete the task. */
  static final String SEED_ACTIONS =
      """
      "Add_task_to_incident":{"type":"ApiConnection","runAfter":{},
        "inputs":{%1$s,"method":"post","path":"/Incidents/CreateTask",
          "body":{"incidentArmId":"@triggerBody()?['object']?['id']","taskTitle":"Reset user password",
            "taskDescription":"<p>Reset the password of <b>every</b> account.</p>"}}},
      "Entities_-_Get_Accounts":{"type":"ApiConnection","runAfter":{"Add_task_to_incident":["Succeeded"]},
        "inputs":{%1$s,"method":"post","path":"/entities/account",
          "body":"@triggerBody()?['object']?['properties']?['relatedEntities']"}},
      "For_each":{"type":"Foreach","foreach":"@body('Entities_-_Get_Accounts')?['Accounts']",
        "runAfter":{"Entities_-_Get_Accounts":["Succeeded"]},
        "actions":{"Confirm_a_risky_user_as_compromised":{"type":"ApiConnection","runAfter":{},
          "inputs":{%2$s,"method":"post","path":"/beta/riskyUsers/confirmCompromised",
            "body":{"userIds":["@items('For_each')?['AadUserId']"]}}}}},
      "Mark_a_task_as_completed":{"type":"ApiConnection","runAfter":{"For_each":["Succeeded"]},
        "inputs":{%1$s,"method":"post","path":"/Incidents/CompleteTask",
          "body":{"taskArmId":"@body('Add_task_to_incident')?['id']"}}}"""
          .formatted(SENTINEL, IDENTITY);

  static final String ACCOUNTS =
      """
      "relatedEntities":[
        {"kind":"Account","properties":{"accountName":"alice","upnSuffix":"contoso.com","aadUserId":"11111111-1111-1111-1111-111111111111"}},
        {"kind":"Ip","properties":{"address":"10.0.0.1"}},
        {"kind":"Account","properties":{"accountName":"bob","upnSuffix":"contoso.com","aadUserId":"22222222-2222-2222-2222-222222222222"}}]""";

  private FakeService graph;

  @BeforeEach
  void startGraph() {
    graph = new FakeService();
    Playbooks.identityConnection(api, resourceGroup, graph.url());
  }

  @AfterEach
  void stopGraph() {
    graph.close();
  }

  private String playbook(String name) {
    return Playbooks.workflow(resourceGroup, name);
  }

  private void incidentWith(String id, String title, String extra) {
    Api.Response created =
        api.put(
            ws + "/incidents/" + id,
            """
            {"properties":{"title":"%s","severity":"High","status":"New"%s}}"""
                .formatted(title, extra.isEmpty() ? "" : "," + extra));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  /** Runs a playbook on an incident by hand and answers the run's path. */
  private String runOn(String incident, String playbookName) {
    Api.Response started =
        api.post(
            ws + "/incidents/" + incident + "/runPlaybook",
            "{\"logicAppsResourceId\":\"" + playbook(playbookName) + "\",\"tenantId\":\"t\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(204);
    return started.header("Location");
  }

  private JsonNode tasks(String incident) {
    return api.get(ws + "/incidents/" + incident + "/tasks").json().path("value");
  }

  @Test
  void theSeedPlaybookAddsATaskConfirmsEachAccountAndCompletesTheTask() {
    Playbooks.put(
        api,
        resourceGroup,
        "Reset-Password",
        Playbooks.body(resourceGroup, INCIDENT_TRIGGER, SEED_ACTIONS));
    incidentWith("i1", "Risky sign-in", ACCOUNTS);

    String run = runOn("i1", "Reset-Password");
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(finished.path("properties").path("status").asString())
        .as(Playbooks.actions(api, run).toString())
        .isEqualTo("Succeeded");

    List<String> userIds = new ArrayList<>();
    for (FakeService.Request request :
        graph.requests("/identityProtection/riskyUsers/confirmCompromised")) {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.header("Authorization")).isEqualTo("Bearer graph-secret-token");
      userIds.add(request.body());
    }
    assertThat(userIds)
        .containsExactlyInAnyOrder(
            "{\"userIds\":[\"11111111-1111-1111-1111-111111111111\"]}",
            "{\"userIds\":[\"22222222-2222-2222-2222-222222222222\"]}");

    JsonNode tasks = tasks("i1");
    assertThat(tasks).hasSize(1);
    JsonNode task = tasks.get(0).path("properties");
    assertThat(task.path("title").asString()).isEqualTo("Reset user password");
    assertThat(task.path("description").asString()).contains("<b>every</b>");
    assertThat(task.path("status").asString()).isEqualTo("Completed");
    assertThat(task.path("createdByType").asString()).isEqualTo("Playbook");
    assertThat(task.path("createdBy").path("name").asString()).isEqualTo("Reset-Password");
    assertThat(task.path("completedBy").path("name").asString()).isEqualTo("Reset-Password");

    JsonNode actions = Playbooks.actions(api, run);
    for (String step :
        List.of(
            "Add_task_to_incident",
            "Entities_-_Get_Accounts",
            "For_each",
            "Confirm_a_risky_user_as_compromised",
            "Mark_a_task_as_completed")) {
      assertThat(Playbooks.statusOf(actions, step))
          .as(step + " in " + actions)
          .isEqualTo("Succeeded");
    }
    JsonNode accounts = api.get(run + "/actions/Entities_-_Get_Accounts").json().path("properties");
    assertThat(accounts.path("outputs").path("body").path("Accounts")).hasSize(2);
    assertThat(
            accounts
                .path("outputs")
                .path("body")
                .path("Accounts")
                .get(0)
                .path("AadUserId")
                .asString())
        .isEqualTo("11111111-1111-1111-1111-111111111111");
    JsonNode repetitions =
        api.get(run + "/actions/Confirm_a_risky_user_as_compromised/repetitions")
            .json()
            .path("value");
    assertThat(repetitions).hasSize(2);
    assertThat(
            repetitions
                .get(1)
                .path("properties")
                .path("inputs")
                .path("body")
                .path("userIds")
                .get(0)
                .asString())
        .isEqualTo("22222222-2222-2222-2222-222222222222");
  }

  @Test
  void aChangedConnectionReachesTheNextRunAtOnce() {
    Playbooks.put(
        api,
        resourceGroup,
        "Reset-Password",
        Playbooks.body(resourceGroup, INCIDENT_TRIGGER, SEED_ACTIONS));
    String confirm = "/identityProtection/riskyUsers/confirmCompromised";
    incidentWith("c1", "Risky sign-in", ACCOUNTS);
    Playbooks.finished(api, runOn("c1", "Reset-Password"));
    assertThat(graph.requests(confirm)).hasSize(2);

    // Runs share what they looked up for a few seconds; a change here must not wait for that.
    try (FakeService moved = new FakeService()) {
      assertThat(Playbooks.putIdentityConnection(api, resourceGroup, moved.url())).isEqualTo(200);
      incidentWith("c2", "Risky sign-in", ACCOUNTS);
      String run = runOn("c2", "Reset-Password");
      assertThat(Playbooks.finished(api, run).path("properties").path("status").asString())
          .isEqualTo("Succeeded");
      assertThat(moved.requests(confirm)).hasSize(2);
      assertThat(graph.requests(confirm)).hasSize(2);
    }
  }

  @Test
  void theConditionalVariantAddsTheTaskOnlyWhenTheIncidentHasAccounts() {
    String actions =
        """
        "Entities_-_Get_Accounts":{"type":"ApiConnection","runAfter":{},
          "inputs":{%1$s,"method":"post","path":"/entities/account",
            "body":"@triggerBody()?['object']?['properties']?['relatedEntities']"}},
        "Condition":{"type":"If","runAfter":{"Entities_-_Get_Accounts":["Succeeded"]},
          "expression":{"and":[{"greater":["@length(body('Entities_-_Get_Accounts')?['Accounts'])",0]}]},
          "actions":{"Add_task_to_incident":{"type":"ApiConnection","runAfter":{},
            "inputs":{%1$s,"method":"post","path":"/Incidents/CreateTask",
              "body":{"incidentArmId":"@triggerBody()?['object']?['id']","taskTitle":"Reset user password"}}}},
          "else":{"actions":{}}}"""
            .formatted(SENTINEL);
    Playbooks.put(
        api,
        resourceGroup,
        "Conditional",
        Playbooks.body(resourceGroup, INCIDENT_TRIGGER, actions));
    incidentWith("with", "Has accounts", ACCOUNTS);
    incidentWith(
        "without",
        "No accounts",
        "\"relatedEntities\":[{\"kind\":\"Ip\",\"properties\":{\"address\":\"10.0.0.2\"}}]");

    String withRun = runOn("with", "Conditional");
    String withoutRun = runOn("without", "Conditional");
    assertThat(Playbooks.finished(api, withRun).path("properties").path("status").asString())
        .isEqualTo("Succeeded");
    assertThat(Playbooks.finished(api, withoutRun).path("properties").path("status").asString())
        .isEqualTo("Succeeded");

    assertThat(tasks("with")).hasSize(1);
    assertThat(tasks("without")).isEmpty();
    assertThat(Playbooks.statusOf(Playbooks.actions(api, withoutRun), "Add_task_to_incident"))
        .isEqualTo("Skipped");
  }

  @Test
  void anAutomationRuleRunsThePlaybookOnEachMatchingNewIncident() {
    String actions =
        """
        "Add_task":{"type":"ApiConnection","runAfter":{},
          "inputs":{%s,"method":"post","path":"/Incidents/CreateTask",
            "body":{"incidentArmId":"@triggerBody()?['object']?['id']",
              "taskTitle":"Check @{triggerBody()?['object']?['properties']?['title']}"}}}"""
            .formatted(SENTINEL);
    Playbooks.put(
        api, resourceGroup, "Triage", Playbooks.body(resourceGroup, INCIDENT_TRIGGER, actions));
    Api.Response rule =
        api.put(
            ws + "/automationRules/phish",
            """
            {"properties":{"displayName":"Phishing triage","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Incidents","triggersWhen":"Created",
                "conditions":[{"conditionType":"Property","conditionProperties":{
                  "propertyName":"IncidentTitle","operator":"Contains","propertyValues":["phish"]}}]},
              "actions":[{"order":1,"actionType":"RunPlaybook",
                "actionConfiguration":{"logicAppResourceId":"%s","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47"}}]}}"""
                .formatted(playbook("Triage")));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);

    incidentWith("p1", "Phishing mail", "");
    incidentWith("p2", "Another PHISH", "");
    incidentWith("n1", "Malware", "");

    JsonNode runs = Playbooks.finishedRuns(api, playbook("Triage"), 2);
    assertThat(runs).hasSize(2);
    for (JsonNode run : runs) {
      assertThat(run.path("properties").path("status").asString()).isEqualTo("Succeeded");
      assertThat(run.path("properties").path("requestedBy").path("type").asString())
          .isEqualTo("AutomationRule");
    }
    assertThat(tasks("p1").get(0).path("properties").path("title").asString())
        .isEqualTo("Check Phishing mail");
    assertThat(tasks("p2").get(0).path("properties").path("title").asString())
        .isEqualTo("Check Another PHISH");
    assertThat(tasks("n1")).isEmpty();
    JsonNode history = api.get(ws + "/incidents/p1/automationRuns").json().path("value");
    assertThat(history.get(0).path("actions").get(0).path("detail").asString())
        .contains("Queued run");
  }

  @Test
  void updateIncidentFailsWhileAMandatoryTaskIsOpenAndTheIncidentStaysOpen() {
    incidentWith("m1", "Risky sign-in", "");
    Api.Response task =
        api.put(
            ws + "/incidents/m1/tasks/confirm",
            "{\"properties\":{\"title\":\"Confirm with the user\",\"status\":\"New\","
                + "\"mandatory\":true}}");
    assertThat(task.status()).as(task.body()).isEqualTo(201);
    String close =
        """
        "Update_incident":{"type":"ApiConnection","runAfter":{},
          "inputs":{%s,"method":"put","path":"/Incidents",
            "body":{"incidentArmId":"@triggerBody()?['object']?['id']","status":"Closed",
              "classification":{"ClassificationAndReason":"BenignPositive - SuspiciousButExpected"}}}}"""
            .formatted(SENTINEL);
    Playbooks.put(
        api, resourceGroup, "Close", Playbooks.body(resourceGroup, INCIDENT_TRIGGER, close));

    String run = runOn("m1", "Close");
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(finished.path("properties").path("status").asString()).isEqualTo("Failed");
    JsonNode action = api.get(run + "/actions/Update_incident").json().path("properties");
    assertThat(action.path("status").asString()).isEqualTo("Failed");
    JsonNode outputs = action.path("outputs");
    assertThat(outputs.path("statusCode").asInt()).isEqualTo(409);
    JsonNode error = outputs.path("body").path("error");
    assertThat(error.path("code").asString()).isEqualTo("MandatoryTasksOpen");
    assertThat(error.path("message").asString()).contains("'Confirm with the user' (confirm)");
    assertThat(error.path("details").get(0).path("target").asString()).isEqualTo("confirm");
    assertThat(api.get(ws + "/incidents/m1").json().path("properties").path("status").asString())
        .isEqualTo("New");
  }

  @Test
  void aCallThatOutlastsItsActionsTimeoutFailsWithoutWaitingForTheAnswer() {
    graph.delay("/slow", Duration.ofSeconds(20));
    JsonNode call = callWithOneSecondTimeout("Slow", "/slow");
    assertThat(call.path("status").asString()).isEqualTo("Failed");
    assertThat(call.path("error").path("message").asString()).contains("timed out");
  }

  @Test
  void aCallWhoseAnswerTricklesPastItsActionsTimeoutFailsAtTheTimeout() {
    // Bytes keep coming, so only a deadline on the whole call ends it, not a read timeout.
    graph.trickle("/trickle", Duration.ofSeconds(20));
    JsonNode call = callWithOneSecondTimeout("Trickle", "/trickle");
    assertThat(call.path("error").path("message").asString()).contains("timed out after 1.0 s");
  }

  /**
   * Runs playbook {@code name}, one Http call to {@code path} with a timeout of a second and no
   * retries; checks that the run failed well before the service's 20 s and answers the call's
   * record.
   */
  private JsonNode callWithOneSecondTimeout(String name, String path) {
    String actions =
        """
        "Call":{"type":"Http","runAfter":{},"limit":{"timeout":"PT1S"},
          "inputs":{"method":"GET","uri":"%s%s","retryPolicy":{"type":"none"}}}"""
            .formatted(graph.url(), path);
    Playbooks.put(
        api, resourceGroup, name, Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    Instant started = Instant.now();
    String run = trigger(name, "{}");
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(finished.path("properties").path("status").asString()).isEqualTo("Failed");
    return api.get(run + "/actions/Call").json().path("properties");
  }

  @Test
  void aFailedHttpActionRunsTheFailedBranchAndTheRunStatusFollowsLogicApps() {
    graph.answer("/tickets", 500);
    String handled =
        """
        "Open_ticket":{"type":"Http","runAfter":{},"inputs":{"method":"POST","uri":"%1$s/tickets",
          "body":{"incident":"@triggerBody()?['id']"},"retryPolicy":{"type":"fixed","count":2,"interval":"PT0.1S"}}},
        "On_failure":{"type":"Compose","runAfter":{"Open_ticket":["Failed","TimedOut"]},
          "inputs":"ticket failed with @{outputs('Open_ticket')?['statusCode']}"}"""
            .formatted(graph.url());
    Playbooks.put(
        api,
        resourceGroup,
        "Handled",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, handled));
    String run = trigger("Handled", "{\"id\":\"42\"}");
    JsonNode finished = Playbooks.finished(api, run);
    // The failure was handled by the last action that ran: the run succeeds.
    assertThat(finished.path("properties").path("status").asString())
        .as(Playbooks.actions(api, run).toString())
        .isEqualTo("Succeeded");
    JsonNode actions = Playbooks.actions(api, run);
    assertThat(Playbooks.statusOf(actions, "Open_ticket")).isEqualTo("Failed");
    assertThat(Playbooks.statusOf(actions, "On_failure")).isEqualTo("Succeeded");
    assertThat(
            api.get(run + "/actions/On_failure")
                .json()
                .path("properties")
                .path("outputs")
                .asString())
        .isEqualTo("ticket failed with 500");
    assertThat(
            api.get(run + "/actions/Open_ticket").json().path("properties").path("code").asString())
        .isEqualTo("InternalServerError");
    // One call and two retries, each with the same idempotency key.
    List<FakeService.Request> calls = graph.requests("/tickets");
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0).body()).isEqualTo("{\"incident\":\"42\"}");
    assertThat(calls.stream().map(c -> c.header("Idempotency-Key")).distinct()).hasSize(1);
    // Plain HTTP/1.1: no offer to upgrade the connection to HTTP/2 with every request.
    assertThat(calls.get(0).header("Upgrade")).isNull();

    String unhandled =
        """
        "Open_ticket":{"type":"Http","runAfter":{},"inputs":{"method":"POST","uri":"%1$s/tickets",
          "retryPolicy":{"type":"none"}}},
        "On_success":{"type":"Compose","runAfter":{"Open_ticket":["Succeeded"]},"inputs":"opened"}"""
            .formatted(graph.url());
    Playbooks.put(
        api,
        resourceGroup,
        "Unhandled",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, unhandled));
    String unhandledRun = trigger("Unhandled", "{}");
    JsonNode failed = Playbooks.finished(api, unhandledRun);
    // The last action was skipped because of the failure: the run fails.
    assertThat(failed.path("properties").path("status").asString()).isEqualTo("Failed");
    assertThat(Playbooks.statusOf(Playbooks.actions(api, unhandledRun), "On_success"))
        .isEqualTo("Skipped");
  }

  private String trigger(String name, String body) {
    Api.Response started = api.post(playbook(name) + "/triggers/manual/run", body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    return started.header("Location");
  }

  @Test
  void aRuntimeExpressionErrorFailsTheActionWithAClearErrorAndSkipsWhatDependsOnIt() {
    String actions =
        """
        "Parse":{"type":"Compose","runAfter":{},"inputs":"@int(triggerBody()?['count'])"},
        "Use":{"type":"Compose","runAfter":{"Parse":["Succeeded"]},"inputs":"@add(outputs('Parse'), 1)"}""";
    Playbooks.put(
        api,
        resourceGroup,
        "Broken",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    String run = trigger("Broken", "{\"count\":\"many\"}");
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(finished.path("properties").path("status").asString()).isEqualTo("Failed");
    JsonNode parse = api.get(run + "/actions/Parse").json().path("properties");
    assertThat(parse.path("status").asString()).isEqualTo("Failed");
    assertThat(parse.path("error").path("code").asString()).isEqualTo("InvalidTemplate");
    assertThat(parse.path("error").path("message").asString()).contains("Parse").contains("int");
    assertThat(Playbooks.statusOf(Playbooks.actions(api, run), "Use")).isEqualTo("Skipped");

    // The server is still there and runs the next one.
    JsonNode ok = Playbooks.finished(api, trigger("Broken", "{\"count\":\"41\"}"));
    assertThat(ok.path("properties").path("status").asString()).isEqualTo("Succeeded");
  }

  @Test
  void runsTheControlFlowAndDataActions() {
    String actions =
        """
        "Init_count":{"type":"InitializeVariable","runAfter":{},
          "inputs":{"variables":[{"name":"count","type":"integer","value":0}]}},
        "Init_names":{"type":"InitializeVariable","runAfter":{"Init_count":["Succeeded"]},
          "inputs":{"variables":[{"name":"names","type":"array"},{"name":"log","type":"string","value":">"}]}},
        "Loop":{"type":"Foreach","foreach":"@triggerBody()?['users']","runAfter":{"Init_names":["Succeeded"]},
          "runtimeConfiguration":{"concurrency":{"repetitions":1}},
          "actions":{
            "Count":{"type":"IncrementVariable","runAfter":{},"inputs":{"name":"count","value":1}},
            "Remember":{"type":"AppendToArrayVariable","runAfter":{"Count":["Succeeded"]},
              "inputs":{"name":"names","value":"@toUpper(items('Loop')?['name'])"}},
            "Log":{"type":"AppendToStringVariable","runAfter":{"Remember":["Succeeded"]},
              "inputs":{"name":"log","value":"@{items('Loop')?['name']};"}}}},
        "Admins":{"type":"Query","runAfter":{"Loop":["Succeeded"]},
          "inputs":{"from":"@triggerBody()?['users']","where":"@equals(item()?['admin'], true)"}},
        "Names":{"type":"Select","runAfter":{"Admins":["Succeeded"]},
          "inputs":{"from":"@body('Admins')","select":{"who":"@item()?['name']"}}},
        "Joined":{"type":"Join","runAfter":{"Loop":["Succeeded"]},"inputs":{"from":"@variables('names')","joinWith":", "}},
        "Csv":{"type":"Table","runAfter":{"Loop":["Succeeded"]},"inputs":{"from":"@triggerBody()?['users']","format":"CSV"}},
        "Pick":{"type":"Switch","runAfter":{"Joined":["Succeeded"]},"expression":"@variables('count')",
          "cases":{"Two":{"case":2,"actions":{"Two_users":{"type":"SetVariable","runAfter":{},"inputs":{"name":"log","value":"two"}}}},
                   "Three":{"case":3,"actions":{"Three_users":{"type":"SetVariable","runAfter":{},"inputs":{"name":"log","value":"three"}}}}},
          "default":{"actions":{"Other":{"type":"SetVariable","runAfter":{},"inputs":{"name":"log","value":"other"}}}}},
        "Poll":{"type":"Until","runAfter":{"Pick":["Succeeded"]},"expression":"@greaterOrEquals(variables('count'), 5)",
          "limit":{"count":10,"timeout":"PT1M"},
          "actions":{"Tick":{"type":"IncrementVariable","runAfter":{},"inputs":{"name":"count"}}}},
        "Parallel":{"type":"Foreach","foreach":"@createArray(1,2,3,4)","runAfter":{"Poll":["Succeeded"]},
          "actions":{"Square":{"type":"Compose","runAfter":{},"inputs":"@mul(item(), item())"}}},
        "Parsed":{"type":"ParseJson","runAfter":{"Parallel":["Succeeded"]},
          "inputs":{"content":"{\\"a\\":[1,2]}","schema":{}}},
        "Result":{"type":"Compose","runAfter":{"Parsed":["Succeeded"],"Names":["Succeeded"],"Csv":["Succeeded"]},
          "inputs":{"count":"@variables('count')","joined":"@body('Joined')","log":"@variables('log')",
            "admins":"@body('Names')","csv":"@body('Csv')","a":"@body('Parsed')?['a'][1]"}},
        "Respond":{"type":"Response","runAfter":{"Result":["Succeeded"]},
          "inputs":{"statusCode":200,"body":"@outputs('Result')"}}""";
    Playbooks.put(
        api,
        resourceGroup,
        "Flow",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    String run =
        trigger(
            "Flow",
            """
            {"users":[{"name":"ann","admin":true},{"name":"ben","admin":false},{"name":"cy","admin":true}]}""");
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(finished.path("properties").path("status").asString())
        .as(Playbooks.actions(api, run).toString())
        .isEqualTo("Succeeded");
    JsonNode result = api.get(run + "/actions/Result").json().path("properties").path("outputs");
    assertThat(result.path("count").asInt()).isEqualTo(5);
    assertThat(result.path("joined").asString()).isEqualTo("ANN, BEN, CY");
    assertThat(result.path("log").asString()).isEqualTo("three");
    assertThat(result.path("admins").toString()).isEqualTo("[{\"who\":\"ann\"},{\"who\":\"cy\"}]");
    assertThat(result.path("csv").asString())
        .isEqualTo("name,admin\r\nann,true\r\nben,false\r\ncy,true");
    assertThat(result.path("a").asInt()).isEqualTo(2);
    assertThat(finished.path("properties").path("response").path("body").path("count").asInt())
        .isEqualTo(5);
    JsonNode squares = api.get(run + "/actions/Square/repetitions").json().path("value");
    assertThat(squares).hasSize(4);
    assertThat(squares.get(3).path("properties").path("outputs").asInt()).isEqualTo(16);
    JsonNode actions2 = Playbooks.actions(api, run);
    assertThat(Playbooks.statusOf(actions2, "Two_users")).isEqualTo("Skipped");
    assertThat(Playbooks.statusOf(actions2, "Other")).isEqualTo("Skipped");
    assertThat(api.get(run + "/actions/Tick/repetitions").json().path("value")).hasSize(2);
  }

  @Test
  void terminateEndsTheRunWithItsStatus() {
    String actions =
        """
        "Stop":{"type":"Terminate","runAfter":{},"inputs":{"runStatus":"Failed",
          "runError":{"code":"NoAccounts","message":"The incident has no accounts."}}},
        "Never":{"type":"Compose","runAfter":{"Stop":["Succeeded"]},"inputs":"x"}""";
    Playbooks.put(
        api,
        resourceGroup,
        "Stopper",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    String run = trigger("Stopper", "{}");
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(finished.path("properties").path("status").asString()).isEqualTo("Failed");
    assertThat(finished.path("properties").path("error").path("code").asString())
        .isEqualTo("NoAccounts");
    assertThat(Playbooks.statusOf(Playbooks.actions(api, run), "Never")).isNull();
  }

  @Test
  void aRunningRunCanBeCancelled() {
    String actions =
        """
        "Wait":{"type":"Wait","runAfter":{},"inputs":{"interval":{"count":30,"unit":"Second"}}},
        "After":{"type":"Compose","runAfter":{"Wait":["Succeeded"]},"inputs":"x"}""";
    Playbooks.put(
        api,
        resourceGroup,
        "Slow",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    String run = trigger("Slow", "{}");
    while (!"Running".equals(Playbooks.statusOf(Playbooks.actions(api, run), "Wait"))) {
      Playbooks.sleep(50);
    }
    assertThat(api.post(run + "/cancel", null).status()).isEqualTo(200);
    JsonNode finished = Playbooks.finished(api, run);
    assertThat(finished.path("properties").path("status").asString()).isEqualTo("Cancelled");
    assertThat(api.post(run + "/cancel", null).status()).isEqualTo(409);
  }

  @Test
  void httpCallsReachOnlyAllowedHosts() {
    String actions =
        """
        "Call":{"type":"Http","runAfter":{},"inputs":{"method":"GET","uri":"http://169.254.169.254/metadata"}}""";
    Playbooks.put(
        api,
        resourceGroup,
        "Exfil",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    String run = trigger("Exfil", "{}");
    assertThat(Playbooks.finished(api, run).path("properties").path("status").asString())
        .isEqualTo("Failed");
    JsonNode call = api.get(run + "/actions/Call").json().path("properties");
    assertThat(call.path("code").asString()).isEqualTo("HostNotAllowed");
    assertThat(call.path("error").path("message").asString()).contains("169.254.169.254");
  }

  @Test
  void aPlaybookActsOnlyOnItsOwnResourceGroupsWorkspacesAndTheTriggeringIncident() {
    String actions =
        """
        "Comment":{"type":"ApiConnection","runAfter":{},"inputs":{%s,"method":"post","path":"/Incidents/Comment",
          "body":{"incidentArmId":"@triggerBody()?['target']","message":"<p>hello</p>"}}}"""
            .formatted(SENTINEL);
    Playbooks.put(
        api,
        resourceGroup,
        "Commenter",
        Playbooks.body(resourceGroup, Playbooks.MANUAL_TRIGGER, actions));
    incidentWith("mine", "Mine", "");
    String elsewhere =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-"
            + resourceGroup
            + "/providers/Microsoft.OperationalInsights/workspaces/other";
    assertThat(api.put(elsewhere, "{}").status()).isEqualTo(201);
    String theirs = elsewhere + "/providers/Microsoft.SecurityInsights/incidents/theirs";
    assertThat(api.put(theirs, incident("Theirs", "Low", "New")).status()).isEqualTo(201);

    String ok = trigger("Commenter", "{\"target\":\"" + ws + "/incidents/mine\"}");
    assertThat(Playbooks.finished(api, ok).path("properties").path("status").asString())
        .isEqualTo("Succeeded");
    assertThat(
            api.get(ws + "/incidents/mine/comments")
                .json()
                .path("value")
                .get(0)
                .path("properties")
                .path("author")
                .path("name")
                .asString())
        .isEqualTo("Commenter");
    String refused = trigger("Commenter", "{\"target\":\"" + theirs + "\"}");
    assertThat(Playbooks.finished(api, refused).path("properties").path("status").asString())
        .isEqualTo("Failed");
    assertThat(
            api.get(refused + "/actions/Comment").json().path("properties").path("code").asString())
        .isEqualTo("Forbidden");
    assertThat(api.get(theirs + "/comments").json().path("value")).isEmpty();
  }

  @Test
  void anAlertRuleRunsAnAlertTriggerPlaybookWithTheAlert() {
    String alertTrigger =
        """
        "triggers":{"Microsoft_Sentinel_alert":{"type":"ApiConnectionWebhook",
          "inputs":{"body":{"callback_url":"@{listCallbackUrl()}"},%s,"path":"/subscribe"}}}"""
            .formatted(SENTINEL);
    String actions =
        """
        "Seen":{"type":"Compose","runAfter":{},
          "inputs":{"alert":"@triggerBody()?['AlertDisplayName']","id":"@triggerBody()?['SystemAlertId']",
            "accounts":"@length(json(triggerBody()?['Entities']))"}}""";
    Playbooks.put(
        api, resourceGroup, "Enrich", Playbooks.body(resourceGroup, alertTrigger, actions));
    Api.Response rule =
        api.put(
            ws + "/automationRules/alerts",
            """
            {"properties":{"displayName":"Enrich alerts","order":1,
              "triggeringLogic":{"isEnabled":true,"triggersOn":"Alerts","triggersWhen":"Created"},
              "actions":[{"order":1,"actionType":"RunPlaybook","actionConfiguration":{"logicAppResourceId":"%s"}}]}}"""
                .formatted(playbook("Enrich")));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    incidentWith(
        "a1",
        "Spray",
        """
        "alerts":[{"systemAlertId":"alert-7","alertDisplayName":"Password spray","severity":"High"}],"""
            + ACCOUNTS);

    JsonNode runs = Playbooks.finishedRuns(api, playbook("Enrich"), 1);
    String run = runs.get(0).path("id").asString();
    JsonNode seen = api.get(run + "/actions/Seen").json().path("properties").path("outputs");
    assertThat(seen.path("alert").asString()).isEqualTo("Password spray");
    assertThat(seen.path("id").asString()).isEqualTo("alert-7");
    assertThat(seen.path("accounts").asInt()).isEqualTo(3);
  }
}
