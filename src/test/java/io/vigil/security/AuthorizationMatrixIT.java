package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every kind of caller, with the exact answer each must get. The matrix is checked
 * against the endpoints the server really has: an endpoint without an entry fails the build, so a
 * new endpoint cannot ship without deciding who may call it.
 */
class AuthorizationMatrixIT extends ApiTest {
  private static final String WS =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
          + "Microsoft.OperationalInsights/workspaces/{workspaceName}";
  private static final String SI = WS + "/providers/Microsoft.SecurityInsights";
  private static final String RG =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers";
  private static final String WORKFLOW = RG + "/Microsoft.Logic/workflows/{workflowName}";
  private static final String RUN = WORKFLOW + "/runs/{runName}";

  /** Who may call an endpoint. */
  enum Access {
    PUBLIC,
    AUTHENTICATED,
    ADMIN,
    ADMIN_IN_WORKSPACE,
    READ,
    RESPOND,
    CONFIGURE,
    /** List and view playbooks, their runs and connections (in the resource group). */
    VIEW_PLAYBOOKS,
    /** Run playbooks by hand. */
    RUN_PLAYBOOKS,
    /** Manage playbooks and connections (in the resource group). */
    CONFIGURE_PLAYBOOKS
  }

  static final Map<String, Access> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("PUT " + WS, Access.ADMIN_IN_WORKSPACE);
    MATRIX.put("GET " + WS, Access.READ);
    MATRIX.put(
        "GET /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
            + "Microsoft.OperationalInsights/workspaces",
        Access.ADMIN);
    MATRIX.put("GET " + SI + "/incidents", Access.READ);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}", Access.READ);
    MATRIX.put("PUT " + SI + "/incidents/{incidentId}", Access.RESPOND);
    MATRIX.put("DELETE " + SI + "/incidents/{incidentId}", Access.RESPOND);
    MATRIX.put("POST " + SI + "/incidents/{incidentId}/alerts", Access.READ);
    MATRIX.put("PUT " + SI + "/incidents/{incidentId}/alerts/{alertId}", Access.RESPOND);
    MATRIX.put("POST " + SI + "/incidents/{incidentId}/entities", Access.READ);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/events", Access.READ);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/automationRuns", Access.READ);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/comments", Access.READ);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/comments/{commentId}", Access.READ);
    MATRIX.put("PUT " + SI + "/incidents/{incidentId}/comments/{commentId}", Access.RESPOND);
    MATRIX.put("DELETE " + SI + "/incidents/{incidentId}/comments/{commentId}", Access.RESPOND);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/tasks", Access.READ);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/tasks/{taskId}", Access.READ);
    MATRIX.put("PUT " + SI + "/incidents/{incidentId}/tasks/{taskId}", Access.RESPOND);
    MATRIX.put("DELETE " + SI + "/incidents/{incidentId}/tasks/{taskId}", Access.RESPOND);
    MATRIX.put("POST " + SI + "/incidents/{incidentId}/tasks/{taskId}/move", Access.RESPOND);
    MATRIX.put("GET " + SI + "/incidents/{incidentId}/tasks/{taskId}/history", Access.READ);
    MATRIX.put("GET " + SI + "/taskAssignees", Access.RESPOND);
    MATRIX.put("GET " + SI + "/taskDueDefaults", Access.READ);
    MATRIX.put("PUT " + SI + "/taskDueDefaults", Access.CONFIGURE);
    MATRIX.put("GET " + SI + "/taskTemplates", Access.READ);
    MATRIX.put("GET " + SI + "/taskTemplates/{templateName}", Access.READ);
    MATRIX.put("PUT " + SI + "/taskTemplates/{templateName}", Access.RESPOND);
    MATRIX.put("DELETE " + SI + "/taskTemplates/{templateName}", Access.RESPOND);
    MATRIX.put("GET " + SI + "/taskTemplates/{templateName}/versions", Access.READ);
    MATRIX.put("GET " + SI + "/taskTemplates/{templateName}/versions/{version}", Access.READ);
    MATRIX.put("POST " + SI + "/exportTaskTemplates", Access.READ);
    MATRIX.put("POST " + SI + "/importTaskTemplates", Access.RESPOND);
    MATRIX.put("POST " + SI + "/incidents/{incidentId}/applyTaskTemplate", Access.RESPOND);
    MATRIX.put("GET " + SI + "/taskWebhooks", Access.CONFIGURE);
    MATRIX.put("GET " + SI + "/taskWebhooks/{name}", Access.CONFIGURE);
    MATRIX.put("PUT " + SI + "/taskWebhooks/{name}", Access.CONFIGURE);
    MATRIX.put("DELETE " + SI + "/taskWebhooks/{name}", Access.CONFIGURE);
    MATRIX.put("GET " + SI + "/taskWebhooks/{name}/deliveries", Access.CONFIGURE);
    // The caller's own queue across workspaces; bulk actions check Respond task by task.
    MATRIX.put("GET /api/myTasks", Access.AUTHENTICATED);
    MATRIX.put("POST /api/myTasks/bulk", Access.AUTHENTICATED);
    MATRIX.put("GET " + SI + "/alertRules", Access.READ);
    MATRIX.put("GET " + SI + "/alertRules/{ruleId}", Access.READ);
    MATRIX.put("PUT " + SI + "/alertRules/{ruleId}", Access.CONFIGURE);
    MATRIX.put("DELETE " + SI + "/alertRules/{ruleId}", Access.CONFIGURE);
    MATRIX.put("GET " + SI + "/automationRules", Access.READ);
    MATRIX.put("GET " + SI + "/automationRules/{ruleId}", Access.READ);
    MATRIX.put("PUT " + SI + "/automationRules/{ruleId}", Access.RESPOND);
    MATRIX.put("DELETE " + SI + "/automationRules/{ruleId}", Access.RESPOND);
    MATRIX.put("POST " + SI + "/automationDryRun", Access.READ);
    MATRIX.put("POST " + SI + "/incidents/{incidentId}/runPlaybook", Access.RUN_PLAYBOOKS);
    MATRIX.put("GET " + RG + "/Microsoft.Logic/workflows", Access.VIEW_PLAYBOOKS);
    MATRIX.put("GET " + WORKFLOW, Access.VIEW_PLAYBOOKS);
    MATRIX.put("PUT " + WORKFLOW, Access.CONFIGURE_PLAYBOOKS);
    MATRIX.put("DELETE " + WORKFLOW, Access.CONFIGURE_PLAYBOOKS);
    MATRIX.put("POST " + RG + "/Microsoft.Logic/importTemplate", Access.CONFIGURE_PLAYBOOKS);
    MATRIX.put("POST " + WORKFLOW + "/triggers/{triggerName}/run", Access.RUN_PLAYBOOKS);
    MATRIX.put("GET " + WORKFLOW + "/runs", Access.VIEW_PLAYBOOKS);
    MATRIX.put("GET " + RUN, Access.VIEW_PLAYBOOKS);
    MATRIX.put("POST " + RUN + "/cancel", Access.RUN_PLAYBOOKS);
    MATRIX.put("GET " + RUN + "/actions", Access.VIEW_PLAYBOOKS);
    MATRIX.put("GET " + RUN + "/actions/{actionName}", Access.VIEW_PLAYBOOKS);
    MATRIX.put("GET " + RUN + "/actions/{actionName}/repetitions", Access.VIEW_PLAYBOOKS);
    MATRIX.put("GET " + RG + "/Microsoft.Web/connections", Access.VIEW_PLAYBOOKS);
    MATRIX.put("GET " + RG + "/Microsoft.Web/connections/{connectionName}", Access.VIEW_PLAYBOOKS);
    MATRIX.put(
        "PUT " + RG + "/Microsoft.Web/connections/{connectionName}", Access.CONFIGURE_PLAYBOOKS);
    MATRIX.put(
        "DELETE " + RG + "/Microsoft.Web/connections/{connectionName}", Access.CONFIGURE_PLAYBOOKS);
    // The UI's pages: a browser without a session is sent to the login page (TasksPanelUiIT), an
    // API client like this test's gets 401.
    MATRIX.put("GET /", Access.AUTHENTICATED);
    MATRIX.put("GET /ui", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/incident", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/automation", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/admin", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/playbooks", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/playbook", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/templates", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/notifications", Access.AUTHENTICATED);
    MATRIX.put("GET /ui/my-tasks", Access.AUTHENTICATED);
    MATRIX.put("GET /api/me", Access.AUTHENTICATED);
    // Each user's own notifications: anyone signed in, who sees and changes only their own.
    MATRIX.put("GET /api/notifications", Access.AUTHENTICATED);
    MATRIX.put("POST /api/notifications/{id}/read", Access.AUTHENTICATED);
    MATRIX.put("POST /api/notifications/markAllRead", Access.AUTHENTICATED);
    MATRIX.put("POST /api/me/password", Access.AUTHENTICATED);
    MATRIX.put("POST /api/tokens", Access.AUTHENTICATED);
    MATRIX.put("GET /api/tokens", Access.AUTHENTICATED);
    MATRIX.put("DELETE /api/tokens/{name}", Access.AUTHENTICATED);
    MATRIX.put("POST /api/users/{username}/tokens", Access.ADMIN);
    MATRIX.put("GET /api/users", Access.ADMIN);
    MATRIX.put("GET /api/users/{username}", Access.ADMIN);
    MATRIX.put("PUT /api/users/{username}", Access.ADMIN);
    MATRIX.put("DELETE /api/users/{username}", Access.ADMIN);
    MATRIX.put("GET /api/roleAssignments", Access.ADMIN);
    MATRIX.put("GET /api/roleAssignments/{name}", Access.ADMIN);
    MATRIX.put("PUT /api/roleAssignments/{name}", Access.ADMIN);
    MATRIX.put("DELETE /api/roleAssignments/{name}", Access.ADMIN);
    MATRIX.put("GET /api/audit", Access.ADMIN);
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired JdbcClient jdbc;

  /** Every endpoint the server maps, as "METHOD pattern". */
  private List<String> endpoints() {
    List<String> endpoints = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.equals("${server.error.path:/error}") || pattern.equals("/error")) {
          continue; // the error page answers whatever went wrong, to anyone
        }
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          endpoints.add(method.name() + " " + pattern);
        }
      }
    }
    return endpoints;
  }

  @Test
  void everyEndpointHasAnEntryInTheMatrix() {
    List<String> endpoints = endpoints();
    assertThat(endpoints)
        .as("endpoints without an entry in the matrix")
        .isSubsetOf(MATRIX.keySet());
    assertThat(MATRIX.keySet()).as("entries for endpoints that do not exist").isSubsetOf(endpoints);
  }

  private record Persona(String name, Api api, String role) {}

  private Persona persona(String role) {
    String name =
        "m-"
            + (role == null ? "none" : role.toLowerCase())
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    api.put("/api/users/" + name, "{\"properties\":{\"password\":\"matrix-passphrase-1\"}}");
    if (role != null) {
      api.put(
          "/api/roleAssignments/" + UUID.randomUUID(),
          """
          {"properties":{"principalName":"%s","roleDefinitionName":"%s","scope":"%s"}}"""
              .formatted(
                  name,
                  role,
                  ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights"))));
    }
    return new Persona(name, api.as(name, "matrix-passphrase-1"), role);
  }

  /** The status a persona must get, or null when the call is allowed. */
  private static Integer expected(Access access, String role) {
    if (access == Access.PUBLIC || access == Access.AUTHENTICATED) {
      return null;
    }
    if (access == Access.ADMIN) {
      return 403;
    }
    if (role == null) {
      return 404; // no role in the workspace (or resource group): it does not exist for them
    }
    if (access == Access.ADMIN_IN_WORKSPACE) {
      return 403;
    }
    boolean granted =
        switch (access) {
          case READ -> !role.equals("PlaybookOperator");
          case RESPOND -> role.equals("Responder") || role.equals("Contributor");
          case VIEW_PLAYBOOKS, RUN_PLAYBOOKS ->
              role.equals("Contributor") || role.equals("PlaybookOperator");
          default -> role.equals("Contributor");
        };
    return granted ? null : 403;
  }

  private String url(String endpoint) {
    String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
    String path =
        pattern
            .replace(WS, ws.substring(0, ws.indexOf("/providers/Microsoft.SecurityInsights")))
            .replace(
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                    + resourceGroup)
            .replace("{incidentId}", "m-inc")
            .replaceAll("\\{[A-Za-z]+\\}", "m-x");
    return path.startsWith("/subscriptions/") ? Api.withVersion(path) : path;
  }

  /** What a denied call must not have changed: every stored etag, user, role and token. */
  private Map<String, Object> fingerprint() {
    Map<String, Object> state = new TreeMap<>();
    for (String table :
        List.of(
            "incident",
            "incident_task",
            "incident_comment",
            "analytics_rule",
            "automation_rule",
            "task_template",
            "playbook",
            "connection",
            "task_webhook")) {
      state.put(
          table,
          jdbc.sql("SELECT etag FROM " + table + " ORDER BY etag").query(String.class).list());
    }
    state.put(
        "users",
        jdbc.sql("SELECT username || password_hash || enabled FROM app_user ORDER BY 1")
            .query(String.class)
            .list());
    state.put(
        "roles",
        jdbc.sql("SELECT name FROM role_assignment ORDER BY 1").query(String.class).list());
    state.put(
        "tokens", jdbc.sql("SELECT name FROM api_token ORDER BY 1").query(String.class).list());
    state.put("workspaces", jdbc.sql("SELECT COUNT(*) FROM workspace").query(Long.class).single());
    state.put(
        "runs",
        jdbc.sql("SELECT name || cancel_requested FROM playbook_run ORDER BY 1")
            .query(String.class)
            .list());
    return state;
  }

  @Test
  void everyCallerGetsExactlyWhatTheMatrixSays() {
    createIncident("m-inc", "Matrix");
    List<Persona> personas = new ArrayList<>();
    for (String role :
        new String[] {null, "Reader", "Responder", "Contributor", "PlaybookOperator"}) {
      personas.add(persona(role));
    }
    String body = "{\"properties\":{}}";
    Map<String, Object> before = fingerprint();
    List<String> wrong = new ArrayList<>();
    for (String endpoint : MATRIX.keySet()) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String url = url(endpoint);
      String payload = method.equals("GET") || method.equals("DELETE") ? null : body;
      Api.Response anonymous = api.anonymous().send(method, url, payload, Map.of());
      if (MATRIX.get(endpoint) != Access.PUBLIC && anonymous.status() != 401) {
        wrong.add("anonymous " + endpoint + " → " + anonymous.status());
      }
      for (Persona persona : personas) {
        Integer expected = expected(MATRIX.get(endpoint), persona.role());
        if (expected == null) {
          continue; // allowed calls are made below, after the denied ones are checked
        }
        Api.Response response = persona.api().send(method, url, payload, Map.of());
        if (response.status() != expected) {
          wrong.add(
              persona.name()
                  + " "
                  + endpoint
                  + " → "
                  + response.status()
                  + " (expected "
                  + expected
                  + ")");
        }
      }
    }
    assertThat(wrong).as("denied calls that got another answer").isEmpty();
    assertThat(fingerprint()).as("what denied calls changed").isEqualTo(before);

    // Allowed calls are not refused (they may fail for other reasons: an empty body, a missing id).
    List<Persona> allowedCallers = new ArrayList<>(personas);
    allowedCallers.add(new Persona(ADMIN, api, "Administrator"));
    for (String endpoint : MATRIX.keySet()) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      if (method.equals("DELETE") || endpoint.contains("/api/me/password")) {
        continue; // would remove what later calls use
      }
      for (Persona persona : allowedCallers) {
        boolean admin = persona.role() != null && persona.role().equals("Administrator");
        if (!admin && expected(MATRIX.get(endpoint), persona.role()) != null) {
          continue;
        }
        Api.Response response =
            persona.api().send(method, url(endpoint), method.equals("GET") ? null : body, Map.of());
        boolean refused =
            response.status() == 401
                || response.status() == 403
                || response.body().contains("\"ResourceNotFound\"");
        if (refused) {
          wrong.add(persona.name() + " " + endpoint + " refused: " + response);
        }
      }
    }
    assertThat(wrong).as("allowed calls that were refused").isEmpty();
  }
}
