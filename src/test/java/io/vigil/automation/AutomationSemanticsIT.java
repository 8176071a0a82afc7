package io.vigil.automation;

import static io.vigil.automation.Rules.addTask;
import static io.vigil.automation.Rules.property;
import static io.vigil.automation.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.playbook.Playbooks;
import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rules applied as Sentinel documents them, observed through the HTTP API. */
class AutomationSemanticsIT extends ApiTest {

  private void putRule(String name, String body) {
    Api.Response response = api.put(ws + "/automationRules/" + name, body);
    assertThat(response.status()).as(response.body()).isIn(200, 201);
  }

  private List<String> taskTitles(String incident) {
    List<String> titles = new ArrayList<>();
    api.get(ws + "/incidents/" + incident + "/tasks")
        .json()
        .path("value")
        .forEach(t -> titles.add(t.path("properties").path("title").asString()));
    return titles;
  }

  private JsonNode put(String incident, String body) {
    Api.Response response = api.put(ws + "/incidents/" + incident, body);
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.json();
  }

  private static String incidentWith(String extraProperties) {
    return """
        {"properties":{"title":"Password spray from TOR","description":"Many failed sign-ins",
          "severity":"Medium","status":"New"%s}}"""
        .formatted(extraProperties.isEmpty() ? "" : "," + extraProperties);
  }

  @Test
  void addsTasksInRuleOrderThenActionOrderWithRuleAttribution() {
    putRule("zeta", rule("Second", 2, "Created", "", addTask(2, "Z2") + "," + addTask(1, "Z1")));
    putRule("beta", rule("First B", 1, "Created", "", addTask(1, "B1")));
    putRule("alpha", rule("First A", 1, "Created", "", addTask(1, "A1") + "," + addTask(2, "A2")));

    put("i1", incidentWith(""));
    // Ties in order are broken by rule name: alpha before beta.
    assertThat(taskTitles("i1")).containsExactly("A1", "A2", "B1", "Z1", "Z2");
    JsonNode task =
        api.get(ws + "/incidents/i1/tasks").json().path("value").get(0).path("properties");
    assertThat(task.path("createdByType").asString()).isEqualTo("AutomationRule");
    assertThat(task.path("createdBy").path("name").asString()).isEqualTo("First A");
    assertThat(task.path("createdBy").path("objectId").asString()).isEqualTo("alpha");

    // A task added by hand afterwards comes last.
    api.put(
        ws + "/incidents/i1/tasks/mine",
        "{\"properties\":{\"title\":\"Mine\",\"status\":\"New\"}}");
    assertThat(taskTitles("i1")).endsWith("Mine");
  }

  @Test
  void laterRulesSeeWhatEarlierRulesChanged() {
    putRule(
        "raise",
        rule(
            "Raise",
            1,
            "Created",
            property("IncidentTitle", "Contains", "spray"),
            """
            {"order":1,"actionType":"ModifyProperties","actionConfiguration":{
              "severity":"High","owner":{"assignedTo":"Tier 2","userPrincipalName":"tier2@contoso.com"},
              "labels":[{"labelName":"auto"}]}}"""));
    putRule(
        "follow",
        rule(
            "Follow",
            2,
            "Created",
            property("IncidentSeverity", "Equals", "High"),
            addTask(1, "Escalate")));

    JsonNode created = put("i2", incidentWith("\"labels\":[{\"labelName\":\"manual\"}]"));
    // The response already shows what the rules did: they ran before the change committed.
    JsonNode p = created.path("properties");
    assertThat(p.path("severity").asString()).isEqualTo("High");
    assertThat(p.path("owner").path("assignedTo").asString()).isEqualTo("Tier 2");
    assertThat(p.path("labels")).hasSize(2);
    assertThat(p.path("labels").get(0).path("labelName").asString()).isEqualTo("manual");
    assertThat(taskTitles("i2")).containsExactly("Escalate");
  }

