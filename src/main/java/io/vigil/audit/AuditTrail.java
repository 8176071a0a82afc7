package io.vigil.audit;

import io.vigil.audit.internal.AuditRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.CallerToken;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records writes in the caller's transaction, so that a record exists exactly when its write does.
 * The client address and the token come from the request being served, if any.
 */
@Service
public class AuditTrail {
  /** Fields whose values never reach the trail. */
  private static final Set<String> SECRETS = Set.of("password", "secret", "token", "clientSecret");

  private final AuditRepository repository;
  private final Clock clock;

  AuditTrail(AuditRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /**
   * Records that {@code actor} did {@code action} (e.g. {@code UserUpdated}) to {@code resourceId};
   * {@code changes} maps each changed field to {@code {old, new}} or a value.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(Actor actor, String action, String resourceId, Map<String, ?> changes) {
    String address = null;
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      HttpServletRequest servlet = request.getRequest();
      address = servlet.getRemoteAddr();
    }
    String token = null;
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getDetails() instanceof CallerToken caller) {
      token = caller.tokenName();
    }
    repository.insert(
        Times.utc(clock.instant()), actor, token, address, action, resourceId, masked(changes));
  }

  /** Records matching every given filter, oldest first. */
  @Transactional(readOnly = true)
  public Page<AuditRecord> query(
      String actor,
      String resourcePrefix,
      OffsetDateTime from,
      OffsetDateTime to,
      int top,
      String skipToken) {
    return repository.query(actor, resourcePrefix, from, to, top, skipToken);
  }

  /** A changed value, old and new, as {@link #record} takes it; either may be null. */
  public static Map<String, Object> change(Object old, Object now) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("old", old);
    change.put("new", now);
    return change;
  }

  private static Map<String, Object> masked(Map<String, ?> changes) {
    Map<String, Object> masked = new LinkedHashMap<>();
    changes.forEach((field, value) -> masked.put(field, SECRETS.contains(field) ? "***" : value));
    return masked;
  }
}
