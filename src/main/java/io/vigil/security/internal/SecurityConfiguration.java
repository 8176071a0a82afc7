package io.vigil.security.internal;

import io.vigil.security.TokenService;
import io.vigil.shared.web.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The API authenticates every call with HTTP Basic against the stored accounts; only the health
 * probe is open. Authorisation beyond "signed in" is per method ({@code @PreAuthorize}), which
 * matches exactly the handler that runs, whatever the letter case of the path.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      UserDetailsService userDetails,
      PasswordEncoder encoder,
      TokenService tokens,
      UserRepository users)
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
    http.authenticationManager(
            new ProviderManager(new TokenAuthentication.BasicProvider(tokens, users), passwords))
        .addFilterBefore(
            new TokenAuthentication.BearerFilter(tokens, users, unauthorized),
            BasicAuthenticationFilter.class)
        .csrf(csrf -> csrf.disable()) // stateless Basic and tokens: no session cookie to forge
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
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(
                        (request, response, e) ->
                            write(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                "AuthorizationFailed",
                                "You are not allowed to perform this operation.")));
    return http.build();
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
