package io.vigil.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vigil.notification.internal.WebhookRepository;
import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import io.vigil.support.FakeService;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outgoing task webhooks: configuring them (the URL's host must be allowed, the secret is never
 * returned), and delivery — signed, retried on 5xx with the same delivery id, given up at once on
 * other 4xx, logged attempt by attempt, and each attempt made by one server only.
 */
class TaskWebhookIT extends ApiTest {
  private static final String SECRET = "whsec-a-long-shared-secret";

  @Autowired WebhookRepository outbox;
  @Autowired JdbcClient jdbc;

  private String webhook(String name, String url, String eventTypes) {
    return """
        {"properties":{"url":"%s","eventTypes":%s,"secret":"%s"}}"""
        .formatted(url, eventTypes, SECRET);
  }

  private void assignTask(String task) {
    Api.Response response =
        api.put(
            ws + "/incidents/inc/tasks/" + task,
            "{\"properties\":{\"title\":\"Block the sender\",\"status\":\"New\","
                + "\"assignedTo\":{\"type\":\"Role\",\"name\":\"Responder\"}}}");
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  /** The webhook's deliveries once the first one is no longer Pending. */
  private JsonNode settled(String name) throws InterruptedException {
    JsonNode deliveries = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      deliveries = api.get(ws + "/taskWebhooks/" + name + "/deliveries").json().path("value");
      if (!deliveries.isEmpty()
          && !deliveries.get(0).path("properties").path("status").asString().equals("Pending")) {
        return deliveries;
      }
      Thread.sleep(100);
    }
    return deliveries;
  }

