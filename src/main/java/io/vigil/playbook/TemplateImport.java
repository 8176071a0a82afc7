package io.vigil.playbook;

import io.vigil.playbook.expression.ExpressionContext;
import io.vigil.playbook.expression.ExpressionException;
import io.vigil.playbook.expression.Template;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a Sentinel playbook's exported ARM template ({@code azuredeploy.json}): evaluates its ARM
 * expressions ({@code [parameters('PlaybookName')]}, {@code [concat(...)]}, {@code
 * [resourceId(...)]}, …) with the template parameters given or their defaults, creates the
 * connections it declares that do not exist yet (without endpoint or credentials: an operator sets
 * those), and creates or replaces its workflows — all or nothing.
 */
@Service
public class TemplateImport {
  private final PlaybookService playbooks;
  private final ConnectionService connections;
  private final ObjectMapper mapper;

  TemplateImport(PlaybookService playbooks, ConnectionService connections, ObjectMapper mapper) {
    this.playbooks = playbooks;
    this.connections = connections;
    this.mapper = mapper;
  }

  /** {@code values} maps template parameter names to values (or ARM's {@code {"value": …}}). */
  @Transactional
  public List<Playbook> importTemplate(
      Scope scope, JsonNode template, JsonNode values, Actor actor) {
    if (template == null || !template.isObject() || !template.path("resources").isArray()) {
      throw ApiException.badRequest("'template' must be an ARM template with 'resources'.");
    }
    Arm arm = new Arm(scope, template, values == null ? mapper.createObjectNode() : values);
    List<Playbook> imported = new ArrayList<>();
    List<JsonNode> workflows = new ArrayList<>();
    for (JsonNode resource : template.path("resources")) {
      String type = resource.path("type").asString("");
      if (type.equalsIgnoreCase("Microsoft.Web/connections")) {
        ObjectNode evaluated = (ObjectNode) arm.evaluate(resource, "resources");
        String name = evaluated.path("name").asString("");
        String api = evaluated.path("properties").path("api").path("id").asString("");
        if (!api.toLowerCase(Locale.ROOT).endsWith("/azuresentinel")
            && !api.toLowerCase(Locale.ROOT).endsWith("/microsoftsentinel")) {
          try {
            connections.get(scope, name);
          } catch (ApiException notFound) {
            ObjectNode body = mapper.createObjectNode();
            ObjectNode properties = body.putObject("properties");
            properties.putObject("api").put("id", api);
            properties.put(
                "displayName", evaluated.path("properties").path("displayName").asString(name));
            connections.put(scope, name, JsonInput.body(body), null, actor);
          }
        }
      } else if (type.equalsIgnoreCase("Microsoft.Logic/workflows")) {
        workflows.add(resource);
      }
    }
    if (workflows.isEmpty()) {
      throw ApiException.badRequest(
          "The template has no resource of type Microsoft.Logic/workflows.");
    }
    for (JsonNode resource : workflows) {
      ObjectNode evaluated = (ObjectNode) arm.evaluate(resource, "resources");
      String name = evaluated.path("name").asString("");
      ObjectNode body = mapper.createObjectNode();
      if (evaluated.has("location")) {
        body.set("location", evaluated.get("location"));
      }
      body.set("properties", evaluated.path("properties"));
      imported.add(playbooks.put(scope, name, JsonInput.body(body), null, actor).playbook());
    }
    return imported;
  }

  /** ARM's template expressions over a template's parameters and variables. */
  private final class Arm implements ExpressionContext {
    private final Scope scope;
    private final JsonNode template;
    private final JsonNode values;
    private final Map<String, JsonNode> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    Arm(Scope scope, JsonNode template, JsonNode values) {
      this.scope = scope;
      this.template = template;
      this.values = values;
    }

