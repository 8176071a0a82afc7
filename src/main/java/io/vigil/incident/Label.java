package io.vigil.incident;

public record Label(String labelName, LabelType labelType) {}
