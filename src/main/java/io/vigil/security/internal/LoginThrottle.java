package io.vigil.security.internal;

import io.vigil.audit.AuditTrail;
import io.vigil.shared.Actor;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.web.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing: after {@value #FREE_FAILURES} failed sign-ins in a row for a user name, or
 * {@value #FREE_FAILURES_PER_ADDRESS} from one client address (many users may share one, behind a
 * proxy), further attempts are refused with 429 for a time that doubles with each failure (up to 15
 * minutes), without checking the credentials. Each lock-out is logged and audited. A successful
 * sign-in clears the user name's count.
 */
@Component
class LoginThrottle extends OncePerRequestFilter {
  static final int FREE_FAILURES = 5;
  static final int FREE_FAILURES_PER_ADDRESS = 50;
  private static final Duration MAX_WAIT = Duration.ofMinutes(15);
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private record Failures(int count, Instant last) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;
  private final AuditTrail audit;
  private final TransactionTemplate transaction;

  LoginThrottle(Clock clock, AuditTrail audit, PlatformTransactionManager transactions) {
    this.clock = clock;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    String user = "user:" + event.getAuthentication().getName().toLowerCase(Locale.ROOT);
    String address = address(event.getAuthentication().getDetails());
    int count = fail(user);
    int fromAddress = address == null ? 0 : fail(address);
    if (count == FREE_FAILURES || fromAddress == FREE_FAILURES_PER_ADDRESS) {
      log.warn(
          "Repeated failed sign-ins for '{}' from {}; slowing down further attempts",
          event.getAuthentication().getName(),
          address);
      transaction.executeWithoutResult(
          status ->
              audit.record(
                  new Actor(
                      Actor.Type.User,
                      new ClientInfo(null, event.getAuthentication().getName(), null, null)),
                  "SignInThrottled",
                  "/api/users/" + event.getAuthentication().getName(),
                  Map.of("failedAttempts", FREE_FAILURES)));
    }
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    failures.remove("user:" + event.getAuthentication().getName().toLowerCase(Locale.ROOT));
  }

  /** Counts a failure; failures older than the longest wait are forgotten. */
  private int fail(String key) {
    Instant now = clock.instant();
    if (failures.size() > 10_000) {
      failures.values().removeIf(f -> f.last().isBefore(now.minus(MAX_WAIT)));
    }
    return failures
        .merge(
            key,
            new Failures(1, now),
            (old, one) ->
                old.last().isBefore(now.minus(MAX_WAIT)) ? one : new Failures(old.count() + 1, now))
        .count();
  }

  /** Until when attempts for this key are refused, or null. */
  private Instant lockedUntil(String key, int free) {
    Failures f = failures.get(key);
    if (f == null || f.count() < free) {
      return null;
    }
    long seconds = Math.min(1L << Math.min(f.count() - free, 20), MAX_WAIT.toSeconds());
    Instant until = f.last().plusSeconds(seconds);
    return until.isAfter(clock.instant()) ? until : null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = attemptedUser(request);
    if (user != null) {
      Instant until = lockedUntil("user:" + user.toLowerCase(Locale.ROOT), FREE_FAILURES);
      Instant byAddress =
          lockedUntil("address:" + request.getRemoteAddr(), FREE_FAILURES_PER_ADDRESS);
      if (until == null || (byAddress != null && byAddress.isAfter(until))) {
        until = byAddress;
      }
      if (until != null) {
        long wait = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(wait));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response
            .getWriter()
            .write(
                ErrorBody.of(
                        "TooManySignInAttempts",
                        "Too many failed sign-ins; try again in " + wait + " seconds.")
                    .toJson());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** The user name a request tries to sign in as: HTTP Basic, or the login form. */
  private static String attemptedUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if ("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI())) {
      return request.getParameter("username");
    }
    return null;
  }

  private static String address(Object details) {
    return details instanceof WebAuthenticationDetails web
        ? "address:" + web.getRemoteAddress()
        : null;
  }
}