    /** A copy of {@code node} with every {@code [expression]} string evaluated. */
    JsonNode evaluate(JsonNode node, String path) {
      if (node.isString()) {
        String text = node.asString();
        if (text.startsWith("[[")) {
          return mapper.getNodeFactory().stringNode(text.substring(1));
        }
        if (text.startsWith("[") && text.endsWith("]")) {
          try {
            return Template.parse("@" + text.substring(1, text.length() - 1)).evaluate(this);
          } catch (ExpressionException e) {
            throw ApiException.badRequest(
                "The template expression at '" + path + "' cannot be evaluated: " + e.getMessage());
          }
        }
        return node;
      }
      if (node.isObject()) {
        ObjectNode copy = mapper.createObjectNode();
        node.properties()
            .forEach(e -> copy.set(e.getKey(), evaluate(e.getValue(), path + "." + e.getKey())));
        return copy;
      }
      if (node.isArray()) {
        ArrayNode copy = mapper.createArrayNode();
        int i = 0;
        for (JsonNode item : node) {
          copy.add(evaluate(item, path + "[" + i++ + "]"));
        }
        return copy;
      }
      return node;
    }

    @Override
    public JsonNode call(String function, List<JsonNode> args) {
      return switch (function) {
        case "parameters" -> parameter(text(args, 0));
        case "variables" -> variable(text(args, 0));
        case "subscription" ->
            mapper
                .createObjectNode()
                .put("subscriptionId", scope.subscriptionId())
                .put("id", "/subscriptions/" + scope.subscriptionId())
                .put("displayName", scope.subscriptionId());
        case "resourcegroup" ->
            mapper
                .createObjectNode()
                .put("name", scope.resourceGroup())
                .put("id", scope.prefix())
                .put("location", "vigil");
        case "resourceid" -> resourceId(args);
        case "uniquestring" -> mapper.getNodeFactory().stringNode(unique(args));
        case "format" -> format(args);
        case "deployment" -> mapper.createObjectNode().put("name", "vigil-import");
        default ->
            throw new ExpressionException(
                "The template function '" + function + "' is not supported in an import.");
      };
    }

    private JsonNode parameter(String name) {
      for (Map.Entry<String, JsonNode> e : template.path("parameters").properties()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          JsonNode given = values.get(e.getKey());
          if (given != null) {
            return given.isObject() && given.has("value") ? given.get("value") : given;
          }
          JsonNode defaultValue = e.getValue().get("defaultValue");
          if (defaultValue == null) {
            throw ApiException.badRequest(
                "The template parameter '"
                    + e.getKey()
                    + "' has no default; give it in 'parameters'.");
          }
          return evaluate(defaultValue, "parameters." + e.getKey() + ".defaultValue");
        }
      }
      throw new ExpressionException("The template has no parameter '" + name + "'.");
    }

    private JsonNode variable(String name) {
      String key = name.toLowerCase(Locale.ROOT);
      if (resolved.containsKey(key)) {
        return resolved.get(key);
      }
      for (Map.Entry<String, JsonNode> e : template.path("variables").properties()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          if (!resolving.add(key)) {
            throw new ExpressionException("The template variable '" + name + "' refers to itself.");
          }
          JsonNode value = evaluate(e.getValue(), "variables." + e.getKey());
          resolving.remove(key);
          resolved.put(key, value);
          return value;
        }
      }
      throw new ExpressionException("The template has no variable '" + name + "'.");
    }

    private JsonNode resourceId(List<JsonNode> args) {
      if (args.size() < 2) {
        throw new ExpressionException("resourceId() needs a resource type and a name.");
      }
      StringBuilder id =
          new StringBuilder(scope.prefix()).append("/providers/").append(text(args, 0));
      for (int i = 1; i < args.size(); i++) {
        id.append('/').append(text(args, i));
      }
      return mapper.getNodeFactory().stringNode(id.toString());
    }

    private JsonNode format(List<JsonNode> args) {
      String pattern = text(args, 0);
      for (int i = 1; i < args.size(); i++) {
        JsonNode arg = args.get(i);
        pattern =
            pattern.replace("{" + (i - 1) + "}", arg.isString() ? arg.asString() : arg.toString());
      }
      return mapper.getNodeFactory().stringNode(pattern);
    }

    private String unique(List<JsonNode> args) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (JsonNode arg : args) {
          digest.update(arg.toString().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder out = new StringBuilder();
        for (byte b : digest.digest()) {
          out.append(Character.forDigit((b & 0xff) % 36, 36));
          if (out.length() == 13) {
            break;
          }
        }
        return out.toString();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private String text(List<JsonNode> args, int index) {
      if (args.size() <= index || !args.get(index).isString()) {
        throw new ExpressionException("Argument " + (index + 1) + " must be a string.");
      }
      return args.get(index).asString();
    }
  }
}
