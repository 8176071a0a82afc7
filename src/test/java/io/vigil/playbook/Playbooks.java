package io.vigil.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Builds playbooks for tests and waits for their runs. */
public final class Playbooks {
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

  private Playbooks() {}

  public static String scope(String resourceGroup) {
    return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup;
  }

  public static String workflow(String resourceGroup, String name) {
    return scope(resourceGroup) + "/providers/Microsoft.Logic/workflows/" + name;
  }

  /** The Sentinel connector's host, as exported playbooks write it. */
  public static final String SENTINEL =
      "\"host\":{\"connection\":{\"name\":\"@parameters('$connections')['azuresentinel']['connectionId']\"}}";

  public static final String IDENTITY =
      "\"host\":{\"connection\":{\"name\":\"@parameters('$connections')['azureadip']['connectionId']\"}}";

  public static final String INCIDENT_TRIGGER =
      """
      "triggers":{"Microsoft_Sentinel_incident":{"type":"ApiConnectionWebhook",
        "inputs":{"body":{"callback_url":"@{listCallbackUrl()}"},%s,"path":"/incident-creation"}}}"""
          .formatted(SENTINEL);

  public static final String MANUAL_TRIGGER =
      "\"triggers\":{\"manual\":{\"type\":\"Request\",\"kind\":\"Http\",\"inputs\":{\"schema\":{}}}}";

  /** A playbook body: the given triggers and actions, with Sentinel and identity connections. */
  public static String body(String resourceGroup, String trigger, String actions) {
    return """
        {"location":"westeurope","properties":{"state":"Enabled",
          "definition":{"$schema":"https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
            "contentVersion":"1.0.0.0","parameters":{"$connections":{"defaultValue":{},"type":"Object"}},
            %s,
            "actions":{%s}},
          "parameters":{"$connections":{"value":{
            "azuresentinel":{"connectionId":"%s/providers/Microsoft.Web/connections/azuresentinel",
              "connectionName":"azuresentinel",
              "id":"/subscriptions/%s/providers/Microsoft.Web/locations/westeurope/managedApis/azuresentinel"},
            "azureadip":{"connectionId":"%s/providers/Microsoft.Web/connections/identity",
              "connectionName":"identity",
              "id":"/subscriptions/%s/providers/Microsoft.Web/locations/westeurope/managedApis/azureadip"}}}}}}"""
        .formatted(
            trigger,
            actions,
            scope(resourceGroup),
            SUBSCRIPTION,
            scope(resourceGroup),
            SUBSCRIPTION);
  }

  /** The seed's playbook (see {@link PlaybookIT}) as a playbook body, for tests elsewhere. */
  public static String seed(String resourceGroup) {
    return body(resourceGroup, INCIDENT_TRIGGER, PlaybookIT.SEED_ACTIONS);
  }

  /** Related entities with two accounts and an IP, as an incident's properties write them. */
  public static final String ACCOUNTS = PlaybookIT.ACCOUNTS;

  /** Creates the identity-protection connection the playbooks name, pointing at {@code url}. */
  public static void identityConnection(Api api, String resourceGroup, String url) {
    assertThat(putIdentityConnection(api, resourceGroup, url)).isEqualTo(201);
  }

  /** Creates or replaces the identity-protection connection; answers the status. */
  public static int putIdentityConnection(Api api, String resourceGroup, String url) {
    Api.Response saved =
        api.put(
            scope(resourceGroup) + "/providers/Microsoft.Web/connections/identity",
            """
            {"properties":{"displayName":"Identity protection",
              "api":{"id":"/subscriptions/%s/providers/Microsoft.Web/locations/westeurope/managedApis/azureadip"},
              "parameterValues":{"endpoint":"%s","authentication":{"type":"Bearer","token":"graph-secret-token"}}}}"""
                .formatted(SUBSCRIPTION, url));
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
    return saved.status();
  }

  public static void put(Api api, String resourceGroup, String name, String body) {
    Api.Response saved = api.put(workflow(resourceGroup, name), body);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  /**
   * Saves playbook {@code name} with a manual trigger and {@code actions}, starts a run of it with
   * an empty body, and answers the run's path.
   */
  public static String startManual(Api api, String resourceGroup, String name, String actions) {
    put(api, resourceGroup, name, body(resourceGroup, MANUAL_TRIGGER, actions));
    Api.Response started = api.post(workflow(resourceGroup, name) + "/triggers/manual/run", "{}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    return started.header("Location");
  }

  /** Waits for the run to finish and answers it. */
  public static JsonNode finished(Api api, String runPath) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      Api.Response run = api.get(runPath);
      assertThat(run.status()).as(run.body()).isEqualTo(200);
      String status = run.json().path("properties").path("status").asString();
      if (!status.equals("Running") && !status.equals("Waiting")) {
        return run.json();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("The run did not finish: " + run.body());
      }
      sleep(100);
    }
  }

  /** Waits until the playbook has {@code count} finished runs and answers them, newest first. */
  public static JsonNode finishedRuns(Api api, String workflowId, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      JsonNode runs = api.get(workflowId + "/runs").json().path("value");
      long done = 0;
      for (JsonNode run : runs) {
        String status = run.path("properties").path("status").asString();
        if (!status.equals("Running") && !status.equals("Waiting")) {
          done++;
        }
      }
      if (done >= count) {
        return runs;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Expected " + count + " finished runs: " + runs);
      }
      sleep(100);
    }
  }

  /** The run's actions by name. */
  public static JsonNode actions(Api api, String runPath) {
    return api.get(runPath + "/actions").json().path("value");
  }

  public static String statusOf(JsonNode actions, String name) {
    for (JsonNode action : actions) {
      if (action.path("name").asString().equals(name)) {
        return action.path("properties").path("status").asString();
      }
    }
    return null;
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
