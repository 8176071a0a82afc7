package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import org.junit.jupiter.api.Test;

/** Security headers on every response, and errors that reveal no internals. */
class HeadersIT extends ApiTest {

  private static void assertSecurityHeaders(Api.Response response) {
    assertThat(response.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    assertSecurityHeaders(api.get(ws + "/incidents"));
    assertSecurityHeaders(api.get(ws + "/incidents/missing"));
    assertSecurityHeaders(api.anonymous().get(ws + "/incidents"));
    assertSecurityHeaders(api.put(ws + "/incidents/x", "{not json"));
  }

  @Test
  void errorsRevealNoStackTraceOrSql() {
    Api.Response bad = api.put(ws + "/incidents/x", "{\"properties\":{\"title\":{\"a\":1}}}");
    assertThat(bad.body())
        .doesNotContain("Exception")
        .doesNotContain("at io.")
        .doesNotContain("SELECT");
    Api.Response badToken = api.get(ws + "/incidents?$skipToken=%00%01");
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.body()).doesNotContain("Exception");
  }
}