  @Test
  void evaluatesEveryPropertyFamily() {
    String rule = ws + "/alertRules/spray";
    String[][] conditions = {
      {"title", property("IncidentTitle", "Contains", "SPRAY")},
      {"description", property("IncidentDescription", "StartsWith", "many")},
      {"severity", property("IncidentSeverity", "Equals", "Medium")},
      {"status", property("IncidentStatus", "Equals", "New")},
      {"analytics", property("IncidentRelatedAnalyticRuleIds", "Contains", rule)},
      {"tactics", property("IncidentTactics", "Equals", "CredentialAccess")},
      {"label", property("IncidentLabel", "Equals", "VIP")},
      {"provider", property("IncidentProviderName", "Equals", "splunk")},
      {"products", property("AlertProductNames", "Contains", "identity")},
      {"alertRules", property("AlertAnalyticRuleIds", "EndsWith", "/alertRules/spray")},
      {"account", property("AccountName", "Equals", "alice")},
      {"upn", property("AccountUPNSuffix", "EndsWith", "contoso.com")},
      {"host", property("HostName", "StartsWith", "web")},
      {"ip", property("IPAddress", "Equals", "10.0.0.9", "10.1.2.3")},
      {"url", property("Url", "Contains", "evil.example")},
      {"hash", property("FileHashValue", "Equals", "abc123")},
      {"source", property("IncidentUpdatedBySource", "Equals", "User")},
      {"key", property("IncidentCustomDetailsKey", "Equals", "DestinationEmail")},
      {"value", property("IncidentCustomDetailsValue", "Contains", "botnet")},
      {"miss", property("HostName", "Equals", "db01")}
    };
    int order = 1;
    for (String[] condition : conditions) {
      putRule(
          condition[0],
          rule(condition[0], order++, "Created", condition[1], addTask(1, condition[0])));
    }
    put(
        "i3",
        incidentWith(
            """
            "labels":[{"labelName":"vip"}],"providerName":"Splunk",
            "relatedEntities":[
              {"kind":"Account","properties":{"accountName":"Alice","upnSuffix":"contoso.com"}},
              {"kind":"Host","properties":{"hostName":"web01"}},
              {"kind":"Url","properties":{"url":"https://evil.example/login"}},
              {"kind":"FileHash","properties":{"algorithm":"SHA256","hashValue":"ABC123"}}],
            "alerts":[{"alertDisplayName":"Spray","severity":"Medium",
              "productName":"Azure AD Identity Protection","analyticRuleId":"%s",
              "tactics":["CredentialAccess"],
              "customDetails":{"DestinationEmail":["pwned@bad-botnet.com"]},
              "entities":[{"kind":"Ip","properties":{"address":"10.1.2.3"}}]}]"""
                .formatted(rule)));
    List<String> fired = taskTitles("i3");
    assertThat(fired)
        .containsExactly(
            "title",
            "description",
            "severity",
            "status",
            "analytics",
            "tactics",
            "label",
            "provider",
            "products",
            "alertRules",
            "account",
            "upn",
            "host",
            "ip",
            "url",
            "hash",
            "source",
            "key",
            "value");
  }

  @Test
  void appliesOperatorsWithAnyOfAndNoneOfSemantics() {
    String[][] cases = {
      {"eq", property("IncidentLabel", "Equals", "x", "b")},
      {"ne", property("IncidentLabel", "NotEquals", "x", "y")},
      {"neMiss", property("IncidentLabel", "NotEquals", "a", "y")},
      {"contains", property("IncidentTitle", "Contains", "nothing", "TOR")},
      {"notContains", property("IncidentTitle", "NotContains", "malware", "ransom")},
      {"notContainsMiss", property("IncidentTitle", "NotContains", "malware", "spray")},
      {"starts", property("IncidentTitle", "StartsWith", "password")},
      {"notStarts", property("IncidentTitle", "NotStartsWith", "malware")},
      {"ends", property("IncidentTitle", "EndsWith", "tor")},
      {"notEnds", property("IncidentTitle", "NotEndsWith", "tor")},
    };
    int order = 1;
    for (String[] c : cases) {
      putRule(c[0], rule(c[0], order++, "Created", c[1], addTask(1, c[0])));
    }
    put("i4", incidentWith("\"labels\":[{\"labelName\":\"a\"},{\"labelName\":\"B\"}]"));
    assertThat(taskTitles("i4"))
        .containsExactly("eq", "ne", "contains", "notContains", "starts", "notStarts", "ends");
  }

