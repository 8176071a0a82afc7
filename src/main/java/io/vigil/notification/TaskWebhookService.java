package io.vigil.notification;

import io.vigil.incident.IncidentService;
import io.vigil.notification.internal.WebhookRepository;
import io.vigil.shared.AllowedHosts;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.SecretBox;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outgoing webhooks of workspaces. A webhook may only point at a host the operator allows
 * ({@code VIGIL_WEBHOOK_ALLOWED_HOSTS}); its secret is sealed at rest and never answered.
 */
@Service
public class TaskWebhookService {
  public static final int MIN_SECRET = 16;
  public static final int MAX_SECRET = 256;

  private final WebhookRepository webhooks;
  private final SecretBox box;
  private final AllowedHosts allowedHosts;
  private final Clock clock;

  TaskWebhookService(
      WebhookRepository webhooks,
      SecretBox box,
      @Value("${vigil.webhooks.allowed-hosts}") String allowedHosts,
      Clock clock) {
    this.webhooks = webhooks;
    this.box = box;
    this.allowedHosts = new AllowedHosts(allowedHosts);
    this.clock = clock;
  }

  /**
   * What a webhook says. {@code secret} null keeps the stored one (and is refused for a new
   * webhook).
   */
  public record Input(
      String url, Set<Notification.Kind> eventTypes, boolean enabled, String secret) {}

  public record Saved(TaskWebhook webhook, boolean created) {}

  @Transactional
  public Saved put(Workspace workspace, String name, Input input, String expectedEtag) {
    IncidentService.checkName("taskWebhookName", name);
    checkUrl(input.url());
    if (input.eventTypes().isEmpty()) {
      throw JsonInput.invalid("properties.eventTypes", "must name at least one event type");
    }
    if (input.secret() != null && input.secret().length() < MIN_SECRET) {
      throw JsonInput.invalid(
          "properties.secret", "must be at least " + MIN_SECRET + " characters long");
    }
    Optional<TaskWebhook> existing = webhooks.find(workspace.id(), name);
    Etags.check(expectedEtag, existing.map(TaskWebhook::etag).orElse(null));
    String sealed = input.secret() == null ? null : box.seal(input.secret());
    OffsetDateTime now = Times.utc(clock.instant());
    if (existing.isEmpty()) {
      if (sealed == null) {
        throw JsonInput.missing("properties.secret");
      }
      webhooks.insert(
          new TaskWebhook(
              0,
              workspace.id(),
              name,
              Etags.next(),
              input.url(),
              input.eventTypes(),
              input.enabled(),
              now,
              now),
          sealed);
    } else {
      TaskWebhook old = existing.get();
      webhooks.update(
          new TaskWebhook(
              old.id(),
              old.workspaceId(),
              old.name(),
              Etags.next(),
              input.url(),
              input.eventTypes(),
              input.enabled(),
              old.createdTimeUtc(),
              now),
          sealed);
    }
    return new Saved(webhooks.find(workspace.id(), name).orElseThrow(), existing.isEmpty());
  }

  /** A 400 naming {@code properties.url} unless it is an http(s) URL of an allowed host. */
  private void checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw JsonInput.invalid("properties.url", "is not a valid URL");
    }
    if (uri.getHost() == null || !AllowedHosts.isHttp(uri)) {
      throw JsonInput.invalid("properties.url", "must be an absolute http or https URL");
    }
    if (!allowedHosts.allows(uri)) {
      throw JsonInput.invalid(
          "properties.url",
          "names the host '"
              + uri.getHost()
              + "', which webhooks may not call; an operator can allow it with"
              + " VIGIL_WEBHOOK_ALLOWED_HOSTS");
    }
  }

  @Transactional(readOnly = true)
  public TaskWebhook get(Workspace workspace, String name) {
    return webhooks
        .find(workspace.id(), name)
        .orElseThrow(() -> ApiException.notFound("The webhook '" + name + "' was not found."));
  }

  @Transactional(readOnly = true)
  public Page<TaskWebhook> list(Workspace workspace, int top, String skipToken) {
    return webhooks.list(workspace.id(), top, skipToken);
  }

  /** Deletes the webhook and its delivery log; false when there was none. */
  @Transactional
  public boolean delete(Workspace workspace, String name) {
    Optional<TaskWebhook> existing = webhooks.find(workspace.id(), name);
    existing.ifPresent(w -> webhooks.delete(w.id()));
    return existing.isPresent();
  }

  /** The webhook's delivery log, newest first. */
  @Transactional(readOnly = true)
  public Page<WebhookDelivery> deliveries(
      Workspace workspace, String name, int top, String skipToken) {
    return webhooks.deliveries(get(workspace, name).id(), top, skipToken);
  }
}
