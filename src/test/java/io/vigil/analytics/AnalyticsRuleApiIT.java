package io.vigil.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnalyticsRuleApiIT extends ApiTest {

  private static final String RULE =
      """
      {"kind":"Scheduled","properties":{"displayName":"Password spray","description":"Many failures",
        "severity":"High","enabled":true,"tactics":["CredentialAccess","InitialAccess"],
        "query":"SigninLogs | where ResultType != 0"}}""";

  @Test
  void keepsTheCatalogueOfAnalyticsRules() {
    Api.Response created = api.put(ws + "/alertRules/spray", RULE);
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("id").asString()).isEqualTo(ws + "/alertRules/spray");
    assertThat(body.path("kind").asString()).isEqualTo("Scheduled");
    JsonNode p = body.path("properties");
    assertThat(p.path("displayName").asString()).isEqualTo("Password spray");
    assertThat(p.path("description").asString()).isEqualTo("Many failures");
    assertThat(p.path("severity").asString()).isEqualTo("High");
    assertThat(p.path("enabled").asBoolean()).isTrue();
    assertThat(p.path("tactics")).hasSize(2);

    Api.Response updated =
        api.put(
            ws + "/alertRules/spray",
            """
            {"properties":{"displayName":"Password spray v2","severity":"Medium","enabled":false}}""");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("properties").path("enabled").asBoolean()).isFalse();

    api.put(ws + "/alertRules/tor", RULE);
    JsonNode list = api.get(ws + "/alertRules").json().path("value");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).path("properties").path("displayName").asString())
        .isEqualTo("Password spray v2");

    assertThat(api.delete(ws + "/alertRules/tor").status()).isEqualTo(200);
    assertThat(api.get(ws + "/alertRules/tor").status()).isEqualTo(404);
    assertThat(api.delete(ws + "/alertRules/tor").status()).isEqualTo(204);
  }

  @Test
  void validatesRules() {
    Api.Response badTactic =
        api.put(
            ws + "/alertRules/r",
            """
            {"properties":{"displayName":"x","severity":"High","tactics":["Teleportation"]}}""");
    assertThat(badTactic.status()).isEqualTo(400);
    assertThat(badTactic.json().path("error").path("message").asString())
        .contains("properties.tactics[0]");
    Api.Response noName = api.put(ws + "/alertRules/r", "{\"properties\":{\"severity\":\"High\"}}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().path("error").path("message").asString())
        .contains("properties.displayName");
    assertThat(api.get(ws + "/alertRules/r").status()).isEqualTo(404);
  }
}