  @Test
  void combinesConditionsWithNestedBooleans() {
    String nested =
        """
        {"conditionType":"Boolean","conditionProperties":{"operator":"Or","innerConditions":[
          %s,
          {"conditionType":"Boolean","conditionProperties":{"operator":"And","innerConditions":[%s,%s]}}]}}"""
            .formatted(
                property("IncidentSeverity", "Equals", "High"),
                property("IncidentTitle", "Contains", "spray"),
                property("IncidentStatus", "Equals", "New"));
    putRule("nested", rule("Nested", 1, "Created", nested, addTask(1, "nested")));
    putRule(
        "both",
        rule(
            "Both",
            2,
            "Created",
            property("IncidentTitle", "Contains", "spray")
                + ","
                + property("IncidentSeverity", "Equals", "High"),
            addTask(1, "both")));
    put("i5", incidentWith(""));
    assertThat(taskTitles("i5")).containsExactly("nested");
  }

  @Test
  void customDetailConditionsNestKeysAndValues() {
    String condition =
        """
        {"conditionType":"PropertyArray","conditionProperties":{"arrayType":"CustomDetails",
          "arrayConditionType":"AnyItem","itemConditions":[
            %s,
            {"conditionType":"PropertyArray","conditionProperties":{"arrayType":"CustomDetailValues",
              "arrayConditionType":"AnyItem","itemConditions":[%s]}}]}}""";
    putRule(
        "hit",
        rule(
            "Hit",
            1,
            "Created",
            condition.formatted(
                property("IncidentCustomDetailsKey", "Equals", "DestinationEmail"),
                property("IncidentCustomDetailsValue", "Contains", "botnet")),
            addTask(1, "hit")));
    // The value matches, but under another key: no match.
    putRule(
        "miss",
        rule(
            "Miss",
            2,
            "Created",
            condition.formatted(
                property("IncidentCustomDetailsKey", "Equals", "SourceIP"),
                property("IncidentCustomDetailsValue", "Contains", "botnet")),
            addTask(1, "miss")));
    put(
        "i6",
        incidentWith(
            """
            "alerts":[{"alertDisplayName":"Mail","severity":"Low","customDetails":{
              "DestinationEmail":["pwned@bad-botnet.com","x@contoso.com"],"SourceIP":"1.2.3.4"}}]"""));
    assertThat(taskTitles("i6")).containsExactly("hit");
  }

  @Test
  void updateRulesFireOnTheChangesSentinelNames() {
    String changed =
        """
        {"conditionType":"PropertyChanged","conditionProperties":{"propertyName":"%s",
          "changeType":"%s","operator":"Equals","propertyValues":["%s"]}}""";
    String added =
        """
        {"conditionType":"PropertyArrayChanged","conditionProperties":{"arrayType":"%s","changeType":"Added"}}""";
    putRule(
        "sevTo",
        rule(
            "sevTo",
            1,
            "Updated",
            changed.formatted("IncidentSeverity", "ChangedTo", "High"),
            addTask(1, "severity to High")));
    putRule(
        "sevFrom",
        rule(
            "sevFrom",
            2,
            "Updated",
            changed.formatted("IncidentSeverity", "ChangedFrom", "Medium"),
            addTask(1, "severity from Medium")));
    putRule(
        "status",
        rule(
            "status",
            3,
            "Updated",
            changed.formatted("IncidentStatus", "ChangedTo", "Active"),
            addTask(1, "status")));
    putRule(
        "owner",
        rule(
            "owner",
            4,
            "Updated",
            changed.formatted("IncidentOwner", "ChangedTo", "jane@contoso.com"),
            addTask(1, "owner")));
    putRule(
        "labels", rule("labels", 5, "Updated", added.formatted("Labels"), addTask(1, "labels")));
    putRule(
        "comments",
        rule("comments", 6, "Updated", added.formatted("Comments"), addTask(1, "comments")));
    putRule(
        "alerts", rule("alerts", 7, "Updated", added.formatted("Alerts"), addTask(1, "alerts")));
    putRule(
        "tactics",
        rule("tactics", 8, "Updated", added.formatted("Tactics"), addTask(1, "tactics")));
    putRule(
        "byUser",
        rule(
            "byUser",
            9,
            "Updated",
            property("IncidentUpdatedBySource", "Equals", "User"),
            addTask(1, "by user")));

    put("i7", incidentWith(""));
    assertThat(taskTitles("i7")).isEmpty();

    // A title change alone fires nothing.
    put("i7", incidentWith("").replace("Password spray from TOR", "Renamed"));
    assertThat(taskTitles("i7")).isEmpty();

    put("i7", incidentWith("").replace("\"Medium\"", "\"High\""));
    assertThat(taskTitles("i7"))
        .containsExactly("severity to High", "severity from Medium", "by user");

    put(
        "i7",
        incidentWith("")
            .replace("\"Medium\"", "\"High\"")
            .replace("\"New\"", "\"Active\"")
            .replace(
                "\"status\":\"Active\"",
                "\"status\":\"Active\",\"owner\":{\"userPrincipalName\":\"jane@contoso.com\"},\"labels\":[{\"labelName\":\"x\"}]"));
    assertThat(taskTitles("i7")).containsSubsequence("status", "owner", "labels", "by user");

    int before = taskTitles("i7").size();
    api.put(ws + "/incidents/i7/comments/c1", "{\"properties\":{\"message\":\"hello\"}}");
    assertThat(taskTitles("i7").subList(before, taskTitles("i7").size()))
        .containsExactly("comments", "by user");

    before = taskTitles("i7").size();
    api.put(
        ws + "/incidents/i7/alerts/a1",
        "{\"alertDisplayName\":\"New alert\",\"severity\":\"Low\",\"tactics\":[\"Execution\"]}");
    // Alerts and tactics were added; the source is an alert, not a user.
    assertThat(taskTitles("i7").subList(before, taskTitles("i7").size()))
        .containsExactly("alerts", "tactics");
  }