  private static String hmac(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aDeliveryIsSignedRetriedOnServerErrorsAndLogged() throws Exception {
    // A receiver that fails twice, then takes the delivery.
    AtomicInteger calls = new AtomicInteger();
    List<FakeService.Request> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new FakeService.Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  java.util.Map.copyOf(exchange.getRequestHeaders()),
                  body));
          exchange.sendResponseHeaders(calls.incrementAndGet() <= 2 ? 500 : 200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      Api.Response created =
          api.put(ws + "/taskWebhooks/soar", webhook("soar", url, "[\"TaskAssigned\"]"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      JsonNode properties = created.json().path("properties");
      assertThat(properties.path("secretSet").asBoolean()).isTrue();
      assertThat(properties.path("enabled").asBoolean()).isTrue();
      assertThat(created.body()).doesNotContain(SECRET);
      assertThat(api.get(ws + "/taskWebhooks/soar").body()).doesNotContain(SECRET);
      assertThat(api.get(ws + "/taskWebhooks").body()).doesNotContain(SECRET);

      createIncident("inc", "Phishing");
      assignTask("block");

      JsonNode deliveries = settled("soar");
      assertThat(deliveries).hasSize(1);
      JsonNode delivery = deliveries.get(0).path("properties");
      assertThat(delivery.path("status").asString()).isEqualTo("Succeeded");
      assertThat(delivery.path("eventType").asString()).isEqualTo("TaskAssigned");
      assertThat(delivery.path("taskName").asString()).isEqualTo("block");
      assertThat(delivery.has("nextAttemptTimeUtc")).isFalse();
      JsonNode attempts = delivery.path("attempts");
      assertThat(attempts).hasSize(3);
      assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(500);
      assertThat(attempts.get(1).path("statusCode").asInt()).isEqualTo(500);
      assertThat(attempts.get(2).path("statusCode").asInt()).isEqualTo(200);
      assertThat(attempts.get(2).path("attempt").asInt()).isEqualTo(3);
      assertThat(attempts.get(0).path("timeUtc").isString()).isTrue();

      assertThat(received).hasSize(3);
      String deliveryId = deliveries.get(0).path("name").asString();
      for (FakeService.Request request : received) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("X-Vigil-Event")).isEqualTo("TaskAssigned");
        assertThat(request.header("X-Vigil-Delivery")).isEqualTo(deliveryId);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        // What a receiver does: recompute the signature over "<timestamp>.<body>".
        String expected =
            "sha256=" + hmac(SECRET, request.header("X-Vigil-Timestamp") + "." + request.body());
        assertThat(request.header("X-Vigil-Signature")).isEqualTo(expected);
        assertThat(request.body()).isEqualTo(received.get(0).body());
      }
      assertThat(hmac("another-secret-entirely", received.get(0).body()))
          .isNotEqualTo(received.get(0).header("X-Vigil-Signature").substring(7));

      JsonNode body = JsonMapper.builder().build().readTree(received.get(0).body());
      assertThat(body.path("id").asString()).isEqualTo(deliveryId);
      assertThat(body.path("eventType").asString()).isEqualTo("TaskAssigned");
      assertThat(body.path("occurredTimeUtc").isString()).isTrue();
      assertThat(body.path("workspace").path("name").asString()).isEqualTo(workspaceName);
      assertThat(body.path("incident").path("name").asString()).isEqualTo("inc");
      assertThat(body.path("incident").path("incidentNumber").asLong()).isEqualTo(1);
      assertThat(body.path("incident").path("title").asString()).isEqualTo("Phishing");
      assertThat(body.path("task").path("name").asString()).isEqualTo("block");
      assertThat(body.path("task").path("properties").path("title").asString())
          .isEqualTo("Block the sender");
      assertThat(body.path("task").path("properties").path("assignedTo").path("name").asString())
          .isEqualTo("Responder");
      assertThat(body.path("actor").path("type").asString()).isEqualTo("User");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aClientErrorFailsTheDeliveryAtOnceAndOnlySubscribedEventsAreSent() throws Exception {
    try (FakeService receiver = new FakeService()) {
      receiver.answer("/rejects", 400);
      api.put(
          ws + "/taskWebhooks/rejects",
          webhook("rejects", receiver.url() + "/rejects", "[\"TaskAssigned\"]"));
      api.put(
          ws + "/taskWebhooks/overdue-only",
          webhook("overdue-only", receiver.url() + "/overdue", "[\"TaskOverdue\"]"));
      String disabled =
          """
          {"properties":{"url":"%s","eventTypes":["TaskAssigned"],"enabled":false,"secret":"%s"}}"""
              .formatted(receiver.url() + "/disabled", SECRET);
      assertThat(api.put(ws + "/taskWebhooks/off", disabled).status()).isEqualTo(201);
      createIncident("inc", "Phishing");
      assignTask("block");

      JsonNode deliveries = settled("rejects");
      assertThat(deliveries).hasSize(1);
      JsonNode delivery = deliveries.get(0).path("properties");
      assertThat(delivery.path("status").asString()).isEqualTo("Failed");
      assertThat(delivery.path("attempts")).hasSize(1);
      assertThat(delivery.path("attempts").get(0).path("statusCode").asInt()).isEqualTo(400);
      Thread.sleep(500); // long enough for a wrong retry to have happened
      assertThat(receiver.requests("/rejects")).hasSize(1);
      assertThat(receiver.requests("/overdue")).isEmpty();
      assertThat(receiver.requests("/disabled")).isEmpty();
      assertThat(api.get(ws + "/taskWebhooks/overdue-only/deliveries").json().path("value"))
          .isEmpty();
    }
  }

  @Test
  void theDeliveriesOfADisabledWebhookWaitUntilItIsEnabledAgain() throws Exception {
    try (FakeService receiver = new FakeService()) {
      receiver.answer("/paused", 503);
      api.put(
          ws + "/taskWebhooks/paused",
          webhook("paused", receiver.url() + "/paused", "[\"TaskAssigned\"]"));
      createIncident("inc", "Phishing");
      assignTask("block");
      for (int i = 0; i < 100 && receiver.requests("/paused").isEmpty(); i++) {
        Thread.sleep(20);
      }
      api.put(
          ws + "/taskWebhooks/paused",
          """
          {"properties":{"url":"%s","eventTypes":["TaskAssigned"],"enabled":false}}"""
              .formatted(receiver.url() + "/paused"));
      Thread.sleep(300);
      int sent = receiver.requests("/paused").size();
      receiver.answer("/paused", 200);
      // Due now: only its webhook being disabled holds it back.
      jdbc.sql(
              "UPDATE webhook_delivery SET next_attempt_time = ? WHERE next_attempt_time IS NOT NULL"
                  + " AND webhook_id IN (SELECT id FROM task_webhook WHERE url = ?)")
          .params(java.time.OffsetDateTime.now().minusMinutes(1), receiver.url() + "/paused")
          .update();
      Thread.sleep(1000);
      assertThat(receiver.requests("/paused")).hasSize(sent);

      api.put(
          ws + "/taskWebhooks/paused",
          """
          {"properties":{"url":"%s","eventTypes":["TaskAssigned"],"enabled":true}}"""
              .formatted(receiver.url() + "/paused"));
      assertThat(settled("paused").get(0).path("properties").path("status").asString())
          .isEqualTo("Succeeded");
    }
  }

  @Test
  void aReceiverThatKeepsFailingGetsTheMaximumOfAttempts() throws Exception {
    try (FakeService receiver = new FakeService()) {
      receiver.answer("/down", 503);
      api.put(
          ws + "/taskWebhooks/down",
          webhook("down", receiver.url() + "/down", "[\"TaskAssigned\"]"));
      createIncident("inc", "Phishing");
      assignTask("block");
      JsonNode delivery = settled("down").get(0).path("properties");
      assertThat(delivery.path("status").asString()).isEqualTo("Failed");
      // ApiTest allows 4 attempts.
      assertThat(delivery.path("attempts")).hasSize(4);
      assertThat(receiver.requests("/down")).hasSize(4);
    }
  }

  @Test
  void ofServersClaimingTheSameDeliveryAtOnceOnlyOneMakesTheAttempt() throws Exception {
    String name = "claims-" + UUID.randomUUID().toString().substring(0, 8);
    api.put(
        ws + "/taskWebhooks/" + name, webhook(name, "http://127.0.0.1:9/", "[\"TaskAssigned\"]"));
    long webhookId =
        jdbc.sql("SELECT id FROM task_webhook WHERE name = ?")
            .param(name)
            .query(Long.class)
            .single();
    // Due a day from now, beyond the clock of this server's own worker: only the claims below. In
    // whole seconds, so that the database stores exactly the time the claims compare with.
    OffsetDateTime due =
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
    outbox.enqueue(
        webhookId,
        UUID.randomUUID().toString(),
        Notification.Kind.TaskAssigned,
        "i",
        "t",
        "{}",
        due);
    long id =
        jdbc.sql("SELECT id FROM webhook_delivery WHERE webhook_id = ?")
            .param(webhookId)
            .query(Long.class)
            .single();

    ExecutorService servers = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(
            servers.submit(
                () -> {
                  start.await();
                  return outbox.claim(id, due, due.plusMinutes(2));
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> claim : claims) {
        won += claim.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(outbox.outgoing(id).attempt()).isEqualTo(1);
    } finally {
      servers.shutdownNow();
      api.delete(ws + "/taskWebhooks/" + name);
    }
  }

  @Test
  void badWebhooksAreRefusedNamingTheField() {
    String[][] cases = {
      {
        "{\"properties\":{\"url\":\"https://evil.example.com/x\",\"eventTypes\":[\"TaskOverdue\"],"
            + "\"secret\":\""
            + SECRET
            + "\"}}",
        "properties.url"
      },
      {
        "{\"properties\":{\"url\":\"ftp://127.0.0.1/x\",\"eventTypes\":[\"TaskOverdue\"],"
            + "\"secret\":\""
            + SECRET
            + "\"}}",
        "properties.url"
      },
      {
        "{\"properties\":{\"eventTypes\":[\"TaskOverdue\"],\"secret\":\"" + SECRET + "\"}}",
        "properties.url"
      },
      {
        "{\"properties\":{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[\"TaskClosed\"],"
            + "\"secret\":\""
            + SECRET
            + "\"}}",
        "properties.eventTypes[0]"
      },
      {
        "{\"properties\":{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[],"
            + "\"secret\":\""
            + SECRET
            + "\"}}",
        "properties.eventTypes"
      },
      {
        "{\"properties\":{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[\"TaskOverdue\"]}}",
        "properties.secret"
      },
      {
        "{\"properties\":{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[\"TaskOverdue\"],"
            + "\"secret\":\"short\"}}",
        "properties.secret"
      },
      {
        "{\"properties\":{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[\"TaskOverdue\"],"
            + "\"enabled\":\"yes\",\"secret\":\""
            + SECRET
            + "\"}}",
        "properties.enabled"
      },
    };
    for (String[] c : cases) {
      Api.Response refused = api.put(ws + "/taskWebhooks/bad", c[0]);
      assertThat(refused.status()).as(c[0]).isEqualTo(400);
      assertThat(refused.json().path("error").path("message").asString()).as(c[0]).contains(c[1]);
    }
    assertThat(api.get(ws + "/taskWebhooks").json().path("value")).isEmpty();

    // Updating keeps the secret when none is sent, and answers the new settings.
    Api.Response created =
        api.put(ws + "/taskWebhooks/ok", webhook("ok", "http://127.0.0.1/x", "[\"TaskOverdue\"]"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api.Response updated =
        api.put(
            ws + "/taskWebhooks/ok",
            "{\"properties\":{\"url\":\"http://127.0.0.1/y\",\"eventTypes\":[\"TaskOverdue\",\"TaskAssigned\"]}}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("properties").path("url").asString())
        .isEqualTo("http://127.0.0.1/y");
    assertThat(updated.json().path("properties").path("eventTypes")).hasSize(2);
    assertThat(updated.json().path("properties").path("secretSet").asBoolean()).isTrue();
    assertThat(api.delete(ws + "/taskWebhooks/ok").status()).isEqualTo(200);
    assertThat(api.get(ws + "/taskWebhooks/ok").status()).isEqualTo(404);
  }
}
