package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Signing in through an OpenID Connect provider: a small one runs in the test. */
class SingleSignOnIT extends ApiTest {
  private static final Provider PROVIDER = new Provider();

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    String prefix = "spring.security.oauth2.client.";
    registry.add(prefix + "registration.sso.client-id", () -> "vigil");
    registry.add(prefix + "registration.sso.client-secret", () -> "vigil-secret");
    registry.add(prefix + "registration.sso.scope", () -> "openid,email,profile");
    registry.add(prefix + "provider.sso.issuer-uri", PROVIDER::issuer);
  }

  @AfterAll
  static void stop() {
    PROVIDER.server.stop(0);
  }

  /** A browser that keeps cookies and follows redirects on Vigil and the provider by hand. */
  private final class Browser {
    final Map<String, String> cookies = new HashMap<>();

    Api.Response get(String url) {
      Map<String, String> headers = new HashMap<>();
      if (url.startsWith(api.baseUrl()) && !cookies.isEmpty()) {
        headers.put(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      Api.Response response = api.anonymous().sendWith("GET", url, null, headers);
      if (url.startsWith(api.baseUrl())) {
        response
            .raw()
            .headers()
            .allValues("Set-Cookie")
            .forEach(
                c -> {
                  String pair = c.split(";", 2)[0];
                  cookies.put(
                      pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                });
      }
      return response;
    }

    /** Follows redirects until a page answers, returning the last response. */
    Api.Response follow(String url) {
      Api.Response response = get(url);
      for (int i = 0; i < 10 && response.status() == 302; i++) {
        String location = response.header("Location");
        url = location.startsWith("http") ? location : api.baseUrl() + location;
        if (url.equals(api.baseUrl() + "/")) {
          return response; // signed in and sent home
        }
        response = get(url);
      }
      return response;
    }
  }

  @Test
  void aPersonSignsInThroughTheProviderAndGetsALocalAccountOnce() {
    PROVIDER.person =
        Map.of(
            "sub",
            "00u1",
            "email_verified",
            "true",
            "email",
            "grace@contoso.com",
            "name",
            "Grace Hopper",
            "preferred_username",
            "grace");
    Browser browser = new Browser();
    Api.Response end = browser.follow(api.baseUrl() + "/oauth2/authorization/sso");
    assertThat(end.status()).as(end.toString()).isEqualTo(302);
    assertThat(end.header("Location")).endsWith("/");
    Api.Response me = browser.get(api.baseUrl() + "/api/me");
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().path("name").asString()).isEqualTo("grace");
    assertThat(me.json().path("properties").path("displayName").asString())
        .isEqualTo("Grace Hopper");
    assertThat(me.json().path("properties").path("administrator").asBoolean()).isFalse();
    // A new account holds no role: it sees no workspace until an administrator assigns one.
    assertThat(browser.get(api.baseUrl() + Api.withVersion(ws + "/incidents")).status())
        .isEqualTo(404);

    // Signing in again, even under another subject, matches the account by e-mail address.
    PROVIDER.person =
        Map.of(
            "sub",
            "other-subject",
            "email",
            "GRACE@contoso.com",
            "email_verified",
            "true",
            "name",
            "Grace H.");
    Browser again = new Browser();
    again.follow(api.baseUrl() + "/oauth2/authorization/sso");
    assertThat(again.get(api.baseUrl() + "/api/me").json().path("name").asString())
        .isEqualTo("grace");
    long accounts = 0;
    for (var user : api.get("/api/users").json().path("value")) {
      if (user.path("properties")
          .path("email")
          .asString("")
          .equalsIgnoreCase("grace@contoso.com")) {
        accounts++;
      }
    }
    assertThat(accounts).isEqualTo(1);
  }

  @Test
  void aProviderUserCannotTakeOverALocalAccountByItsName() {
    PROVIDER.person = Map.of("sub", "evil-1", "preferred_username", ADMIN, "name", "Not the admin");
    Browser browser = new Browser();
    browser.follow(api.baseUrl() + "/oauth2/authorization/sso");
    Api.Response me = browser.get(api.baseUrl() + "/api/me");
    assertThat(me.json().path("name").asString()).isEqualTo(ADMIN + "-evil-1");
    assertThat(me.json().path("properties").path("administrator").asBoolean()).isFalse();
  }

  /** An OpenID Connect provider that signs in whoever {@link #person} is, without asking. */
  static final class Provider {
    final HttpServer server;
    final RSAKey key;
    volatile Map<String, String> person = Map.of();
    private final Map<String, String> nonces = new HashMap<>();

    Provider() {
      try {
        key = new RSAKeyGenerator(2048).keyID("test").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      server.createContext("/.well-known/openid-configuration", this::discovery);
      server.createContext("/authorize", this::authorize);
      server.createContext("/token", this::token);
      server.createContext("/jwks", x -> send(x, 200, new JWKSet(key.toPublicJWK()).toString()));
      server.start();
    }

    String issuer() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void discovery(HttpExchange exchange) throws IOException {
      send(
          exchange,
          200,
          """
          {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
           "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
           "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","email","profile"],
           "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}"""
              .formatted(issuer()));
    }

    private void authorize(HttpExchange exchange) throws IOException {
      Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
      String code = "code-" + System.nanoTime();
      synchronized (nonces) {
        nonces.put(code, query.get("nonce"));
      }
      exchange
          .getResponseHeaders()
          .add(
              "Location",
              query.get("redirect_uri")
                  + "?code="
                  + code
                  + "&state="
                  + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
      send(exchange, 302, "");
    }

    private void token(HttpExchange exchange) throws IOException {
      Map<String, String> form =
          parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String nonce;
      synchronized (nonces) {
        nonce = nonces.remove(form.get("code"));
      }
      try {
        JWTClaimsSet.Builder claims =
            new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience("vigil")
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000));
        person.forEach(claims::claim);
        claims.subject(person.get("sub"));
        if (nonce != null) {
          claims.claim("nonce", nonce);
        }
        SignedJWT idToken =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims.build());
        idToken.sign(new RSASSASigner(key));
        send(
            exchange,
            200,
            "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                + idToken.serialize()
                + "\"}");
      } catch (Exception e) {
        send(exchange, 500, "{}");
      }
    }

    private static Map<String, String> parse(String query) {
      Map<String, String> values = new HashMap<>();
      if (query != null) {
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            values.put(
                URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
      }
      return values;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, status == 302 ? -1 : bytes.length);
      if (status != 302) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    }
  }
}
