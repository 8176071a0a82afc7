package io.vigil.security.internal;

import io.vigil.audit.AuditTrail;
import io.vigil.security.VigilUser;
import io.vigil.shared.Times;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single sign-on through an OpenID Connect provider, when one is configured: the signed-in person
 * is matched to a local account by their verified e-mail address, and an account is created when
 * none matches — named after {@code preferred_username}, suffixed with the subject when that name
 * is taken so that no existing account can be taken over — with no roles and no usable password, so
 * an administrator decides what it may see. The session then carries the local account, as after a
 * form login.
 */
@Component
class SingleSignOn implements AuthenticationSuccessHandler {
  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final AuditTrail audit;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final HttpSessionSecurityContextRepository sessions =
      new HttpSessionSecurityContextRepository();

  SingleSignOn(
      UserRepository users,
      PasswordEncoder encoder,
      AuditTrail audit,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.users = users;
    this.encoder = encoder;
    this.audit = audit;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    OidcUser person = (OidcUser) authentication.getPrincipal();
    VigilUser user = transaction.execute(status -> account(person));
    if (user == null || !user.enabled()) {
      SecurityContextHolder.clearContext();
      response.sendRedirect("/login?error");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
    response.sendRedirect("/");
  }

  /** The local account of the person, created on their first sign-in. */
  VigilUser account(OidcUser person) {
    String email = person.getEmail();
    // Only an address the provider has verified identifies an existing account.
    boolean verified = Boolean.TRUE.equals(person.getEmailVerified());
    Optional<VigilUser> existing =
        email == null || !verified ? Optional.empty() : users.findByEmail(email);
    if (existing.isPresent()) {
      return existing.get();
    }
    // A new account never takes over the name of another: the subject tells them apart.
    String wanted =
        person.getPreferredUsername() != null
            ? person.getPreferredUsername()
            : email != null ? email : person.getSubject();
    String username = wanted.replaceAll("[^A-Za-z0-9._@-]", "-");
    String subjectSuffix = "-" + person.getSubject().replaceAll("[^A-Za-z0-9._@-]", "-");
    if (users.findByUsername(username).isPresent()) {
      username = username + subjectSuffix;
    }
    if (users.findByUsername(username).isPresent()) {
      return users.findByUsername(username).get(); // the same subject, signing in again
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    users.insert(
        username,
        encoder.encode(Base64.getEncoder().encodeToString(random)), // never told to anyone
        person.getFullName() != null ? person.getFullName() : username,
        verified ? email : null,
        false,
        Times.utc(clock.instant()));
    VigilUser created = users.findByUsername(username).orElseThrow();
    audit.record(
        created.actor(),
        "UserCreated",
        "/api/users/" + created.username(),
        Map.of("signIn", "OpenID Connect", "issuer", String.valueOf(person.getIssuer())));
    return created;
  }
}
