package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.ApiTest;
import io.vigil.support.Browser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A browser session ends after the configured time without a request, and not before. */
@TestPropertySource(properties = "vigil.session-timeout=PT3S")
@DirtiesContext // nothing else uses this server: free its connections
class SessionTimeoutIT extends ApiTest {

  @Test
  void aSessionIdleLongerThanTheTimeoutIsSignedOut() throws InterruptedException {
    Browser browser = new Browser(api);
    assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(302);
    // Requests within the timeout keep the session alive.
    for (int i = 0; i < 3; i++) {
      assertThat(browser.send("GET", "/api/me", null, Map.of()).status()).isEqualTo(200);
      Thread.sleep(1500);
    }
    assertThat(browser.send("GET", "/api/me", null, Map.of()).status()).isEqualTo(200);
    Thread.sleep(4500);
    assertThat(browser.send("GET", "/api/me", null, Map.of()).status()).isEqualTo(401);
  }
}
