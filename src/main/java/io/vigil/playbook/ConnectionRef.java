package io.vigil.playbook;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Which connection an ApiConnection action uses. The action names an entry of the playbook's {@code
 * $connections} parameter ({@code @parameters('$connections')['azuresentinel'] ['connectionId']});
 * the entry's {@code id} names the managed API and its {@code connectionId} the connection
 * resource.
 */
public record ConnectionRef(String key, String api, String connectionId) {
  private static final Pattern KEY =
      Pattern.compile("\\$connections'\\)\\s*\\[\\s*'([^']+)'\\s*\\]");

  /** Sentinel's connector acts on Vigil itself and needs no stored connection. */
  public boolean isSentinel() {
    return api.equals("azuresentinel") || api.equals("microsoftsentinel");
  }

  /**
   * Resolves an action's connection against the playbook's parameter values, or answers why it
   * cannot.
   */
  public static Resolution resolve(JsonNode actionInputs, JsonNode parameters) {
    String expression = actionInputs.path("host").path("connection").path("name").asString("");
    Matcher m = KEY.matcher(expression);
    if (!m.find()) {
      return new Resolution(
          null,
          "its host.connection.name must be @parameters('$connections')['<name>']['connectionId']");
    }
    String key = m.group(1);
    JsonNode entry = parameters.path("$connections").path("value").path(key);
    if (!entry.isObject()) {
      return new Resolution(
          null, "the connection '" + key + "' is not in the playbook's $connections parameter");
    }
    String apiId = entry.path("id").asString("");
    String api = apiId.substring(apiId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (api.isEmpty()) {
      return new Resolution(null, "the $connections entry '" + key + "' has no managed API 'id'");
    }
    return new Resolution(
        new ConnectionRef(key, api, entry.path("connectionId").asString("")), null);
  }

  /** Either a reference or the problem. */
  public record Resolution(ConnectionRef ref, String problem) {}
}