  @Test
  void runsNoDisabledOrExpiredRule() throws InterruptedException {
    putRule(
        "off",
        rule("Off", 1, "Created", "", addTask(1, "off"))
            .replace("\"isEnabled\":true", "\"isEnabled\":false"));
    String expiring = java.time.Instant.now().plusSeconds(2).toString();
    putRule(
        "expiring",
        rule("Expiring", 2, "Created", "", addTask(1, "expiring"))
            .replace(
                "\"isEnabled\":true",
                "\"isEnabled\":true,\"expirationTimeUtc\":\"" + expiring + "\""));
    putRule("on", rule("On", 3, "Created", "", addTask(1, "on")));
    put("before", incidentWith(""));
    assertThat(taskTitles("before")).containsExactly("expiring", "on");
    Thread.sleep(2500);
    put("after", incidentWith(""));
    assertThat(taskTitles("after")).containsExactly("on");
  }

  /** Creates a playbook that does nothing and answers its id. */
  private String playbook(String name) {
    Playbooks.put(
        api,
        resourceGroup,
        name,
        Playbooks.body(
            resourceGroup,
            Playbooks.INCIDENT_TRIGGER,
            "\"Noop\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":1}"));
    return Playbooks.workflow(resourceGroup, name);
  }

  @Test
  void queuesPlaybookRunsAndRecordsTheHistory() {
    String playbook = playbook("reset-password");
    putRule(
        "pb",
        rule(
            "Run playbook",
            1,
            "Created",
            "",
            addTask(1, "Reset password")
                + ",{\"order\":2,\"actionType\":\"RunPlaybook\",\"actionConfiguration\":{\"logicAppResourceId\":\""
                + playbook
                + "\"}}"));
    put("i8", incidentWith(""));
    JsonNode runs = api.get(ws + "/incidents/i8/automationRuns").json().path("value");
    assertThat(runs).hasSize(1);
    JsonNode run = runs.get(0);
    assertThat(run.path("ruleName").asString()).isEqualTo("pb");
    assertThat(run.path("ruleDisplayName").asString()).isEqualTo("Run playbook");
    assertThat(run.path("trigger").asString()).isEqualTo("IncidentCreated");
    assertThat(run.path("ranTimeUtc").asString()).isNotEmpty();
    assertThat(run.path("actions").get(0).path("status").asString()).isEqualTo("Succeeded");
    assertThat(run.path("actions").get(0).path("detail").asString()).contains("Reset password");
    assertThat(run.path("actions").get(1).path("actionType").asString()).isEqualTo("RunPlaybook");
    assertThat(run.path("actions").get(1).path("detail").asString())
        .contains("Queued run")
        .contains(playbook);
  }

  @Test
  void alertRulesRunOnEachAttachedAlert() {
    String sprayRule = ws + "/alertRules/spray";
    String playbook = playbook("enrich");
    putRule(
        "onAlert",
        """
        {"properties":{"displayName":"Enrich spray alerts","order":1,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Alerts","triggersWhen":"Created",
            "conditions":[%s]},
          "actions":[{"order":1,"actionType":"RunPlaybook","actionConfiguration":{"logicAppResourceId":"%s"}}]}}"""
            .formatted(property("AlertAnalyticRuleIds", "Equals", sprayRule), playbook));
    put(
        "i9",
        incidentWith(
            """
            "alerts":[{"systemAlertId":"a-spray","alertDisplayName":"Spray","severity":"Low","analyticRuleId":"%s"},
                      {"systemAlertId":"a-other","alertDisplayName":"Other","severity":"Low"}]"""
                .formatted(sprayRule)));
    JsonNode runs = api.get(ws + "/incidents/i9/automationRuns").json().path("value");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("trigger").asString()).isEqualTo("AlertCreated");
    assertThat(runs.get(0).path("subject").asString()).isEqualTo("a-spray");
  }

