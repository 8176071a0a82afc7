package io.vigil.incident;

public enum LabelType {
  User,
  AutoAssigned
}
