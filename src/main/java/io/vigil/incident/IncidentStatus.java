package io.vigil.incident;

/** Incident status. A closed incident carries a classification. */
public enum IncidentStatus {
  New,
  Active,
  Closed;

  public boolean isTerminal() {
    return this == Closed;
  }
}