  @Test
  void boundsCascadesOfRulesThatTriggerEachOther() {
    String changed =
        """
        {"conditionType":"PropertyChanged","conditionProperties":{"propertyName":"IncidentSeverity",
          "changeType":"ChangedTo","operator":"Equals","propertyValues":["%s"]}}""";
    putRule(
        "down",
        rule(
            "Down",
            1,
            "Updated",
            changed.formatted("High"),
            "{\"order\":1,\"actionType\":\"ModifyProperties\",\"actionConfiguration\":{\"severity\":\"Low\"}}"));
    putRule(
        "up",
        rule(
            "Up",
            2,
            "Updated",
            changed.formatted("Low"),
            "{\"order\":1,\"actionType\":\"ModifyProperties\",\"actionConfiguration\":{\"severity\":\"High\"}}"));
    put("i10", incidentWith(""));
    Api.Response update =
        api.put(ws + "/incidents/i10", incidentWith("").replace("\"Medium\"", "\"High\""));
    assertThat(update.status()).isEqualTo(200);
    JsonNode runs = api.get(ws + "/incidents/i10/automationRuns").json().path("value");
    List<String> names = new ArrayList<>();
    runs.forEach(r -> names.add(r.path("ruleDisplayName").asString()));
    // The user's change, then three levels of automation, then the bound.
    assertThat(names).containsExactly("Down", "Up", "Down", "Up", "Cascade limit reached");
  }

  @Test
  void dryRunExplainsWithoutChangingAnything() {
    putRule(
        "first",
        rule(
            "First",
            1,
            "Created",
            property("IncidentTitle", "Contains", "spray"),
            "{\"order\":1,\"actionType\":\"ModifyProperties\",\"actionConfiguration\":{\"severity\":\"High\"}}"));
    putRule(
        "second",
        rule(
            "Second",
            2,
            "Created",
            property("IncidentSeverity", "Equals", "High")
                + ","
                + property("HostName", "Equals", "web01"),
            addTask(1, "Isolate host")));
    putRule(
        "third",
        rule(
            "Third",
            3,
            "Created",
            property("IncidentTitle", "Contains", "malware"),
            addTask(1, "No")));

    Api.Response byBody =
        api.post(
            ws + "/automationDryRun",
            """
            {"trigger":"IncidentCreated","incident":%s}"""
                .formatted(
                    incidentWith(
                        "\"relatedEntities\":[{\"kind\":\"Host\",\"properties\":{\"hostName\":\"web01\"}}]")));
    assertThat(byBody.status()).as(byBody.body()).isEqualTo(200);
    JsonNode rules = byBody.json().path("rules");
    assertThat(rules).hasSize(3);
    assertThat(rules.get(0).path("name").asString()).isEqualTo("first");
    assertThat(rules.get(0).path("matched").asBoolean()).isTrue();
    assertThat(rules.get(1).path("matched").asBoolean()).isTrue();
    assertThat(rules.get(1).path("conditions").get(0).path("held").asBoolean()).isTrue();
    assertThat(rules.get(1).path("actions").get(0).path("wouldDo").asString())
        .contains("Isolate host");
    assertThat(rules.get(2).path("matched").asBoolean()).isFalse();
    assertThat(rules.get(2).path("conditions").get(0).path("held").asBoolean()).isFalse();

    // By id, on a stored incident: nothing changes.
    api.delete(ws + "/automationRules/first");
    put("i11", incidentWith(""));
    Api.Response byId = api.post(ws + "/automationDryRun", "{\"incidentId\":\"i11\"}");
    assertThat(byId.status()).as(byId.body()).isEqualTo(200);
    assertThat(byId.json().path("rules").get(0).path("matched").asBoolean()).isFalse();
    assertThat(taskTitles("i11")).isEmpty();
    assertThat(api.get(ws + "/incidents/i11").json().path("properties").path("severity").asString())
        .isEqualTo("Medium");

    // A draft rule, not saved, takes the place of the stored rule of its name for this run only.
    String draft =
        rule(
            "Third, edited",
            3,
            "Created",
            property("IncidentTitle", "Contains", "spray"),
            addTask(1, "Block the source"));
    Api.Response withDraft =
        api.post(
            ws + "/automationDryRun",
            "{\"incidentId\":\"i11\",\"rule\":{\"name\":\"third\"," + draft.substring(1) + "}");
    assertThat(withDraft.status()).as(withDraft.body()).isEqualTo(200);
    JsonNode drafted = withDraft.json().path("rules");
    assertThat(drafted).hasSize(2);
    assertThat(drafted.get(1).path("displayName").asString()).isEqualTo("Third, edited");
    assertThat(drafted.get(1).path("matched").asBoolean()).isTrue();
    assertThat(drafted.get(1).path("actions").get(0).path("wouldDo").asString())
        .contains("Block the source");
    assertThat(
            api.get(ws + "/automationRules/third")
                .json()
                .path("properties")
                .path("displayName")
                .asString())
        .isEqualTo("Third");
    assertThat(taskTitles("i11")).isEmpty();
    // A draft is checked as a PUT would check it.
    Api.Response badDraft =
        api.post(
            ws + "/automationDryRun",
            "{\"incidentId\":\"i11\",\"rule\":{\"properties\":{\"displayName\":\"x\"}}}");
    assertThat(badDraft.status()).isEqualTo(400);
    assertThat(badDraft.body()).contains("order");

    assertThat(api.post(ws + "/automationDryRun", "{}").status()).isEqualTo(400);
    assertThat(api.post(ws + "/automationDryRun", "{\"incidentId\":\"none\"}").status())
        .isEqualTo(404);
  }

