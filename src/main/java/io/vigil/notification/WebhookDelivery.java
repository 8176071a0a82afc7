package io.vigil.notification;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One event sent to one webhook, with every attempt made. {@code deliveryId} is the same on each
 * attempt (the {@code X-Vigil-Delivery} header), so that a receiver can drop repeats; {@code
 * nextAttemptTimeUtc} is when it is tried next while Pending, null once it Succeeded or Failed.
 */
public record WebhookDelivery(
    long id,
    String deliveryId,
    Notification.Kind eventType,
    String incidentName,
    String taskName,
    Status status,
    List<Attempt> attempts,
    OffsetDateTime nextAttemptTimeUtc,
    OffsetDateTime createdTimeUtc) {

  public enum Status {
    Pending,
    Succeeded,
    Failed
  }

  /** What one attempt got: an HTTP status, or the error when no answer came (status 0). */
  public record Attempt(int attempt, OffsetDateTime timeUtc, int statusCode, String error) {}
}
