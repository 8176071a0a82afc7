package io.vigil.incident;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An alert a connector supplies: validated Sentinel alert properties and the entities it carries.
 * {@code name} is its {@code systemAlertId}; an alert already on the incident is not added again.
 */
public record AlertInput(
    String name,
    ObjectNode properties,
    String analyticRuleId,
    String productName,
    List<String> tactics,
    List<String> techniques,
    List<EntityInput> entities) {}
