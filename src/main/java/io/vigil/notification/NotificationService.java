package io.vigil.notification;

import io.vigil.notification.internal.NotificationRepository;
import io.vigil.shared.ApiException;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own notifications. Each call names the user, and nothing here reaches another user's:
 * someone else's notification is answered as not found.
 */
@Service
public class NotificationService {
  private final NotificationRepository notifications;
  private final Clock clock;

  NotificationService(NotificationRepository notifications, Clock clock) {
    this.notifications = notifications;
    this.clock = clock;
  }

  /** A page of the user's notifications, newest first; only unread ones if asked. */
  @Transactional(readOnly = true)
  public Page<Notification> list(String user, boolean unreadOnly, int top, String skipToken) {
    return notifications.list(user, unreadOnly, top, skipToken);
  }

  @Transactional(readOnly = true)
  public long unreadCount(String user) {
    return notifications.unreadCount(user);
  }

  /** Marks one of the user's notifications read and answers it. */
  @Transactional
  public Notification markRead(String user, String id) {
    long key = id(id);
    notifications.markRead(user, key, Times.utc(clock.instant()));
    return notifications.find(user, key).orElseThrow(() -> notFound(id));
  }

  /** Marks all of the user's notifications read; answers how many were unread. */
  @Transactional
  public int markAllRead(String user) {
    return notifications.markAllRead(user, Times.utc(clock.instant()));
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw notFound(id);
    }
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("The notification '" + id + "' was not found.");
  }
}
