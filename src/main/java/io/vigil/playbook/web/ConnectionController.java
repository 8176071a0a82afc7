package io.vigil.playbook.web;

import io.vigil.playbook.ConnectionService;
import io.vigil.playbook.Scope;
import io.vigil.shared.Actor;
import io.vigil.shared.Capability;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Requires;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Connections in Microsoft.Web/connections' shape; credentials go in and never come out. */
@RestController
class ConnectionController {
  private static final String CONNECTIONS =
      PlaybookController.RESOURCE_GROUP + "/providers/Microsoft.Web/connections";

  private final ConnectionService connections;

  ConnectionController(ConnectionService connections) {
    this.connections = connections;
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(CONNECTIONS)
  ListBody<Map<String, Object>> list(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        connections
            .list(new Scope(subscriptionId, resourceGroupName), ArmJson.top(top), skipToken)
            .map(PlaybookJson::connection));
  }

  @Requires(Capability.ViewPlaybooks)
  @GetMapping(CONNECTIONS + "/{connectionName}")
  Map<String, Object> get(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String connectionName) {
    return PlaybookJson.connection(
        connections.get(new Scope(subscriptionId, resourceGroupName), connectionName));
  }

  @Requires(Capability.Configure)
  @PutMapping(CONNECTIONS + "/{connectionName}")
  ResponseEntity<Map<String, Object>> put(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String connectionName,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Actor actor) {
    ConnectionService.Saved saved =
        connections.put(
            new Scope(subscriptionId, resourceGroupName),
            connectionName,
            JsonInput.body(body),
            ifMatch,
            actor);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(PlaybookJson.connection(saved.connection()));
  }

  @Requires(Capability.Configure)
  @DeleteMapping(CONNECTIONS + "/{connectionName}")
  ResponseEntity<Void> delete(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroupName,
      @PathVariable String connectionName,
      Actor actor) {
    return connections.delete(new Scope(subscriptionId, resourceGroupName), connectionName, actor)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }
}
