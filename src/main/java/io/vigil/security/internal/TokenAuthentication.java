package io.vigil.security.internal;

import io.vigil.security.ApiToken;
import io.vigil.security.TokenService;
import io.vigil.security.VigilUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API tokens as credentials: {@code Authorization: Bearer <token>}, or HTTP Basic with the user
 * name and a token in place of the password. The authentication's details name the token, so that
 * the audit trail can say which one acted.
 */
final class TokenAuthentication {
  private TokenAuthentication() {}

  static Authentication authenticated(VigilUser user, ApiToken token) {
    UsernamePasswordAuthenticationToken authentication =
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    authentication.setDetails(new io.vigil.shared.CallerToken(token.name()));
    return authentication;
  }

  /** Basic with a token as the password. */
  static final class BasicProvider implements AuthenticationProvider {
    private final TokenService tokens;
    private final UserRepository users;

    BasicProvider(TokenService tokens, UserRepository users) {
      this.tokens = tokens;
      this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
      Object credentials = authentication.getCredentials();
      if (!(credentials instanceof String secret) || !secret.startsWith(TokenService.PREFIX)) {
        return null; // a password: the next provider checks it
      }
      Optional<ApiToken> token = tokens.authenticate(secret);
      Optional<VigilUser> user =
          token.flatMap(t -> users.findByUsername(t.owner())).filter(VigilUser::enabled);
      if (user.isEmpty() || !user.get().username().equalsIgnoreCase(authentication.getName())) {
        throw new BadCredentialsException("Bad credentials");
      }
      return authenticated(user.get(), token.get());
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
  }

  /** {@code Authorization: Bearer <token>}. */
  static final class BearerFilter extends OncePerRequestFilter {
    private final TokenService tokens;
    private final UserRepository users;
    private final AuthenticationEntryPoint entryPoint;

    BearerFilter(TokenService tokens, UserRepository users, AuthenticationEntryPoint entryPoint) {
      this.tokens = tokens;
      this.users = users;
      this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        chain.doFilter(request, response);
        return;
      }
      Optional<ApiToken> token = tokens.authenticate(header.substring(7).trim());
      Optional<VigilUser> user =
          token.flatMap(t -> users.findByUsername(t.owner())).filter(VigilUser::enabled);
      if (user.isEmpty()) {
        SecurityContextHolder.clearContext();
        entryPoint.commence(
            request, response, new BadCredentialsException("Unknown, expired or revoked token"));
        return;
      }
      SecurityContextHolder.getContext().setAuthentication(authenticated(user.get(), token.get()));
      chain.doFilter(request, response);
    }
  }
}
