package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A SIEM connector supplying what Sentinel's analytics would fill in. */
class IncidentProvenanceIT extends ApiTest {

  private String rule(String name) {
    return ws + "/alertRules/" + name;
  }

  private String ingestion() {
    return """
        {"properties":{
          "title":"Password spray","severity":"High","status":"New",
          "providerName":"Splunk","providerIncidentId":"SPL-42",
          "relatedAnalyticRuleIds":["%s"],
          "relatedEntities":[
            {"kind":"Account","properties":{"accountName":"alice","upnSuffix":"contoso.com",
              "ntDomain":"CONTOSO","aadUserId":"4c7a3b4c-1e4a-4c2b-9f5a-6d1e2f3a4b5c","sid":"S-1-5-21-1"}},
            {"kind":"Host","properties":{"hostName":"web01","dnsDomain":"contoso.com"}},
            {"kind":"Url","properties":{"url":"https://evil.example/login"}},
            {"kind":"FileHash","properties":{"algorithm":"SHA256","hashValue":"ABC123"}},
            {"kind":"File","properties":{"fileName":"evil.exe","directory":"C:\\\\Temp"}},
            {"kind":"Process","properties":{"commandLine":"evil.exe -x","processId":"4242"}},
            {"kind":"Mailbox","properties":{"mailboxPrimaryAddress":"alice@contoso.com","upn":"alice@contoso.com"}},
            {"kind":"MailMessage","properties":{"subject":"Invoice","recipient":"alice@contoso.com","senderIP":"5.6.7.8"}},
            {"kind":"DnsResolution","properties":{"domainName":"evil.example"}},
            {"kind":"AzureResource","properties":{"resourceId":"/subscriptions/1/resourceGroups/r/providers/x/y/z"}},
            {"kind":"CloudApplication","properties":{"appId":11161,"appName":"Office 365"}}
          ],
          "alerts":[
            {"systemAlertId":"alert-1","alertDisplayName":"Many failed sign-ins","severity":"High",
             "productName":"Azure Active Directory Identity Protection","analyticRuleId":"%s",
             "startTimeUtc":"2024-05-01T10:00:00Z","endTimeUtc":"2024-05-01T11:00:00Z",
             "tactics":["CredentialAccess"],"techniques":["T1110"],
             "entities":[{"kind":"Ip","properties":{"address":"10.1.2.3"}},
                         {"kind":"Account","properties":{"accountName":"ALICE","upnSuffix":"contoso.com",
                           "ntDomain":"CONTOSO","aadUserId":"4c7a3b4c-1e4a-4c2b-9f5a-6d1e2f3a4b5c","sid":"S-1-5-21-1"}}]}
          ]}}"""
        .formatted(rule("spray"), rule("spray-alerts"));
  }

  @Test
  void acceptsProvenanceAtCreationAndDerivesAdditionalData() {
    Api.Response created = api.put(ws + "/incidents/p1", ingestion());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode p = created.json().path("properties");
    assertThat(p.path("providerName").asString()).isEqualTo("Splunk");
    assertThat(p.path("providerIncidentId").asString()).isEqualTo("SPL-42");
    assertThat(strings(p.path("relatedAnalyticRuleIds")))
        .containsExactly(rule("spray"), rule("spray-alerts"));
    JsonNode data = p.path("additionalData");
    assertThat(data.path("alertsCount").asInt()).isEqualTo(1);
    assertThat(strings(data.path("alertProductNames")))
        .containsExactly("Azure Active Directory Identity Protection");
    assertThat(strings(data.path("tactics"))).containsExactly("CredentialAccess");
    assertThat(strings(data.path("techniques"))).containsExactly("T1110");
    assertThat(p.path("firstActivityTimeUtc").asString()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(p.path("lastActivityTimeUtc").asString()).isEqualTo("2024-05-01T11:00:00Z");
  }

  @Test
  void listsEntitiesInSentinelsShapeWithCountsPerKind() {
    api.put(ws + "/incidents/p2", ingestion());
    Api.Response response = api.post(ws + "/incidents/p2/entities", null);
    assertThat(response.status()).isEqualTo(200);
    JsonNode entities = response.json().path("entities");
    // The alert's account is the incident's account (same identity, other letter case): once.
    assertThat(entities).hasSize(12);
    JsonNode account = entities.get(0);
    assertThat(account.path("kind").asString()).isEqualTo("Account");
    assertThat(account.path("type").asString()).isEqualTo("Microsoft.SecurityInsights/Entities");
    assertThat(account.path("id").asString()).startsWith(ws + "/entities/");
    assertThat(account.path("properties").path("accountName").asString()).isEqualTo("alice");
    assertThat(account.path("properties").path("friendlyName").asString()).isEqualTo("alice");
    List<String> kinds = new ArrayList<>();
    response
        .json()
        .path("metaData")
        .forEach(m -> kinds.add(m.path("entityKind").asString() + "=" + m.path("count").asInt()));
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "Account=1",
            "Host=1",
            "Url=1",
            "FileHash=1",
            "File=1",
            "Process=1",
            "Mailbox=1",
            "MailMessage=1",
            "DnsResolution=1",
            "AzureResource=1",
            "CloudApplication=1",
            "Ip=1");
  }

