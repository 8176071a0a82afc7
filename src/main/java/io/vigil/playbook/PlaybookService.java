package io.vigil.playbook;

import io.vigil.audit.AuditTrail;
import io.vigil.playbook.engine.ActionDef;
import io.vigil.playbook.engine.Workflow;
import io.vigil.playbook.engine.WorkflowParser;
import io.vigil.playbook.internal.ConnectionRepository;
import io.vigil.playbook.internal.PlaybookRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The playbooks of each resource group: validated when saved, audited, imported from templates. */
@Service
public class PlaybookService {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()-]{0,79}");

  private final PlaybookRepository playbooks;
  private final ConnectionRepository connections;
  private final AuditTrail audit;
  private final Clock clock;

  PlaybookService(
      PlaybookRepository playbooks,
      ConnectionRepository connections,
      AuditTrail audit,
      Clock clock) {
    this.playbooks = playbooks;
    this.connections = connections;
    this.audit = audit;
    this.clock = clock;
  }

  /** The result of a create-or-update. */
  public record Saved(Playbook playbook, boolean created) {}

  /**
   * Creates or replaces a playbook from Logic Apps' shape: {@code location}, {@code
   * properties.definition}, {@code properties.parameters}, {@code properties.state}.
   */
  @Transactional
  public Saved put(Scope scope, String name, JsonInput body, String expectedEtag, Actor actor) {
    checkName(name);
    JsonInput properties = body.object("properties");
    JsonNode definition = properties.raw("definition");
    if (definition == null || !definition.isObject()) {
      throw JsonInput.missing(properties.path("definition"));
    }
    ObjectNode parameters =
        properties.raw("parameters") instanceof ObjectNode p
            ? p.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    String state = Optional.ofNullable(properties.optionalString("state", 16)).orElse("Enabled");
    if (!state.equalsIgnoreCase("Enabled") && !state.equalsIgnoreCase("Disabled")) {
      throw JsonInput.invalid(properties.path("state"), "must be Enabled or Disabled");
    }
    validate(definition, parameters);
    OffsetDateTime now = Times.utc(clock.instant());
    Optional<Playbook> existing = playbooks.find(scope.workflowId(name), true);
    Etags.check(expectedEtag, existing.map(Playbook::etag).orElse(null));
    Playbook playbook =
        new Playbook(
            existing.map(Playbook::id).orElse(0L),
            existing.map(Playbook::scope).orElse(scope),
            existing.map(Playbook::name).orElse(name),
            Etags.next(),
            state.equalsIgnoreCase("Enabled"),
            body.optionalString("location", 128),
            ((ObjectNode) definition).deepCopy(),
            parameters,
            existing.map(Playbook::createdTime).orElse(now),
            now);
    if (existing.isEmpty()) {
      playbooks.insert(playbook);
    } else {
      playbooks.update(playbook);
    }
    audit.record(
        actor,
        existing.isEmpty() ? "PlaybookCreated" : "PlaybookUpdated",
        playbook.resourceId(),
        Map.of(
            "definition",
            AuditTrail.change(existing.map(Playbook::definition).orElse(null), definition),
            "state",
            AuditTrail.change(
                existing.map(p -> p.enabled() ? "Enabled" : "Disabled").orElse(null), state)));
    return new Saved(get(scope, name), existing.isEmpty());
  }

  /**
   * Checks the definition (see {@link WorkflowParser}) and that every ApiConnection action's
   * connection exists: Sentinel's acts on Vigil itself, any other must be a stored connection.
   */
  public Workflow validate(JsonNode definition, JsonNode parameters) {
    Workflow workflow = WorkflowParser.parse(definition);
    List<String> problems = new ArrayList<>();
    checkConnections(workflow.actions(), parameters, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("The workflow definition is not valid: ", problems);
    }
    return workflow;
  }

  private void checkConnections(
      List<ActionDef> actions, JsonNode parameters, List<String> problems) {
    for (ActionDef action : actions) {
      if (action.type().startsWith("ApiConnection")) {
        ConnectionRef.Resolution resolution = ConnectionRef.resolve(action.inputs(), parameters);
        if (resolution.ref() == null) {
          problems.add("action '" + action.name() + "': " + resolution.problem());
        } else if (!resolution.ref().isSentinel()
            && connections.find(resolution.ref().connectionId(), false).isEmpty()) {
          problems.add(
              "action '"
                  + action.name()
                  + "': the connection '"
                  + resolution.ref().connectionId()
                  + "' does not exist; create it under Microsoft.Web/connections first");
        }
      }
      checkConnections(action.actions(), parameters, problems);
      checkConnections(action.otherwise(), parameters, problems);
      action.cases().forEach(c -> checkConnections(c.actions(), parameters, problems));
    }
  }

  public Playbook get(Scope scope, String name) {
    return playbooks
        .find(scope.workflowId(name), false)
        .orElseThrow(() -> notFound(scope.workflowId(name)));
  }

  /** The playbook with this ARM id, as automation rules and runPlaybook name them. */
  public Optional<Playbook> find(String resourceId) {
    return playbooks.find(resourceId, false);
  }

  public static ApiException notFound(String resourceId) {
    return new ApiException(
        org.springframework.http.HttpStatus.NOT_FOUND,
        "WorkflowNotFound",
        "The playbook '" + resourceId + "' was not found.");
  }

  @Transactional
  public boolean delete(Scope scope, String name, Actor actor) {
    Optional<Playbook> existing = playbooks.find(scope.workflowId(name), true);
    existing.ifPresent(
        p -> {
          playbooks.delete(p.id());
          audit.record(actor, "PlaybookDeleted", p.resourceId(), Map.of("name", p.name()));
        });
    return existing.isPresent();
  }

  public Page<Playbook> list(Scope scope, int top, String skipToken) {
    return playbooks.list(scope, top, skipToken);
  }

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "The playbook name '"
              + name
              + "' is not valid: use 1 to 80 letters, digits, '.', '_', '-', '(' or ')'.");
    }
  }
}
