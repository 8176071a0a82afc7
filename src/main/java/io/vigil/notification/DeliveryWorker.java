package io.vigil.notification;

import io.vigil.notification.internal.WebhookRepository;
import io.vigil.shared.AllowedHosts;
import io.vigil.shared.Periodic;
import io.vigil.shared.SecretBox;
import io.vigil.shared.Times;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends the webhook deliveries of the outbox, outside any writer's transaction. Each attempt is
 * claimed first (see {@link WebhookRepository#claim}), so that with several servers each is made
 * once. Connection errors, timeouts, 408, 429 and 5xx are tried again after an exponentially
 * growing wait, up to {@code vigil.webhooks.max-attempts} attempts; any other answer of 300 or more
 * fails the delivery at once, as repeating it would get the same answer.
 *
 * <p>Every attempt is signed: {@code X-Vigil-Signature: sha256=<hex>} is the HMAC-SHA256, keyed
 * with the webhook's secret, of {@code "<X-Vigil-Timestamp>.<body>"}.
 */
@Component
class DeliveryWorker extends Periodic {
  private static final int BATCH = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_WAIT = Duration.ofHours(1);

  // Made at the first delivery, on this worker's thread, not at start-up: an HTTP client sets up
  // TLS (the JDK's trusted certificates, its cipher suites) when it is made, a few hundred
  // milliseconds of CPU that only deliveries need.
  private final SingletonSupplier<HttpClient> client =
      SingletonSupplier.of(
          () ->
              HttpClient.newBuilder()
                  .connectTimeout(TIMEOUT)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build());
  private final WebhookRepository webhooks;
  private final SecretBox box;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final AllowedHosts allowedHosts;
  private final Duration retryInterval;
  private final Duration lease;
  private final int maxAttempts;

  DeliveryWorker(
      WebhookRepository webhooks,
      SecretBox box,
      TransactionTemplate transactions,
      Clock clock,
      @Value("${vigil.webhooks.allowed-hosts}") String allowedHosts,
      @Value("${vigil.webhooks.poll-interval}") Duration pollInterval,
      @Value("${vigil.webhooks.retry-interval}") Duration retryInterval,
      @Value("${vigil.webhooks.lease}") Duration lease,
      @Value("${vigil.webhooks.max-attempts}") int maxAttempts) {
    // A failed poll is tried again; a delivery it claimed falls due again when its lease ends.
    super("webhook-delivery", pollInterval);
    this.webhooks = webhooks;
    this.box = box;
    this.transactions = transactions;
    this.clock = clock;
    this.allowedHosts = new AllowedHosts(allowedHosts);
    this.retryInterval = retryInterval;
    this.lease = lease;
    this.maxAttempts = maxAttempts;
  }

  /** Makes an attempt at every delivery that is due and not taken by another server. */
  @Override
  protected void runOnce() {
    for (long id : webhooks.due(now(), BATCH)) {
      // Each claim reads the clock afresh: the attempts before it may have taken a while, and a
      // lease that ended already would let another server claim the delivery too.
      OffsetDateTime now = now();
      if (webhooks.claim(id, now, now.plus(lease))) {
        attempt(webhooks.outgoing(id));
      }
    }
  }

  private void attempt(WebhookRepository.Outgoing out) {
    OffsetDateTime at = now();
    Result result = send(out, at);
    WebhookDelivery.Status status;
    OffsetDateTime next = null;
    if (result.statusCode() >= 200 && result.statusCode() < 300) {
      status = WebhookDelivery.Status.Succeeded;
    } else if (result.retryable() && out.attempt() < maxAttempts) {
      status = WebhookDelivery.Status.Pending;
      next = now().plus(backOff(out.attempt()));
    } else {
      status = WebhookDelivery.Status.Failed;
    }
    WebhookDelivery.Status outcome = status;
    OffsetDateTime nextAttempt = next;
    transactions.executeWithoutResult(
        tx ->
            webhooks.recordAttempt(
                out.id(),
                new WebhookDelivery.Attempt(out.attempt(), at, result.statusCode(), result.error()),
                outcome,
                nextAttempt));
  }

  /** The wait after attempt {@code attempt} (1-based): the retry interval, doubled each time. */
  private Duration backOff(int attempt) {
    Duration wait = retryInterval.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  /** An attempt's answer: an HTTP status, or 0 with the error when none came. */
  private record Result(int statusCode, String error, boolean retryable) {
    /** The error as the delivery log keeps it: at most as long as its column. */
    Result {
      if (error != null && error.length() > 1024) {
        error = error.substring(0, 1021) + "...";
      }
    }
  }

  /**
   * Sends one attempt. Whatever goes wrong ends in a Result, so that every claimed attempt is
   * recorded and counted: one that threw would be claimed again and again, never Failed.
   */
  private Result send(WebhookRepository.Outgoing out, OffsetDateTime at) {
    try {
      return post(out, at);
    } catch (RuntimeException e) {
      return new Result(0, "The attempt could not be made: " + e.getMessage(), false);
    }
  }

  private Result post(WebhookRepository.Outgoing out, OffsetDateTime at) {
    URI uri = URI.create(out.url());
    // Checked again here: the operator may have withdrawn the host since the webhook was saved.
    if (!allowedHosts.allows(uri)) {
      return new Result(0, "The host '" + uri.getHost() + "' is no longer allowed.", false);
    }
    String secret;
    try {
      secret = box.open(out.sealedSecret());
    } catch (IllegalStateException e) {
      // The key changed: no attempt can be signed until the webhook's secret is set again.
      return new Result(0, e.getMessage(), false);
    }
    String timestamp = String.valueOf(at.toEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Vigil-Webhooks")
            .header("X-Vigil-Event", out.eventType())
            .header("X-Vigil-Delivery", out.deliveryId())
            .header("X-Vigil-Timestamp", timestamp)
            .header("X-Vigil-Signature", "sha256=" + sign(secret, timestamp + "." + out.payload()))
            .POST(HttpRequest.BodyPublishers.ofString(out.payload(), StandardCharsets.UTF_8))
            .build();
    try {
      int status =
          client.obtain().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Result(status, null, status == 408 || status == 429 || status >= 500);
    } catch (HttpTimeoutException e) {
      return new Result(0, "No answer within " + TIMEOUT.toSeconds() + " seconds.", true);
    } catch (IOException e) {
      return new Result(0, "The connection failed: " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(0, "Vigil stopped during the attempt.", true);
    }
  }

  /** The hex HMAC-SHA256 of {@code text} keyed with {@code secret}. */
  static String sign(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private OffsetDateTime now() {
    return Times.utc(clock.instant());
  }
}
