package io.vigil.automation;

import static io.vigil.automation.Rules.addTask;
import static io.vigil.automation.Rules.property;
import static io.vigil.automation.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AutomationRuleApiIT extends ApiTest {

  private String sprayRule() {
    return ws + "/alertRules/spray";
  }

  @Test
  void storesARuleAndReturnsExactlyWhatWasStored() {
    String body =
        """
        {"properties":{"displayName":"Triage password spray","order":3,
          "triggeringLogic":{"isEnabled":true,"expirationTimeUtc":"2099-01-01T00:00:00Z",
            "triggersOn":"Incidents","triggersWhen":"Created",
            "conditions":[{"conditionType":"Property","conditionProperties":{
              "propertyName":"IncidentRelatedAnalyticRuleIds","operator":"Contains",
              "propertyValues":["%s"]}}]},
          "actions":[{"order":1,"actionType":"AddIncidentTask",
                      "actionConfiguration":{"title":"Reset password","description":"<p>Use <b>SSPR</b></p><script>x</script>"}},
                     {"order":2,"actionType":"ModifyProperties",
                      "actionConfiguration":{"severity":"high","labels":[{"labelName":"spray"}]}}]}}"""
            .formatted(sprayRule());
    Api.Response created = api.put(ws + "/automationRules/r1", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("id").asString()).isEqualTo(ws + "/automationRules/r1");
    assertThat(json.path("type").asString())
        .isEqualTo("Microsoft.SecurityInsights/automationRules");
    JsonNode p = json.path("properties");
    assertThat(p.path("displayName").asString()).isEqualTo("Triage password spray");
    assertThat(p.path("order").asInt()).isEqualTo(3);
    assertThat(p.path("triggeringLogic").path("expirationTimeUtc").asString())
        .isEqualTo("2099-01-01T00:00:00Z");
    assertThat(
            p.path("triggeringLogic")
                .path("conditions")
                .get(0)
                .path("conditionProperties")
                .path("propertyValues")
                .get(0)
                .asString())
        .isEqualTo(sprayRule());
    // Enum values are stored in Sentinel's spelling; descriptions are sanitised.
    assertThat(p.path("actions").get(1).path("actionConfiguration").path("severity").asString())
        .isEqualTo("High");
    assertThat(p.path("actions").get(0).path("actionConfiguration").path("description").asString())
        .isEqualTo("<p>Use <b>SSPR</b></p>");
    assertThat(p.path("createdBy").path("name").asString()).isEqualTo(ADMIN);
    assertThat(p.path("createdTimeUtc").asString()).isNotEmpty();

    JsonNode read = api.get(ws + "/automationRules/r1").json();
    assertThat(read.path("properties")).isEqualTo(p);

    // The SDK sends the whole resource back, read-only properties and etag included.
    Api.Response roundTrip = api.put(ws + "/automationRules/r1", read.toString());
    assertThat(roundTrip.status()).as(roundTrip.body()).isEqualTo(200);
    assertThat(roundTrip.json().path("properties").path("actions")).isEqualTo(p.path("actions"));

    assertThat(api.delete(ws + "/automationRules/r1").status()).isEqualTo(200);
    assertThat(api.get(ws + "/automationRules/r1").status()).isEqualTo(404);
    assertThat(api.delete(ws + "/automationRules/r1").status()).isEqualTo(204);
  }

  @Test
  void listsInRunOrderFilteredByActionTypeAndAnalyticsRule() {
    api.put(
        ws + "/automationRules/b",
        rule(
            "Tasks for spray",
            2,
            "Created",
            property("IncidentRelatedAnalyticRuleIds", "Contains", sprayRule()),
            addTask(1, "T")));
    api.put(
        ws + "/automationRules/a",
        rule(
            "Raise severity",
            1,
            "Created",
            "",
            """
            {"order":1,"actionType":"ModifyProperties","actionConfiguration":{"severity":"High"}}"""));
    api.put(ws + "/automationRules/c", rule("Tasks for all", 2, "Created", "", addTask(1, "U")));

    assertThat(names("")).containsExactly("a", "b", "c");
    assertThat(
            names(
                "$filter="
                    + Api.encode("properties/actions/any(a: a/actionType eq 'AddIncidentTask')")))
        .containsExactly("b", "c");
    assertThat(
            names(
                "$filter="
                    + Api.encode("properties/analyticsRuleIds/any(r: r eq '" + sprayRule() + "')")))
        .containsExactly("b");
    assertThat(names("$top=1")).containsExactly("a");
    JsonNode page = api.get(ws + "/automationRules?$top=2").json();
    assertThat(page.path("nextLink").asString()).contains("$skipToken=");
    assertThat(
            api.send("GET", page.path("nextLink").asString(), null, java.util.Map.of())
                .json()
                .path("value")
                .get(0)
                .path("name")
                .asString())
        .isEqualTo("c");
  }

  private List<String> names(String query) {
    Api.Response response = api.get(ws + "/automationRules?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    response.json().path("value").forEach(r -> names.add(r.path("name").asString()));
    return names;
  }

  private void assertRejected(String body, String mentions) {
    Api.Response response = api.put(ws + "/automationRules/bad", body);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("error").path("message").asString()).contains(mentions);
    assertThat(api.get(ws + "/automationRules/bad").status()).isEqualTo(404);
  }

  @Test
  void rejectsMalformedRulesNamingTheProblem() {
    assertRejected(
        rule("x".repeat(501), 1, "Created", "", addTask(1, "T")), "properties.displayName");
    assertRejected(rule("R", 0, "Created", "", addTask(1, "T")), "properties.order");
    assertRejected(rule("R", 1001, "Created", "", addTask(1, "T")), "properties.order");
    assertRejected(
        rule("R", 1, "Sometimes", "", addTask(1, "T")), "properties.triggeringLogic.triggersWhen");
    assertRejected(
        rule("R", 1, "Created", property("IncidentColour", "Equals", "red"), addTask(1, "T")),
        "IncidentColour");
    assertRejected(
        rule("R", 1, "Created", property("IncidentTitle", "Resembles", "x"), addTask(1, "T")),
        "Resembles");
    assertRejected(
        rule(
            "R", 1, "Created", property("IncidentSeverity", "Equals", "Critical"), addTask(1, "T")),
        "Critical");
    assertRejected(
        rule(
            "R",
            1,
            "Created",
            "{\"conditionType\":\"Maybe\",\"conditionProperties\":{}}",
            addTask(1, "T")),
        "Maybe");
    assertRejected(rule("R", 1, "Created", "", ""), "properties.actions");
    assertRejected(
        rule(
            "R",
            1,
            "Created",
            "",
            "{\"order\":1,\"actionType\":\"AddIncidentTask\",\"actionConfiguration\":{}}"),
        "properties.actions[0].actionConfiguration.title");
    assertRejected(
        rule(
            "R",
            1,
            "Created",
            "",
            "{\"order\":1,\"actionType\":\"RunPlaybook\",\"actionConfiguration\":{\"logicAppResourceId\":\"nope\"}}"),
        "logicAppResourceId");
    assertRejected(
        rule(
            "R",
            1,
            "Created",
            "",
            "{\"order\":1,\"actionType\":\"ModifyProperties\",\"actionConfiguration\":{\"status\":\"Closed\"}}"),
        "classification");
    // PropertyChanged only makes sense when an incident is updated.
    assertRejected(
        rule(
            "R",
            1,
            "Created",
            "{\"conditionType\":\"PropertyChanged\",\"conditionProperties\":{\"propertyName\":\"IncidentStatus\","
                + "\"changeType\":\"ChangedTo\",\"operator\":\"Equals\",\"propertyValues\":[\"Active\"]}}",
            addTask(1, "T")),
        "conditionType");
    String deep = property("IncidentTitle", "Contains", "x");
    for (int i = 0; i < 6; i++) {
      deep =
          "{\"conditionType\":\"Boolean\",\"conditionProperties\":{\"operator\":\"Or\",\"innerConditions\":["
              + deep
              + ","
              + property("IncidentTitle", "Contains", "y")
              + "]}}";
    }
    assertRejected(rule("R", 1, "Created", deep, addTask(1, "T")), "deeper");
    assertRejected(
        """
        {"properties":{"displayName":"R","order":1,
          "triggeringLogic":{"isEnabled":true,"expirationTimeUtc":"2001-01-01T00:00:00Z",
            "triggersOn":"Incidents","triggersWhen":"Created"},
          "actions":[%s]}}"""
            .formatted(addTask(1, "T")),
        "expirationTimeUtc");
    assertRejected(
        """
        {"properties":{"displayName":"R","order":1,
          "triggeringLogic":{"isEnabled":true,"triggersOn":"Alerts","triggersWhen":"Created"},
          "actions":[%s]}}"""
            .formatted(addTask(1, "T")),
        "RunPlaybook");
  }
}
