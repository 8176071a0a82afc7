package io.vigil.incident;

/** Incident and alert severity; {@link #rank()} orders them from least to most severe. */
public enum Severity {
  Informational,
  Low,
  Medium,
  High;

  public int rank() {
    return ordinal();
  }
}
