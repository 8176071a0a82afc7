package io.vigil.incident;

import tools.jackson.databind.node.ObjectNode;

/**
 * An entity of an incident (an account, host, IP address, …) in Sentinel's shape: {@code kind} and
 * {@code properties} with Sentinel's property names, {@code friendlyName} included.
 */
public record Entity(String name, EntityKind kind, ObjectNode properties) {}
