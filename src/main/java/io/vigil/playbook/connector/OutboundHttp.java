package io.vigil.playbook.connector;

import io.vigil.shared.AllowedHosts;
import io.vigil.shared.DaemonThreads;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
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

  /** Open connections kept for reuse, to all hosts together and to any one. */
  private static final int MAX_CONNECTIONS = 256;

  // Made at the first call, on the run's worker thread, not at start-up: an HTTP client sets up
  // TLS (the JDK's trusted certificates, its cipher suites) when it is made, a few hundred
  // milliseconds of CPU that only outbound calls need. A blocking client does a call's I/O on the
  // run's own thread: the JDK's client hands every request and response between its selector
  // thread and the caller, which cost more CPU than the call itself (docs/benchmarks.md).
  private final SingletonSupplier<CloseableHttpClient> client =
      SingletonSupplier.of(
          () ->
              HttpClients.custom()
                  .setConnectionManager(
                      PoolingHttpClientConnectionManagerBuilder.create()
                          .setMaxConnTotal(MAX_CONNECTIONS)
                          .setMaxConnPerRoute(MAX_CONNECTIONS)
                          .setDefaultConnectionConfig(
                              ConnectionConfig.custom()
                                  .setConnectTimeout(Timeout.ofSeconds(10))
                                  .build())
                          .build())
                  // As the receiver sends it: no redirects followed, no retries but the action's
                  // own, no cookies kept between calls, no decompression.
                  .disableRedirectHandling()
                  .disableAutomaticRetries()
                  .disableCookieManagement()
                  .disableContentCompression()
                  .setUserAgent("Vigil")
                  .build());

  /** Ends calls that outlast their timeout, which a read timeout alone does not bound. */
  private final SingletonSupplier<ScheduledThreadPoolExecutor> deadlines =
      SingletonSupplier.of(
          () -> {
            ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("playbook-call-deadline"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
          });

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
    HttpUriRequestBase call =
        new HttpUriRequestBase(request.method().toUpperCase(Locale.ROOT), uri);
    call.setConfig(
        RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.of(timeout))
            .setResponseTimeout(Timeout.of(timeout))
            .build());
    boolean hasContentType = false;
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        call.addHeader(h.getKey(), h.getValue());
        hasContentType |= h.getKey().equalsIgnoreCase("content-type");
      }
    }
    if (request.idempotencyKey() != null) {
      call.addHeader("Idempotency-Key", request.idempotencyKey());
    }
    JsonNode body = request.body();
    if (body != null && !body.isMissingNode() && !body.isNull()) {
      String text = body.isString() ? body.asString() : mapper.writeValueAsString(body);
      call.setEntity(new ByteArrayEntity(text.getBytes(StandardCharsets.UTF_8), null));
      if (!hasContentType) {
        call.addHeader("Content-Type", body.isString() ? "text/plain" : "application/json");
      }
    }
    ScheduledFuture<?> deadline =
        deadlines.obtain().schedule(call::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return client
          .obtain()
          .execute(
              call,
              response -> {
                ObjectNode outputs = mapper.createObjectNode();
                outputs.put("statusCode", response.getCode());
                outputs.set("headers", headers(response.getHeaders()));
                HttpEntity entity = response.getEntity();
                outputs.set(
                    "body",
                    parse(
                        entity == null
                            ? null
                            : EntityUtils.toString(entity, StandardCharsets.UTF_8)));
                if (response.getCode() >= 400) {
                  return new Response(
                      response.getCode(),
                      outputs,
                      code(response.getCode()),
                      "The call to '" + uri.getHost() + "' answered " + response.getCode() + ".");
                }
                return new Response(response.getCode(), outputs, null, null);
              });
    } catch (IOException e) {
      String problem =
          call.isCancelled() || e instanceof SocketTimeoutException
              ? "timed out after " + timeout.toMillis() / 1000.0 + " s"
              : "failed: " + e.getMessage();
      return new Response(
          0, null, "ServiceUnavailable", "The call to '" + uri.getHost() + "' " + problem + ".");
    } finally {
      deadline.cancel(false);
    }
  }

  /** Response headers by name, a repeated one's values joined by commas. */
  private ObjectNode headers(Header[] received) {
    Map<String, String> joined = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Header header : received) {
      joined.merge(header.getName(), header.getValue(), (a, b) -> a + "," + b);
    }
    ObjectNode headers = mapper.createObjectNode();
    joined.forEach(headers::put);
    return headers;
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
