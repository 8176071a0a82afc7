package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CommentApiIT extends ApiTest {
  private String comments;

  @BeforeEach
  void incident() {
    createIncident("inc", "Phishing");
    comments = ws + "/incidents/inc/comments";
  }

  @Test
  void createsWithTheCallerAsAuthorAndUpdates() {
    Api.Response created =
        api.put(
            comments + "/c1", "{\"properties\":{\"message\":\"<p>Checked the <b>logs</b></p>\"}}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("id").asString()).isEqualTo(comments + "/c1");
    assertThat(body.path("etag").asString()).startsWith("\"");
    JsonNode p = body.path("properties");
    assertThat(p.path("message").asString()).isEqualTo("<p>Checked the <b>logs</b></p>");
    assertThat(p.path("author").path("name").asString()).isEqualTo(ADMIN);
    assertThat(p.path("author").path("userPrincipalName").asString()).isEqualTo(ADMIN);
    assertThat(p.path("createdTimeUtc").asString()).isNotEmpty();

    Api.Response updated = api.put(comments + "/c1", "{\"properties\":{\"message\":\"Edited\"}}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("properties").path("message").asString()).isEqualTo("Edited");
    assertThat(updated.json().path("properties").path("createdTimeUtc").asString())
        .isEqualTo(p.path("createdTimeUtc").asString());
    assertThat(api.get(comments + "/c1").json().path("properties").path("message").asString())
        .isEqualTo("Edited");
  }

  @Test
  void sanitisesMessages() {
    String stored =
        api.put(
                comments + "/c1",
                "{\"properties\":{\"message\":\"<img src=x onerror=alert(1)><script>alert(2)</script>ok\"}}")
            .json()
            .path("properties")
            .path("message")
            .asString();
    assertThat(stored).doesNotContain("onerror").doesNotContain("script").contains("ok");
  }

  @Test
  void listsInCreationOrderWithPaging() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "c" + (9 - i);
      api.put(comments + "/" + name, "{\"properties\":{\"message\":\"m" + i + "\"}}");
      created.add(name);
    }
    List<String> listed = new ArrayList<>();
    String next = api.baseUrl() + Api.withVersion(comments + "?$top=2");
    while (next != null) {
      JsonNode page = api.send("GET", next, null, Map.of()).json();
      page.path("value").forEach(c -> listed.add(c.path("name").asString()));
      next = page.has("nextLink") ? page.path("nextLink").asString() : null;
    }
    assertThat(listed).isEqualTo(created);
  }

  @Test
  void deletesAndValidates() {
    api.put(comments + "/c1", "{\"properties\":{\"message\":\"x\"}}");
    assertThat(api.delete(comments + "/c1").status()).isEqualTo(200);
    assertThat(api.get(comments + "/c1").status()).isEqualTo(404);
    assertThat(api.delete(comments + "/c1").status()).isEqualTo(204);

    Api.Response empty = api.put(comments + "/c2", "{\"properties\":{}}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("error").path("message").asString())
        .contains("properties.message");

    Api.Response tooLong =
        api.put(comments + "/c2", "{\"properties\":{\"message\":\"" + "x".repeat(30_001) + "\"}}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(
            api.put(ws + "/incidents/none/comments/c1", "{\"properties\":{\"message\":\"x\"}}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void refusesAStaleEtag() {
    String etag =
        api.put(comments + "/c1", "{\"properties\":{\"message\":\"one\"}}")
            .json()
            .path("etag")
            .asString();
    api.put(comments + "/c1", "{\"properties\":{\"message\":\"two\"}}");
    Api.Response stale =
        api.put(
            comments + "/c1",
            "{\"etag\":" + Jsonish.quote(etag) + ",\"properties\":{\"message\":\"three\"}}");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(api.get(comments + "/c1").json().path("properties").path("message").asString())
        .isEqualTo("two");
  }
}
