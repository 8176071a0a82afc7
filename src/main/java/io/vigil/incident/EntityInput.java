package io.vigil.incident;

import tools.jackson.databind.node.ObjectNode;

/** An entity a connector supplies, its properties already checked against its kind. */
public record EntityInput(EntityKind kind, ObjectNode properties) {}
