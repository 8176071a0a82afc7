package io.vigil.playbook.connector;

import io.vigil.shared.AllowedHosts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every call a playbook makes to the outside: only to hosts the operator allows, with the action's
 * retry policy for transient failures (connection errors, 408, 429, 5xx), and an idempotency key
 * per run, action and iteration so that a receiver can recognise a call repeated after a crash.
 */
@Component
public class OutboundHttp {
  /** Logic Apps' own limit on a single outbound request. */
  private static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);

  // Made at the first call, on the run's worker thread, not at start-up: an HTTP client sets up
  // TLS (the JDK's trusted certificates, its cipher suites) when it is made, a few hundred
  // milliseconds of CPU that only outbound calls need.
  private final SingletonSupplier<HttpClient> client =
      SingletonSupplier.of(
          () ->
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(10))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .version(HttpClient.Version.HTTP_1_1)
                  // The client's own thread completes a response: each call waits for its answer
                  // anyway, and a hand-off to a pool per response cost more than the call.
                  .executor(Runnable::run)
                  .build());
  private final AllowedHosts allowedHosts;
  private final Duration retryInterval;
  private final ObjectMapper mapper;

  OutboundHttp(
      @Value("${vigil.playbooks.allowed-hosts}") String allowedHosts,
      @Value("${vigil.playbooks.retry-interval}") Duration retryInterval,
      ObjectMapper mapper) {
    this.allowedHosts = new AllowedHosts(allowedHosts);
    this.retryInterval = retryInterval;
    this.mapper = mapper;
  }

  /** A request as an Http action or a connector describes it. */
  public record Request(
      String method,
      String uri,
      Map<String, String> headers,
      Map<String, String> queries,
      JsonNode body,
      JsonNode retryPolicy,
      Duration timeout,
      String idempotencyKey) {}

  /** The answer, in Logic Apps' outputs shape, and whether the action failed. */
  public record Response(int statusCode, ObjectNode outputs, String failureCode, String failure) {
    public boolean failed() {
      return failureCode != null;
    }
  }

  public Response send(Request request, BooleanSupplier cancelled) {
    URI uri;
    try {
      uri = URI.create(withQueries(request.uri(), request.queries()));
    } catch (IllegalArgumentException e) {
      return refused("InvalidUri", "The URI '" + request.uri() + "' is not valid.");
    }
    if (uri.getHost() == null || !AllowedHosts.isHttp(uri)) {
      return refused("InvalidUri", "The URI '" + request.uri() + "' is not an http(s) address.");
    }
    if (!allowedHosts.allows(uri)) {
      return refused(
          "HostNotAllowed",
          "Playbooks may not call '"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + "'; an operator can allow it with VIGIL_PLAYBOOK_ALLOWED_HOSTS.");
    }
    Retry retry = Retry.of(request.retryPolicy(), retryInterval);
    Response last = null;
    for (int attempt = 0; ; attempt++) {
      last = once(uri, request);
      boolean transient_ =
          last.statusCode() == 0
              || last.statusCode() == 408
              || last.statusCode() == 429
              || last.statusCode() >= 500;
      if (!transient_ || attempt >= retry.count() || cancelled.getAsBoolean()) {
        return last;
      }
      try {
        Thread.sleep(retry.delay(attempt).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
    }
  }

  private Response once(URI uri, Request request) {
    Duration timeout =
        request.timeout() == null || request.timeout().compareTo(MAX_TIMEOUT) > 0
            ? MAX_TIMEOUT
            : request.timeout();
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
    boolean hasContentType = false;
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        builder.header(h.getKey(), h.getValue());
        hasContentType |= h.getKey().equalsIgnoreCase("content-type");
      }
    }
    if (request.idempotencyKey() != null) {
      builder.header("Idempotency-Key", request.idempotencyKey());
    }
    JsonNode body = request.body();
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    if (body != null && !body.isMissingNode() && !body.isNull()) {
      publisher =
          HttpRequest.BodyPublishers.ofString(
              body.isString() ? body.asString() : mapper.writeValueAsString(body));
      if (!hasContentType) {
        builder.header("Content-Type", body.isString() ? "text/plain" : "application/json");
      }
    }
    builder.method(request.method().toUpperCase(Locale.ROOT), publisher);
    try {
      HttpResponse<String> response =
          client.obtain().send(builder.build(), HttpResponse.BodyHandlers.ofString());
      ObjectNode outputs = mapper.createObjectNode();
      outputs.put("statusCode", response.statusCode());
      ObjectNode headers = outputs.putObject("headers");
      response.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
      outputs.set("body", parse(response.body()));
      if (response.statusCode() >= 400) {
        String code = code(response.statusCode());
        return new Response(
            response.statusCode(),
            outputs,
            code,
            "The call to '" + uri.getHost() + "' answered " + response.statusCode() + ".");
      }
      return new Response(response.statusCode(), outputs, null, null);
    } catch (IOException e) {
      return new Response(
          0,
          null,
          "ServiceUnavailable",
          "The call to '" + uri.getHost() + "' failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, null, "Cancelled", "The call was interrupted.");
    }
  }

  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private JsonNode parse(String text) {
    if (text == null || text.isEmpty()) {
      return mapper.getNodeFactory().nullNode();
    }
    try {
      return mapper.readTree(text);
    } catch (RuntimeException e) {
      return mapper.getNodeFactory().stringNode(text);
    }
  }

  private static Response refused(String code, String message) {
    return new Response(0, null, code, message);
  }

  private static String withQueries(String uri, Map<String, String> queries) {
    if (queries.isEmpty()) {
      return uri;
    }
    String query =
        queries.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return uri + (uri.contains("?") ? "&" : "?") + query;
  }

  /** Logic Apps' error code for an HTTP status: "BadRequest", "NotFound", "Http599". */
  public static String code(int statusCode) {
    HttpStatus status = HttpStatus.resolve(statusCode);
    if (status == null) {
      return "Http" + statusCode;
    }
    StringBuilder out = new StringBuilder();
    for (String part : status.name().split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /** Basic credentials as a header value. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A retry policy: Logic Apps' {@code default} (exponential, 4 retries), {@code none}, {@code
   * fixed} or {@code exponential} with {@code count} and {@code interval}.
   */
  record Retry(int count, Duration interval, boolean exponential, Duration max) {
    static Retry of(JsonNode policy, Duration defaultInterval) {
      String type =
          policy == null
              ? "default"
              : policy.path("type").asString("default").toLowerCase(Locale.ROOT);
      Duration interval = defaultInterval;
      if (policy != null && policy.hasNonNull("interval")) {
        try {
          interval = Duration.parse(policy.get("interval").asString());
        } catch (RuntimeException e) {
          interval = defaultInterval;
        }
      }
      int count =
          policy != null && policy.has("count") ? Math.min(90, policy.get("count").asInt(4)) : 4;
      return switch (type) {
        case "none" -> new Retry(0, Duration.ZERO, false, Duration.ZERO);
        case "fixed" -> new Retry(count, interval, false, interval);
        default -> new Retry(count, interval, true, Duration.ofHours(1));
      };
    }

    Duration delay(int attempt) {
      if (!exponential) {
        return interval;
      }
      Duration d = interval.multipliedBy(1L << Math.min(attempt, 20));
      return d.compareTo(max) > 0 ? max : d;
    }
  }
}
