package io.vigil.security.internal;

import io.vigil.security.TokenService;
import io.vigil.shared.web.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every call is authenticated: HTTP Basic or an API token for scripts and machines, a form login
 * with a session (and CSRF protection) for browsers. Only the health probe and the login page are
 * open. Authorisation beyond "signed in" is per method ({@code @PreAuthorize}), which matches
 * exactly the handler that runs, whatever the letter case of the path.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      UserDetailsService userDetails,
      PasswordEncoder encoder,
      TokenService tokens,
      UserRepository users,
      LoginThrottle throttle,
      ObjectProvider<ClientRegistrationRepository> singleSignOnProviders,
      SingleSignOn singleSignOn)
      throws Exception {
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetails);
    passwords.setPasswordEncoder(encoder);
    AuthenticationEntryPoint unauthorized =
        (request, response, e) ->
            write(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "AuthenticationFailed",
                "Authentication is required: send HTTP Basic credentials or an API token of a"
                    + " Vigil user.");
    // API clients (paths under /subscriptions and /api) get JSON errors; browsers the login page.
    RequestMatcher api =
        request -> {
          String path = request.getRequestURI().toLowerCase(java.util.Locale.ROOT);
          return path.startsWith("/subscriptions/") || path.startsWith("/api/");
        };
    // Tokens are tried before passwords; OpenID Connect adds its own provider when configured.
    http.authenticationProvider(new TokenAuthentication.BasicProvider(tokens, users))
        .authenticationProvider(passwords)
        .addFilterBefore(throttle, BasicAuthenticationFilter.class)
        .addFilterAfter(new SessionRefresh(users), SecurityContextHolderFilter.class)
        .addFilterAfter(csrfCookie(), CsrfFilter.class)
        .addFilterBefore(
            new TokenAuthentication.BearerFilter(tokens, users, unauthorized),
            BasicAuthenticationFilter.class)
        // Browsers sign in with a form and keep a session; its state-changing requests need the
        // CSRF token (cookie XSRF-TOKEN, sent back as header X-XSRF-TOKEN), and so does the login
        // form. Requests that carry their own credentials (Basic, Bearer), or no session at all,
        // have no cookie to forge and need none; unauthenticated ones then get a clean 401.
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .ignoringRequestMatchers(
                        request ->
                            request.getHeader("Authorization") != null
                                || (request.getRequestedSessionId() == null
                                    && !request.getRequestURI().equals("/login")
                                    && !request.getRequestURI().equals("/logout"))))
        .formLogin(form -> form.permitAll())
        .logout(logout -> logout.permitAll())
        .headers(
            headers ->
                headers
                    // No inline script, no framing, no plugins: what users write cannot run.
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; object-src 'none';"
                                    + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy
                                    .STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .defaultAuthenticationEntryPointFor(unauthorized, api)
                    .accessDeniedHandler(
                        (request, response, e) ->
                            write(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                e instanceof CsrfException
                                    ? "CsrfTokenInvalid"
                                    : "AuthorizationFailed",
                                e instanceof CsrfException
                                    ? "Send the CSRF token of your session (cookie XSRF-TOKEN) in"
                                        + " the X-XSRF-TOKEN header."
                                    : "You are not allowed to perform this operation.")));
    if (singleSignOnProviders.getIfAvailable() != null) {
      // Configured OpenID Connect providers appear on the login page beside the form.
      http.oauth2Login(
          oidc ->
              oidc.successHandler(singleSignOn)
                  .failureHandler(
                      (request, response, e) -> {
                        log.warn("Single sign-on failed: {}", e.getMessage());
                        response.sendRedirect("/login?error");
                      }));
    }
    return http.build();
  }

  /**
   * Hands browsers the CSRF token on every response: Spring Security creates it lazily and renews
   * it at sign-in, so a page would otherwise lack it for its first change after signing in.
   */
  private static OncePerRequestFilter csrfCookie() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws jakarta.servlet.ServletException, IOException {
        if (request.getHeader("Authorization") == null
            && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
          token.getToken(); // loading it writes the XSRF-TOKEN cookie
        }
        chain.doFilter(request, response);
      }
    };
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  private static void write(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Vigil\"");
    }
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write(ErrorBody.of(code, message).toJson());
  }
}
