package io.vigil.incident;

import tools.jackson.databind.node.ObjectNode;

/**
 * An alert attached to an incident, in Sentinel's SecurityAlert shape. {@code properties} holds
 * every alert property including Vigil's {@code analyticRuleId}.
 */
public record Alert(String name, ObjectNode properties) {}
