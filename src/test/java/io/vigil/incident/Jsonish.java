package io.vigil.incident;

/** Quoting for JSON written by hand in tests. */
final class Jsonish {
  private Jsonish() {}

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