  @Test
  void oneRequestFiresTheUpdateRulesOnceWhateverItChanges() {
    putRule("any", rule("Any update", 1, "Updated", "", addTask(1, "updated")));
    put("i12", incidentWith(""));
    put(
        "i12",
        incidentWith(
                """
                "labels":[{"labelName":"x"}],
                "alerts":[{"alertDisplayName":"A","severity":"Low","tactics":["Execution"]},
                          {"alertDisplayName":"B","severity":"Low"}]""")
            .replace("\"Medium\"", "\"High\""));
    assertThat(taskTitles("i12")).containsExactly("updated");
  }

  @Test
  void closingByARuleFailsWhileAMandatoryTaskIsOpenAndTheIncidentStaysOpen() {
    String mandatoryTask =
        """
        {"order":1,"actionType":"AddIncidentTask","actionConfiguration":{
          "title":"Confirm with the user","mandatory":true}}""";
    String close =
        """
        {"order":2,"actionType":"ModifyProperties","actionConfiguration":{
          "status":"Closed","classification":"BenignPositive",
          "classificationReason":"SuspiciousButExpected"}}""";
    putRule(
        "checklist", rule("Checklist then close", 1, "Created", "", mandatoryTask + "," + close));
    assertThat(
            api.get(ws + "/automationRules/checklist")
                .json()
                .path("properties")
                .path("actions")
                .get(0)
                .path("actionConfiguration")
                .path("mandatory")
                .asBoolean())
        .isTrue();

    put("i20", incidentWith(""));
    JsonNode task =
        api.get(ws + "/incidents/i20/tasks").json().path("value").get(0).path("properties");
    assertThat(task.path("title").asString()).isEqualTo("Confirm with the user");
    assertThat(task.path("mandatory").asBoolean()).isTrue();
    assertThat(api.get(ws + "/incidents/i20").json().path("properties").path("status").asString())
        .isEqualTo("New");
    JsonNode actions =
        api.get(ws + "/incidents/i20/automationRuns").json().path("value").get(0).path("actions");
    assertThat(actions.get(0).path("status").asString()).isEqualTo("Succeeded");
    assertThat(actions.get(1).path("status").asString()).isEqualTo("Failed");
    assertThat(actions.get(1).path("detail").asString())
        .contains("mandatory tasks")
        .contains("'Confirm with the user'");

    Api.Response bad =
        api.put(
            ws + "/automationRules/bad",
            rule(
                "Bad",
                1,
                "Created",
                "",
                mandatoryTask.replace("\"mandatory\":true", "\"mandatory\":\"yes\"")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("message").asString())
        .contains("actionConfiguration.mandatory");
  }
}
