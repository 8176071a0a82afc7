package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** API tokens: created, shown once, used as Bearer or Basic, expiring and revoked. */
class TokenIT extends ApiTest {
  @Autowired JdbcClient jdbc;

  @Test
  void aServiceAccountUsesItsTokenUntilItIsRevokedOrExpires() {
    String account = "connector-" + UUID.randomUUID().toString().substring(0, 6);
    api.put(
        "/api/users/" + account, "{\"properties\":{\"password\":\"service-account-passphrase\"}}");
    api.put(
        "/api/roleAssignments/" + UUID.randomUUID(),
        """
        {"properties":{"principalName":"%s","roleDefinitionName":"Responder","scope":"%s"}}"""
            .formatted(
                account, ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"))));
    Api.Response issued =
        api.post(
            "/api/users/" + account + "/tokens",
            "{\"description\":\"SIEM connector\",\"expiresInDays\":30}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String secret = issued.json().path("token").asString();
    String name = issued.json().path("name").asString();
    assertThat(secret).startsWith("vgl_").hasSizeGreaterThan(40);

    // Bearer and Basic with the token both act as the account.
    Api.Response created =
        api.anonymous()
            .sendWith(
                "PUT",
                Api.withVersion(ws + "/incidents/from-token"),
                incident("From the SIEM", "High", "New"),
                Map.of("Authorization", "Bearer " + secret));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api basic = api.as(account, secret);
    JsonNode task =
        basic
            .put(
                ws + "/incidents/from-token/tasks/t1",
                "{\"properties\":{\"title\":\"T\",\"status\":\"New\"}}")
            .json()
            .path("properties");
    assertThat(task.path("createdBy").path("userPrincipalName").asString()).isEqualTo(account);

    // The secret is never shown again, and only its hash is stored.
    JsonNode listed = api.as(account, secret).get("/api/tokens").json().path("value").get(0);
    assertThat(listed.has("token")).isFalse();
    assertThat(listed.path("properties").path("lastUsedTimeUtc").asString()).isNotEmpty();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM api_token WHERE secret_hash = ?")
                .param(secret)
                .query(Long.class)
                .single())
        .isZero();

    // Expired: the clock passes the expiry.
    jdbc.sql(
            "UPDATE api_token SET expires_time = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE name = ?")
        .param(name)
        .update();
    assertThat(basic.get(ws + "/incidents").status()).isEqualTo(401);
    jdbc.sql(
            "UPDATE api_token SET expires_time = CURRENT_TIMESTAMP + INTERVAL '1' DAY WHERE name = ?")
        .param(name)
        .update();
    assertThat(basic.get(ws + "/incidents").status()).isEqualTo(200);

    // Revoked.
    assertThat(api.delete("/api/tokens/" + name).status()).isEqualTo(200);
    assertThat(basic.get(ws + "/incidents").status()).isEqualTo(401);
    assertThat(
            api.anonymous()
                .sendWith(
                    "GET",
                    Api.withVersion(ws + "/incidents"),
                    null,
                    Map.of("Authorization", "Bearer " + secret))
                .status())
        .isEqualTo(401);
  }

  @Test
  void aUserCreatesTokensForThemselvesOnly() {
    Api.Response mine = api.post("/api/tokens", "{\"description\":\"laptop script\"}");
    assertThat(mine.status()).isEqualTo(201);
    assertThat(api.post("/api/tokens", "{}").status()).isEqualTo(400);
    assertThat(api.post("/api/tokens", "{\"description\":\"x\",\"expiresInDays\":9999}").status())
        .isEqualTo(400);
    assertThat(
            api.anonymous()
                .sendWith(
                    "GET",
                    Api.withVersion(ws + "/incidents"),
                    null,
                    Map.of("Authorization", "Bearer vgl_forged"))
                .status())
        .isEqualTo(401);
  }
}
