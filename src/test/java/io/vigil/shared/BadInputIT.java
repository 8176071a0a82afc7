package io.vigil.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests get a 4xx in the one error format naming what is wrong, and change nothing. */
class BadInputIT extends ApiTest {

  private void assertError(Api.Response response, int status, String code, String mentions) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.json().path("error").path("code").asString()).isEqualTo(code);
    assertThat(response.json().path("error").path("message").asString()).contains(mentions);
  }

  @Test
  void malformedJson() {
    assertError(
        api.put(ws + "/incidents/x", "{\"properties\": {\"title\": "),
        400,
        "BadRequest",
        "not valid JSON");
    assertError(api.put(ws + "/incidents/x", "[1,2]"), 400, "BadRequest", "JSON object");
    assertError(api.put(ws + "/incidents/x", null), 400, "BadRequest", "body is required");
  }

  @Test
  void wrongTypesUnknownEnumsMissingAndOverlongFields() {
    assertError(
        api.put(
            ws + "/incidents/x",
            "{\"properties\":{\"title\":42,\"severity\":\"High\",\"status\":\"New\"}}"),
        400,
        "BadRequest",
        "properties.title");
    assertError(
        api.put(ws + "/incidents/x", incident("T", "Critical", "New")),
        400,
        "BadRequest",
        "properties.severity");
    assertError(
        api.put(ws + "/incidents/x", "{\"properties\":{\"title\":\"T\",\"severity\":\"High\"}}"),
        400,
        "BadRequest",
        "properties.status");
    assertError(api.put(ws + "/incidents/x", "{\"title\":\"T\"}"), 400, "BadRequest", "properties");
    assertError(
        api.put(ws + "/incidents/x", incident("x".repeat(1025), "High", "New")),
        400,
        "BadRequest",
        "properties.title");
    assertError(
        api.put(
            ws + "/incidents/x",
            "{\"properties\":{\"title\":\"T\",\"severity\":\"High\",\"status\":\"New\","
                + "\"description\":\""
                + "d".repeat(5001)
                + "\"}}"),
        400,
        "BadRequest",
        "properties.description");
    assertError(
        api.put(
            ws + "/incidents/x",
            "{\"properties\":{\"title\":\"T\",\"severity\":\"High\",\"status\":\"New\","
                + "\"firstActivityTimeUtc\":\"yesterday\"}}"),
        400,
        "BadRequest",
        "properties.firstActivityTimeUtc");
    assertError(
        api.put(
            ws + "/incidents/x",
            "{\"properties\":{\"title\":\"T\",\"severity\":\"High\",\"status\":\"New\","
                + "\"owner\":{\"objectId\":\"not-a-guid\"}}}"),
        400,
        "BadRequest",
        "properties.owner.objectId");
    assertError(
        api.put(
            ws + "/incidents/x",
            "{\"properties\":{\"title\":\"T\",\"severity\":\"High\",\"status\":\"New\","
                + "\"labels\":[{\"labelType\":\"User\"}]}}"),
        400,
        "BadRequest",
        "properties.labels[0].labelName");
    assertError(
        api.put(ws + "/incidents/bad%20id", incident("T", "High", "New")),
        400,
        "BadRequest",
        "incidentId");
    assertThat(api.get(ws + "/incidents").json().path("value")).isEmpty();
  }

  @Test
  void apiVersionIsRequiredAndChecked() {
    assertError(
        api.send("GET", ws + "/incidents", null, Map.of()),
        400,
        "MissingApiVersionParameter",
        "api-version");
    assertError(
        api.send("GET", ws + "/incidents?api-version=2019-01-01", null, Map.of()),
        400,
        "InvalidApiVersionParameter",
        "2019-01-01");
    for (String version :
        new String[] {
          "2022-09-01-preview", "2024-03-01", "2024-09-01", "2025-06-01", "2025-09-01"
        }) {
      assertThat(api.send("GET", ws + "/incidents?api-version=" + version, null, Map.of()).status())
          .isEqualTo(200);
    }
  }

  @Test
  void bodiesOverTheLimitAre413() {
    String huge =
        "{\"properties\":{\"title\":\"T\",\"severity\":\"High\",\"status\":\"New\",\"description\":\""
            + "x".repeat(1_100_000)
            + "\"}}";
    assertError(api.put(ws + "/incidents/x", huge), 413, "RequestEntityTooLarge", "bytes");
    assertThat(api.get(ws + "/incidents/x").status()).isEqualTo(404);
  }

  @Test
  void unknownPathsMethodsAndMediaTypes() {
    assertError(api.get(ws + "/spaceships"), 404, "NotFound", "No resource");
    assertError(
        api.send("PATCH", Api.withVersion(ws + "/incidents/x"), "{}", Map.of()),
        405,
        "MethodNotAllowed",
        "PATCH");
    assertError(
        api.send(
            "PUT",
            Api.withVersion(ws + "/incidents/x"),
            "title=x",
            Map.of("Content-Type", "text/plain")),
        415,
        "UnsupportedMediaType",
        "application/json");
  }
}
