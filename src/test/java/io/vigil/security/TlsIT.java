package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.VigilApplication;
import io.vigil.support.ApiTest;
import io.vigil.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TLS configured as docs/security.md says (Spring Boot's server.ssl settings with a PKCS #12 key
 * store): Vigil serves HTTPS with that certificate, sends Strict-Transport-Security, and does not
 * answer plain HTTP on the port.
 */
@SpringBootTest(
    classes = VigilApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // nothing else uses this server: free its connections
class TlsIT {
  private static final String PASSWORD = "changeit";
  private static Path keyStore;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("vigil.db.url", TestDatabase::url);
    registry.add("vigil.db.user", TestDatabase::user);
    registry.add("vigil.db.password", () -> "");
    registry.add("vigil.db.pool-size", () -> "4");
    registry.add("vigil.admin.user", () -> ApiTest.ADMIN);
    registry.add("vigil.admin.password", () -> ApiTest.ADMIN_PASSWORD);
    registry.add("vigil.secret-key", () -> ApiTest.SECRET_KEY);
    registry.add("server.ssl.enabled", () -> "true");
    registry.add("server.ssl.key-store", () -> keyStore().toString());
    registry.add("server.ssl.key-store-password", () -> PASSWORD);
    registry.add("server.ssl.key-store-type", () -> "PKCS12");
  }

  /** A self-signed certificate for localhost, made with the JDK's keytool. */
  private static synchronized Path keyStore() {
    if (keyStore == null) {
      try {
        Path dir = Files.createTempDirectory("vigil-tls");
        Path file = dir.resolve("keystore.p12");
        Process keytool =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "vigil",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    file.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
          throw new IllegalStateException("keytool failed: " + output);
        }
        keyStore = file;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return keyStore;
  }

  private HttpClient trustingTheCertificate() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore())) {
      store.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  @Test
  void servesHttpsWithTheConfiguredCertificate() throws Exception {
    HttpResponse<String> me =
        trustingTheCertificate()
            .send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/me"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (ApiTest.ADMIN + ":" + ApiTest.ADMIN_PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains(ApiTest.ADMIN);
    assertThat(me.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(me.sslSession()).isPresent();
    assertThat(me.sslSession().get().getPeerCertificates()).isNotEmpty();
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create("https://localhost:" + port + "/actuator/health"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void plainHttpIsNotServed() throws Exception {
    HttpResponse<String> plain;
    try {
      plain =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/actuator/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException refused) {
      return; // the connection was closed: nothing served in plain text
    }
    // Tomcat answers a plain request on a TLS port with 400 and no content of Vigil's.
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(List.of(plain.body())).noneMatch(b -> b.contains("UP"));
  }
}
