package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser for tests: keeps cookies between requests and signs in with the login form. */
public final class Browser {
  private final Api api;

  public Browser(Api api) {
    this.api = api;
  }

  public final Map<String, String> cookies = new HashMap<>();

  public Api.Response send(String method, String path, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    if (!cookies.isEmpty()) {
      all.put(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    Api.Response response = api.anonymous().sendWith(method, path, body, all);
    response
        .raw()
        .headers()
        .allValues("Set-Cookie")
        .forEach(
            c -> {
              String pair = c.split(";", 2)[0];
              int eq = pair.indexOf('=');
              cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            });
    return response;
  }

  public Api.Response login(String user, String password) {
    Api.Response page = send("GET", "/login", null, Map.of());
    Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).as(page.body()).isTrue();
    return send(
        "POST",
        "/login",
        "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + csrf.group(1),
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
