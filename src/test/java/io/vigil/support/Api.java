package io.vigil.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the API, as a script or an SDK would call it. */
public final class Api {
  public static final String API_VERSION = "2025-09-01";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String authorization;

  public Api(String baseUrl, String user, String password) {
    this.baseUrl = baseUrl;
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The same server without credentials. */
  public Api anonymous() {
    return new Api(baseUrl, null, null);
  }

  public Api as(String user, String password) {
    return new Api(baseUrl, user, password);
  }

  public Response get(String path) {
    return send("GET", withVersion(path), null, Map.of());
  }

  public Response put(String path, String json) {
    return send("PUT", withVersion(path), json, Map.of());
  }

  public Response put(String path, String json, Map<String, String> headers) {
    return send("PUT", withVersion(path), json, headers);
  }

  public Response post(String path, String json) {
    return send("POST", withVersion(path), json, Map.of());
  }

  public Response delete(String path) {
    return send("DELETE", withVersion(path), null, Map.of());
  }

  /** Sends a request with extra headers (e.g. a bearer token) exactly as given. */
  public Response sendWith(
      String method, String pathAndQuery, String body, Map<String, String> headers) {
    return send(method, pathAndQuery, body, headers);
  }

  /** Sends a request exactly as given: no api-version is added. */
  public Response send(
      String method, String pathAndQuery, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl + pathAndQuery))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::setHeader);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String withVersion(String path) {
    return path + (path.contains("?") ? "&" : "?") + "api-version=" + API_VERSION;
  }

  /** URL-encodes a query value, as Sentinel's SDK does. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A response: status, raw body and the body as JSON (MissingNode when empty or not JSON). */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      if (body == null || body.isBlank()) {
        return JSON.missingNode();
      }
      return JSON.readTree(body);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
