package io.vigil.shared;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code $skipToken} of keyset paging: the sort values of the last row of a page,
 * encoded so that a client passes it back unchanged through {@code nextLink}.
 */
public final class SkipToken {
  private static final char SEPARATOR = '\u001f';

  private SkipToken() {}

  public static String encode(String... values) {
    String joined = String.join(String.valueOf(SEPARATOR), values);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(joined.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a token made by {@link #encode} with {@code parts} values, or answers 400. */
  public static List<String> decode(String token, int parts) {
    try {
      String joined = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      List<String> values = Arrays.asList(joined.split(String.valueOf(SEPARATOR), -1));
      if (values.size() != parts) {
        throw new IllegalArgumentException();
      }
      return values;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "The $skipToken is not valid; use the nextLink of the previous page unchanged.");
    }
  }

  /** Decodes a token made by {@link #encode} from one row id, or answers 400. */
  public static long decodeId(String token) {
    try {
      return Long.parseLong(decode(token, 1).get(0));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "The $skipToken is not valid; use the nextLink of the previous page unchanged.");
    }
  }
}
