package io.vigil.security.internal;

import io.vigil.security.VigilUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps browser sessions true to the account: each request of a session reads the account again, so
 * that disabling, deleting or demoting it, or changing its password, takes effect at once rather
 * than when the session times out.
 */
class SessionRefresh extends OncePerRequestFilter {
  private final UserRepository users;
  private final HttpSessionSecurityContextRepository sessions =
      new HttpSessionSecurityContextRepository();

  SessionRefresh(UserRepository users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (session != null
        && request.getHeader("Authorization") == null
        && authentication != null
        && authentication.getPrincipal() instanceof VigilUser user) {
      Optional<VigilUser> current =
          users
              .findByUsername(user.username())
              .filter(VigilUser::enabled)
              .filter(fresh -> fresh.passwordHash().equals(user.passwordHash()));
      if (current.isEmpty()) {
        SecurityContextHolder.clearContext();
        session.invalidate();
      } else if (!current.get().equals(user)) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                current.get(), null, current.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
      }
    }
    chain.doFilter(request, response);
  }
}
