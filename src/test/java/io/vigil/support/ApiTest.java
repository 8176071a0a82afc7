package io.vigil.support;

import io.vigil.VigilApplication;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: Vigil running on a random port on the test database (see {@link
 * TestDatabase}), driven over HTTP. Every test gets a workspace of its own, so tests never see each
 * other's data and can count on incident numbers starting at 1.
 */
@SpringBootTest(
    classes = VigilApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.Configuration.class)
public abstract class ApiTest {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  /** The key connection credentials are sealed with in tests (32 bytes, base64). */
  public static final String SECRET_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMzJieXQ=";

  @LocalServerPort protected int port;

  /** The server's clock; tests move it forward to see time pass. */
  @Autowired protected TestClock clock;

  /** The administrator's client. */
  protected Api api;

  /** The path of this test's workspace's Microsoft.SecurityInsights provider. */
  protected String ws;

  /** The resource group and workspace name of this test's workspace. */
  protected String resourceGroup;

  protected String workspaceName;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("vigil.db.url", TestDatabase::url);
    registry.add("vigil.db.user", TestDatabase::user);
    registry.add("vigil.db.password", () -> "");
    // Test contexts with other settings live side by side, each with its own pool: keep them
    // small enough that together they stay under PostgreSQL's 100 connections.
    registry.add("vigil.db.pool-size", () -> "10");
    registry.add("vigil.admin.user", () -> ADMIN);
    registry.add("vigil.admin.password", () -> ADMIN_PASSWORD);
    // Playbooks may call the fake services tests start on this machine, and retry them quickly.
    registry.add("vigil.playbooks.allowed-hosts", () -> "127.0.0.1");
    registry.add("vigil.playbooks.retry-interval", () -> "PT0.1S");
    registry.add("vigil.playbooks.poll-interval", () -> "PT0.1S");
    registry.add("vigil.secret-key", () -> SECRET_KEY);
    // Webhooks likewise, with a quick outbox poll, quick retries, and few attempts.
    registry.add("vigil.webhooks.allowed-hosts", () -> "127.0.0.1");
    registry.add("vigil.webhooks.poll-interval", () -> "PT0.1S");
    registry.add("vigil.webhooks.retry-interval", () -> "PT0.1S");
    registry.add("vigil.webhooks.max-attempts", () -> "4");
    // Overdue tasks are noticed soon after a test moves the clock past their due time.
    registry.add("vigil.tasks.overdue-check-interval", () -> "PT0.2S");
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @BeforeEach
  void createWorkspace() {
    api = new Api("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
    resourceGroup = "rg-" + UUID.randomUUID().toString().substring(0, 8);
    String workspace = anotherWorkspace("ws");
    workspaceName = workspace.substring(workspace.lastIndexOf('/') + 1);
    ws = workspace + "/providers/Microsoft.SecurityInsights";
  }

  /**
   * Creates a workspace in this test's resource group, named {@code prefix} and a random suffix;
   * answers its path (not its SecurityInsights provider).
   */
  protected String anotherWorkspace(String prefix) {
    String workspace =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
            + resourceGroup
            + "/providers/Microsoft.OperationalInsights/workspaces/"
            + prefix
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    Api.Response created = api.put(workspace, "{}");
    if (created.status() != 201) {
      throw new IllegalStateException("Could not create the workspace: " + created);
    }
    return workspace;
  }

  /** A minimal valid incident body. */
  protected static String incident(String title, String severity, String status) {
    return """
        {"properties":{"title":"%s","severity":"%s","status":"%s"}}"""
        .formatted(title, severity, status);
  }

  /** Creates an incident and returns its JSON. */
  protected tools.jackson.databind.JsonNode createIncident(String id, String title) {
    Api.Response response = api.put(ws + "/incidents/" + id, incident(title, "Medium", "New"));
    if (response.status() != 201) {
      throw new IllegalStateException("Could not create incident " + id + ": " + response);
    }
    return response.json();
  }
}
