package io.vigil.security.internal;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ends browser sessions after {@code VIGIL_SESSION_TIMEOUT} without a request. Set on each session
 * rather than through the container, whose setting counts only whole minutes.
 */
@Component
class SessionTimeout implements HttpSessionListener {
  private final int seconds;

  SessionTimeout(@Value("${vigil.session-timeout}") Duration timeout) {
    this.seconds = (int) Math.max(1, timeout.toSeconds());
  }

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    event.getSession().setMaxInactiveInterval(seconds);
  }
}