  @Test
  void listsAlertsInSentinelsShape() {
    api.put(ws + "/incidents/p3", ingestion());
    Api.Response response = api.post(ws + "/incidents/p3/alerts", null);
    assertThat(response.status()).isEqualTo(200);
    JsonNode alert = response.json().path("value").get(0);
    assertThat(alert.path("kind").asString()).isEqualTo("SecurityAlert");
    assertThat(alert.path("name").asString()).isEqualTo("alert-1");
    JsonNode p = alert.path("properties");
    assertThat(p.path("alertDisplayName").asString()).isEqualTo("Many failed sign-ins");
    assertThat(p.path("severity").asString()).isEqualTo("High");
    assertThat(p.path("systemAlertId").asString()).isEqualTo("alert-1");
    assertThat(p.path("analyticRuleId").asString()).isEqualTo(rule("spray-alerts"));
    assertThat(p.path("status").asString()).isEqualTo("New");
    assertThat(p.path("timeGenerated").asString()).isNotEmpty();
    assertThat(p.path("friendlyName").asString()).isEqualTo("Many failed sign-ins");
  }

  @Test
  void attachesFurtherAlertsLaterAndSkipsKnownOnes() {
    api.put(ws + "/incidents/p4", ingestion());
    String etag = api.get(ws + "/incidents/p4").json().path("etag").asString();
    String alert =
        """
        {"properties":{"alertDisplayName":"Sign-in from TOR","severity":"Medium",
          "productName":"Microsoft Defender for Cloud Apps","tactics":["InitialAccess"],
          "analyticRuleId":"%s","endTimeUtc":"2024-05-02T09:00:00Z",
          "entities":[{"kind":"Ip","properties":{"address":"185.220.101.1"}}]}}"""
            .formatted(rule("tor"));
    Api.Response attached = api.put(ws + "/incidents/p4/alerts/alert-2", alert);
    assertThat(attached.status()).as(attached.body()).isEqualTo(201);
    assertThat(attached.json().path("name").asString()).isEqualTo("alert-2");
    assertThat(api.put(ws + "/incidents/p4/alerts/alert-2", alert).status()).isEqualTo(200);

    JsonNode p = api.get(ws + "/incidents/p4").json();
    assertThat(p.path("etag").asString()).isNotEqualTo(etag);
    JsonNode data = p.path("properties").path("additionalData");
    assertThat(data.path("alertsCount").asInt()).isEqualTo(2);
    assertThat(strings(data.path("alertProductNames")))
        .containsExactly(
            "Azure Active Directory Identity Protection", "Microsoft Defender for Cloud Apps");
    assertThat(strings(data.path("tactics"))).containsExactly("CredentialAccess", "InitialAccess");
    assertThat(strings(p.path("properties").path("relatedAnalyticRuleIds"))).contains(rule("tor"));
    assertThat(p.path("properties").path("lastActivityTimeUtc").asString())
        .isEqualTo("2024-05-02T09:00:00Z");
    assertThat(api.post(ws + "/incidents/p4/alerts", null).json().path("value")).hasSize(2);
    assertThat(api.post(ws + "/incidents/p4/entities", null).json().path("entities")).hasSize(13);
  }

