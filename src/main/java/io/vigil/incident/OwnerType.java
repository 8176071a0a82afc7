package io.vigil.incident;

public enum OwnerType {
  Unknown,
  User,
  Group
}
