package io.vigil.shared;

import java.util.UUID;

/** Entity tags: a fresh opaque value on every write, compared on conditional writes. */
public final class Etags {
  private Etags() {}

  /** A new etag value, stored unquoted. */
  public static String next() {
    return UUID.randomUUID().toString();
  }

  /** The quoted form the API returns, as ARM does: {@code "\"…\""}. */
  public static String quoted(String etag) {
    return etag == null ? null : "\"" + etag + "\"";
  }

  /**
   * Refuses a write whose precondition no longer holds. {@code expected} is what the caller sent
   * (body {@code etag} or {@code If-Match}), quoted or not, weak or not, or {@code *}; {@code
   * current} is the stored value, {@code null} when the resource does not exist.
   */
  public static void check(String expected, String current) {
    if (expected == null || expected.isBlank()) {
      return;
    }
    String wanted = expected.trim();
    if (wanted.equals("*")) {
      if (current == null) {
        throw ApiException.preconditionFailed("The resource does not exist (If-Match: *).");
      }
      return;
    }
    if (wanted.startsWith("W/")) {
      wanted = wanted.substring(2);
    }
    if (wanted.length() >= 2 && wanted.startsWith("\"") && wanted.endsWith("\"")) {
      wanted = wanted.substring(1, wanted.length() - 1);
    }
    if (current == null) {
      throw ApiException.preconditionFailed(
          "The resource does not exist, so etag " + expected + " cannot match.");
    }
    if (!wanted.equals(current)) {
      throw ApiException.preconditionFailed(
          "The etag "
              + expected
              + " does not match the resource's current etag; read it again and retry.");
    }
  }
}
