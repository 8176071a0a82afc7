package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IncidentApiIT extends ApiTest {

  @Test
  void createsWithClientChosenIdThenReplaces() {
    Api.Response created =
        api.put(
            ws + "/incidents/inc-1",
            """
            {"properties":{"title":"Password spray","description":"Many failed sign-ins",
              "severity":"High","status":"New",
              "owner":{"assignedTo":"Jane Doe","email":"jane@contoso.com",
                       "objectId":"2046feea-040d-4a46-9e2b-91c2941bfa70",
                       "userPrincipalName":"jane@contoso.com","ownerType":"User"},
              "labels":[{"labelName":"phishing","labelType":"User"}],
              "firstActivityTimeUtc":"2024-05-01T10:00:00.1234567Z",
              "lastActivityTimeUtc":"2024-05-01T12:00:00+02:00"}}""");
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("id").asString()).isEqualTo(ws + "/incidents/inc-1");
    assertThat(body.path("name").asString()).isEqualTo("inc-1");
    assertThat(body.path("etag").asString()).startsWith("\"").endsWith("\"");
    JsonNode p = body.path("properties");
    assertThat(p.path("title").asString()).isEqualTo("Password spray");
    assertThat(p.path("severity").asString()).isEqualTo("High");
    assertThat(p.path("incidentNumber").asLong()).isEqualTo(1);
    assertThat(p.path("owner").path("assignedTo").asString()).isEqualTo("Jane Doe");
    assertThat(p.path("owner").path("ownerType").asString()).isEqualTo("User");
    assertThat(p.path("labels").get(0).path("labelName").asString()).isEqualTo("phishing");
    assertThat(p.path("firstActivityTimeUtc").asString()).isEqualTo("2024-05-01T10:00:00.123456Z");
    assertThat(p.path("lastActivityTimeUtc").asString()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(p.path("createdTimeUtc").asString()).isNotEmpty();
    assertThat(p.path("incidentUrl").asString()).contains("inc-1");
    assertThat(p.path("additionalData").path("alertsCount").asInt()).isZero();

    Api.Response replaced =
        api.put(
            ws + "/incidents/inc-1",
            """
            {"properties":{"title":"Password spray (confirmed)","severity":"Medium","status":"Active"}}""");
    assertThat(replaced.status()).isEqualTo(200);
    JsonNode after = replaced.json().path("properties");
    assertThat(after.path("title").asString()).isEqualTo("Password spray (confirmed)");
    assertThat(after.path("status").asString()).isEqualTo("Active");
    assertThat(after.path("incidentNumber").asLong()).isEqualTo(1);
    assertThat(after.path("createdTimeUtc").asString())
        .isEqualTo(p.path("createdTimeUtc").asString());
    // A PUT replaces every writable property: what it leaves out is cleared.
    assertThat(after.has("description")).isFalse();
    assertThat(after.path("labels")).isEmpty();
    assertThat(after.path("owner").path("ownerType").asString()).isEqualTo("Unknown");
    assertThat(replaced.json().path("etag").asString()).isNotEqualTo(body.path("etag").asString());

    assertThat(api.get(ws + "/incidents/inc-1").json().path("properties").path("title").asString())
        .isEqualTo("Password spray (confirmed)");
  }

  @Test
  void numbersIncidentsSequentiallyAndNeverReusesANumber() {
    assertThat(createIncident("a", "A").path("properties").path("incidentNumber").asLong())
        .isEqualTo(1);
    assertThat(createIncident("b", "B").path("properties").path("incidentNumber").asLong())
        .isEqualTo(2);
    assertThat(api.delete(ws + "/incidents/b").status()).isEqualTo(200);
    assertThat(createIncident("c", "C").path("properties").path("incidentNumber").asLong())
        .isEqualTo(3);
  }

  @Test
  void deletesAndAnswers204WhenAbsent() {
    createIncident("gone", "Gone");
    assertThat(api.delete(ws + "/incidents/gone").status()).isEqualTo(200);
    assertThat(api.get(ws + "/incidents/gone").status()).isEqualTo(404);
    assertThat(api.delete(ws + "/incidents/gone").status()).isEqualTo(204);
  }

  @Test
  void unknownIncidentAndWorkspaceAre404WithTheErrorBody() {
    Api.Response missing = api.get(ws + "/incidents/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error").path("code").asString()).isEqualTo("NotFound");
    assertThat(missing.json().path("error").path("message").asString()).contains("nope");

    Api.Response noWorkspace =
        api.get(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/none/providers"
                + "/Microsoft.OperationalInsights/workspaces/none/providers"
                + "/Microsoft.SecurityInsights/incidents");
    assertThat(noWorkspace.status()).isEqualTo(404);
    assertThat(noWorkspace.json().path("error").path("message").asString()).contains("none");
  }

  @Test
  void matchesPathSegmentsWithoutRegardToCase() {
    createIncident("MixedCase", "Case");
    String shouted =
        ws.replace("/subscriptions/", "/SUBSCRIPTIONS/")
            .replace("/resourceGroups/", "/resourcegroups/")
            .replace("Microsoft.SecurityInsights", "microsoft.securityinsights")
            .replace(workspaceName, workspaceName.toUpperCase());
    Api.Response response = api.get(shouted + "/Incidents/mixedcase");
    assertThat(response.status()).isEqualTo(200);
    // The id keeps the spelling the resources were created with.
    assertThat(response.json().path("id").asString()).isEqualTo(ws + "/incidents/MixedCase");
  }

  @Test
  void refusesAStaleEtagAndChangesNothing() {
    String etag = createIncident("e", "Original").path("etag").asString();
    Api.Response first =
        api.put(
            ws + "/incidents/e",
            """
            {"etag":%s,"properties":{"title":"First","severity":"Low","status":"New"}}"""
                .formatted(Jsonish.quote(etag)));
    assertThat(first.status()).isEqualTo(200);

    Api.Response stale =
        api.put(
            ws + "/incidents/e",
            """
            {"etag":%s,"properties":{"title":"Second","severity":"Low","status":"New"}}"""
                .formatted(Jsonish.quote(etag)));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().path("error").path("code").asString()).isEqualTo("PreconditionFailed");

    Api.Response staleHeader =
        api.put(ws + "/incidents/e", incident("Third", "Low", "New"), Map.of("If-Match", etag));
    assertThat(staleHeader.status()).isEqualTo(412);

    assertThat(api.get(ws + "/incidents/e").json().path("properties").path("title").asString())
        .isEqualTo("First");

    String current = first.json().path("etag").asString();
    assertThat(
            api.put(
                    ws + "/incidents/e",
                    incident("Fourth", "Low", "New"),
                    Map.of("If-Match", current))
                .status())
        .isEqualTo(200);
  }

  @Test
  void closingRequiresAClassificationThatFitsItsReason() {
    createIncident("c", "To close");
    Api.Response noClassification =
        api.put(ws + "/incidents/c", incident("To close", "Low", "Closed"));
    assertThat(noClassification.status()).isEqualTo(400);
    assertThat(noClassification.json().path("error").path("message").asString())
        .contains("properties.classification");

    Api.Response mismatch =
        api.put(
            ws + "/incidents/c",
            """
            {"properties":{"title":"To close","severity":"Low","status":"Closed",
              "classification":"TruePositive","classificationReason":"InaccurateData"}}""");
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.json().path("error").path("message").asString())
        .contains("classificationReason");

    Api.Response closed =
        api.put(
            ws + "/incidents/c",
            """
            {"properties":{"title":"To close","severity":"Low","status":"Closed",
              "classification":"FalsePositive","classificationReason":"InaccurateData",
              "classificationComment":"Test data"}}""");
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().path("properties").path("classification").asString())
        .isEqualTo("FalsePositive");

    // Reopening clears the classification.
    Api.Response reopened = api.put(ws + "/incidents/c", incident("To close", "Low", "Active"));
    assertThat(reopened.json().path("properties").has("classification")).isFalse();
  }

  @Test
  void keepsLabelsDistinctWithoutRegardToCase() {
    Api.Response response =
        api.put(
            ws + "/incidents/l",
            """
            {"properties":{"title":"L","severity":"Low","status":"New",
              "labels":[{"labelName":"VIP"},{"labelName":"vip"},{"labelName":"tor"}]}}""");
    JsonNode labels = response.json().path("properties").path("labels");
    assertThat(labels).hasSize(2);
    assertThat(labels.get(0).path("labelName").asString()).isEqualTo("VIP");
    assertThat(labels.get(0).path("labelType").asString()).isEqualTo("User");
  }

  @Test
  void countsCommentsInAdditionalData() {
    createIncident("cc", "Comments");
    api.put(ws + "/incidents/cc/comments/c1", "{\"properties\":{\"message\":\"one\"}}");
    api.put(ws + "/incidents/cc/comments/c2", "{\"properties\":{\"message\":\"two\"}}");
    assertThat(
            api.get(ws + "/incidents/cc")
                .json()
                .path("properties")
                .path("additionalData")
                .path("commentsCount")
                .asInt())
        .isEqualTo(2);
    api.delete(ws + "/incidents/cc/comments/c1");
    assertThat(
            api.get(ws + "/incidents/cc")
                .json()
                .path("properties")
                .path("additionalData")
                .path("commentsCount")
                .asInt())
        .isEqualTo(1);
  }
}
