package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import io.vigil.support.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Browser sign-in: a form, a session, CSRF protection, logout, and slowed-down guessing. */
class LoginIT extends ApiTest {

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void aBrowserSignsInUsesItsSessionWithCsrfAndSignsOut() {
    Browser browser = new Browser(api);
    Api.Response login = browser.login(ADMIN, ADMIN_PASSWORD);
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.header("Location")).doesNotContain("error");
    assertThat(browser.send("GET", "/api/me", null, Map.of()).json().path("name").asString())
        .isEqualTo(ADMIN);

    createIncident("inc", "Phishing");
    String task = "{\"properties\":{\"title\":\"T\",\"status\":\"New\"}}";
    // The page holds the token from its first request after signing in, before any change.
    String token = browser.cookies.get("XSRF-TOKEN");
    assertThat(token).isNotNull();
    Api.Response forged =
        browser.send("PUT", Api.withVersion(ws + "/incidents/inc/tasks/t1"), task, Map.of());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("error").path("code").asString()).isEqualTo("CsrfTokenInvalid");
    assertThat(api.get(ws + "/incidents/inc/tasks/t1").status()).isEqualTo(404);

    Api.Response allowed =
        browser.send(
            "PUT",
            Api.withVersion(ws + "/incidents/inc/tasks/t1"),
            task,
            Map.of("X-XSRF-TOKEN", token));
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);

    Api.Response logout =
        browser.send(
            "POST",
            "/logout",
            "_csrf=" + token,
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(logout.status()).isIn(204, 302);
    assertThat(browser.send("GET", "/api/me", null, Map.of()).status()).isEqualTo(401);
  }

  @Test
  void disablingAnAccountEndsItsSessionsAtOnce() {
    String user = "session-" + UUID.randomUUID().toString().substring(0, 6);
    api.put("/api/users/" + user, "{\"properties\":{\"password\":\"a-session-passphrase\"}}");
    Browser browser = new Browser(api);
    assertThat(browser.login(user, "a-session-passphrase").status()).isEqualTo(302);
    assertThat(browser.send("GET", "/api/me", null, Map.of()).status()).isEqualTo(200);
    api.put("/api/users/" + user, "{\"properties\":{\"enabled\":false}}");
    assertThat(browser.send("GET", "/api/me", null, Map.of()).status()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordIsRefusedAndAnAnonymousBrowserIsSentToTheLoginPage() {
    Browser browser = new Browser(api);
    Api.Response login = browser.login(ADMIN, "wrong-password");
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.header("Location")).contains("/login?error");
    Api.Response page = browser.send("GET", "/", null, Map.of("Accept", "text/html"));
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location")).endsWith("/login");
  }

  @Test
  void repeatedFailedSignInsAreSlowedDownAndReported() {
    String user = "target-" + UUID.randomUUID().toString().substring(0, 6);
    api.put("/api/users/" + user, "{\"properties\":{\"password\":\"the-real-passphrase\"}}");
    Api guesser = api.as(user, "guess");
    for (int i = 0; i < LoginThrottleTestAccess.FREE_FAILURES; i++) {
      assertThat(guesser.get("/api/me").status()).isEqualTo(401);
    }
    Api.Response throttled = api.as(user, "the-real-passphrase").get("/api/me");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
    assertThat(throttled.json().path("error").path("code").asString())
        .isEqualTo("TooManySignInAttempts");
    assertThat(
            api.get("/api/audit?resource=" + Api.encode("/api/users/" + user))
                .json()
                .path("value")
                .toString())
        .contains("SignInThrottled");
  }

  /** The threshold, as the server applies it. */
  static final class LoginThrottleTestAccess {
    static final int FREE_FAILURES = 5;
  }
}
