package io.vigil.incident;

/** One property of an incident, task or comment, before and after a change. */
public record FieldChange(String field, Object oldValue, Object newValue) {}