  @Test
  void keepsProvenanceWhenAnUpdateLeavesItOutAndRefusesToChangeTheProvider() {
    api.put(ws + "/incidents/p5", ingestion());
    Api.Response update =
        api.put(ws + "/incidents/p5", incident("Password spray", "Low", "Active"));
    assertThat(update.status()).isEqualTo(200);
    JsonNode p = update.json().path("properties");
    assertThat(p.path("providerName").asString()).isEqualTo("Splunk");
    assertThat(p.path("additionalData").path("alertsCount").asInt()).isEqualTo(1);
    assertThat(p.path("relatedAnalyticRuleIds")).hasSize(2);

    Api.Response changed =
        api.put(
            ws + "/incidents/p5",
            """
            {"properties":{"title":"x","severity":"Low","status":"New","providerName":"Other"}}""");
    assertThat(changed.status()).isEqualTo(400);
    assertThat(changed.json().path("error").path("message").asString()).contains("providerName");
  }

  @Test
  void rejectsMalformedProvenanceNamingTheField() {
    Api.Response unknownProperty =
        api.put(
            ws + "/incidents/bad",
            """
            {"properties":{"title":"x","severity":"Low","status":"New",
              "relatedEntities":[{"kind":"Account","properties":{"accoutName":"typo"}}]}}""");
    assertThat(unknownProperty.status()).isEqualTo(400);
    assertThat(unknownProperty.json().path("error").path("message").asString())
        .contains("properties.relatedEntities[0].properties.accoutName");

    Api.Response unknownKind =
        api.put(
            ws + "/incidents/bad",
            """
            {"properties":{"title":"x","severity":"Low","status":"New",
              "relatedEntities":[{"kind":"Spaceship","properties":{"name":"x"}}]}}""");
    assertThat(unknownKind.status()).isEqualTo(400);
    assertThat(unknownKind.json().path("error").path("message").asString()).contains("Spaceship");

    Api.Response badRuleId =
        api.put(
            ws + "/incidents/bad",
            """
            {"properties":{"title":"x","severity":"Low","status":"New",
              "relatedAnalyticRuleIds":["not-a-rule-id"]}}""");
    assertThat(badRuleId.status()).isEqualTo(400);
    assertThat(badRuleId.json().path("error").path("message").asString())
        .contains("relatedAnalyticRuleIds");

    Api.Response alertWithoutSeverity =
        api.put(
            ws + "/incidents/bad",
            """
            {"properties":{"title":"x","severity":"Low","status":"New",
              "alerts":[{"alertDisplayName":"x"}]}}""");
    assertThat(alertWithoutSeverity.status()).isEqualTo(400);
    assertThat(alertWithoutSeverity.json().path("error").path("message").asString())
        .contains("properties.alerts[0].severity");

    assertThat(api.get(ws + "/incidents/bad").status()).isEqualTo(404);
  }

  @Test
  void storesNothingWhenALaterPartOfTheRequestFails() {
    // The first alert is stored before the second is checked; the whole request must roll back.
    Api.Response failed =
        api.put(
            ws + "/incidents/half",
            """
            {"properties":{"title":"x","severity":"Low","status":"New",
              "alerts":[{"alertDisplayName":"ok","severity":"Low","systemAlertId":"a1"},
                        {"alertDisplayName":"bad","severity":"Low","systemAlertId":"a2",
                         "analyticRuleId":"not-a-rule-id"}]}}""");
    assertThat(failed.status()).isEqualTo(400);
    assertThat(api.get(ws + "/incidents/half").status()).isEqualTo(404);
    // Numbers are taken outside the request's transaction (so that concurrent creations do not
    // wait on each other): the failed request's number stays used, a gap.
    assertThat(createIncident("after", "After").path("properties").path("incidentNumber").asLong())
        .isEqualTo(2);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
