package io.vigil.audit.web;

import io.vigil.audit.AuditRecord;
import io.vigil.audit.AuditTrail;
import io.vigil.shared.Times;
import io.vigil.shared.web.ArmJson;
import io.vigil.shared.web.ListBody;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for administrators: {@code GET /api/audit} with optional {@code actor}, {@code
 * resource} (an id prefix), {@code from} and {@code to} (ISO-8601), paged. There is no way to
 * change a record.
 */
@RestController
@PreAuthorize("hasRole('ADMINISTRATOR')")
class AuditController {
  private final AuditTrail trail;

  AuditController(AuditTrail trail) {
    this.trail = trail;
  }

  @GetMapping("/api/audit")
  ListBody<Map<String, Object>> query(
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "resource", required = false) String resource,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skipToken", required = false) String skipToken) {
    return ListBody.of(
        trail
            .query(
                actor,
                resource,
                Times.parameter("from", from),
                Times.parameter("to", to),
                ArmJson.top(top),
                skipToken)
            .map(AuditController::json));
  }

  private static Map<String, Object> json(AuditRecord record) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", record.id());
    json.put("occurredTimeUtc", Times.format(record.occurredTimeUtc()));
    json.put("actorType", record.actor().type().name());
    ArmJson.put(json, "actor", record.actor().info().name());
    ArmJson.put(json, "actorId", record.actor().info().objectId());
    ArmJson.put(json, "token", record.token());
    ArmJson.put(json, "clientAddress", record.clientAddress());
    json.put("action", record.action());
    json.put("resourceId", record.resourceId());
    json.put("changes", record.changes());
    return json;
  }
}
