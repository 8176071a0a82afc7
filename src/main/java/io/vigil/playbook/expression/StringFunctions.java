package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Functions.MANY;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * String functions. indexOf, lastIndexOf, nthIndexOf, startsWith and endsWith ignore letter case;
 * contains, replace and equals do not (as documented for Logic Apps).
 */
final class StringFunctions {
  private StringFunctions() {}

  static void register(Functions.Registry r) {
    r.add("concat", 1, MANY, StringFunctions::concat);
    r.add("substring", 2, 3, StringFunctions::substring);
    r.add("slice", 2, 3, StringFunctions::slice);
    r.add("replace", 3, 3, StringFunctions::replace);
    r.add("toLower", 1, 1, a -> Values.string(a.string(0).toLowerCase(Locale.ROOT)));
    r.add("toUpper", 1, 1, a -> Values.string(a.string(0).toUpperCase(Locale.ROOT)));
    r.add("trim", 1, 1, a -> Values.string(a.string(0).strip()));
    r.add("split", 2, 2, StringFunctions::split);
    r.add("indexOf", 2, 2, a -> Values.number(indexOf(a.string(0), a.string(1), 0)));
    r.add("lastIndexOf", 2, 2, StringFunctions::lastIndexOf);
    r.add("nthIndexOf", 3, 3, StringFunctions::nthIndexOf);
    r.add("startsWith", 2, 2, a -> Values.bool(startsWith(a.string(0), a.string(1))));
    r.add("endsWith", 2, 2, StringFunctions::endsWith);
    r.add("guid", 0, 1, StringFunctions::guid);
    r.add("length", 1, 1, StringFunctions::length);
    r.add("formatNumber", 2, 3, StringFunctions::formatNumber);
  }

  /** Any value is accepted and written as interpolation would write it; null adds nothing. */
  private static JsonNode concat(Args a) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      result.append(a.text(i));
    }
    return Values.string(result.toString());
  }

  /** Unlike Java or JavaScript, Logic Apps fails when the range leaves the string. */
  private static JsonNode substring(Args a) {
    String text = a.string(0);
    long start = a.integer(1);
    long length = a.has(2) ? a.integer(2) : text.length() - start;
    if (start < 0 || start > text.length() || length < 0 || start + length > text.length()) {
      throw a.fail(
          "parameters are out of range: 'startIndex' ("
              + start
              + ") and 'length' ("
              + length
              + ") must be non-negative and their sum must not exceed the length of the string ("
              + text.length()
              + ").");
    }
    return Values.string(text.substring((int) start, (int) (start + length)));
  }

  /** Negative indexes count from the end; the range is clamped, never an error. */
  private static JsonNode slice(Args a) {
    String text = a.string(0);
    int length = text.length();
    long start = clampIndex(a.integer(1), length);
    long end = a.has(2) && !Values.isNull(a.get(2)) ? clampIndex(a.integer(2), length) : length;
    if (end <= start) {
      return Values.string("");
    }
    return Values.string(text.substring((int) start, (int) end));
  }

  private static long clampIndex(long index, int length) {
    long absolute = index < 0 ? length + index : index;
    return Math.max(0, Math.min(length, absolute));
  }

  private static JsonNode replace(Args a) {
    String text = a.string(0);
    String old = a.string(1);
    if (old.isEmpty()) {
      throw a.fail("expects its second parameter (the text to replace) not to be empty.");
    }
    String replacement = Values.isNull(a.get(2)) ? "" : a.string(2);
    return Values.string(text.replace(old, replacement));
  }

  /** Splits on the whole delimiter and keeps empty pieces: split('a,,b', ',') is [a, "", b]. */
  private static JsonNode split(Args a) {
    String text = a.string(0);
    String delimiter = a.string(1);
    ArrayNode result = Values.FACTORY.arrayNode();
    if (delimiter.isEmpty()) {
      return result.add(text);
    }
    for (String piece : text.split(Pattern.quote(delimiter), -1)) {
      result.add(piece);
    }
    return result;
  }

  static int indexOf(String text, String search, int from) {
    for (int i = from; i + search.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, search, 0, search.length())) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(String text, String search, int from) {
    for (int i = Math.min(from, text.length() - search.length()); i >= 0; i--) {
      if (text.regionMatches(true, i, search, 0, search.length())) {
        return i;
      }
    }
    return -1;
  }

  /** With the documented edge cases: an empty search text gives length - 1 (or 0 if both empty). */
  private static JsonNode lastIndexOf(Args a) {
    String text = a.string(0);
    String search = a.string(1);
    if (search.isEmpty()) {
      return Values.number(Math.max(0, text.length() - 1));
    }
    return Values.number(lastIndexOf(text, search, text.length()));
  }

  /** A negative occurrence counts from the end; -1 when there are not that many. */
  private static JsonNode nthIndexOf(Args a) {
    String text = a.string(0);
    String search = a.string(1);
    long occurrence = a.integer(2);
    if (occurrence == 0) {
      throw a.fail("expects its third parameter (the occurrence) not to be 0.");
    }
    if (search.isEmpty()) {
      throw a.fail("expects its second parameter (the text to find) not to be empty.");
    }
    int index = occurrence > 0 ? -1 : text.length();
    for (long found = 0; found < Math.abs(occurrence); found++) {
      index =
          occurrence > 0 ? indexOf(text, search, index + 1) : lastIndexOf(text, search, index - 1);
      if (index < 0) {
        return Values.number(-1);
      }
    }
    return Values.number(index);
  }

  private static boolean startsWith(String text, String search) {
    return text.regionMatches(true, 0, search, 0, search.length());
  }

  private static JsonNode endsWith(Args a) {
    String text = a.string(0);
    String search = a.string(1);
    int start = text.length() - search.length();
    return Values.bool(start >= 0 && text.regionMatches(true, start, search, 0, search.length()));
  }

  /**
   * The .NET Guid formats: N (digits), D (hyphens, the default), B {braces}, P (parentheses), X.
   */
  private static JsonNode guid(Args a) {
    String format = a.optionalString(0, "D");
    UUID uuid = UUID.randomUUID();
    String d = uuid.toString();
    String n = d.replace("-", "");
    return Values.string(
        switch (format.isEmpty() ? "D" : format.toUpperCase(Locale.ROOT)) {
          case "N" -> n;
          case "D" -> d;
          case "B" -> "{" + d + "}";
          case "P" -> "(" + d + ")";
          case "X" -> hexGuid(n);
          default ->
              throw a.fail(
                  "expects its parameter to be one of the formats 'N', 'D', 'B', 'P' or 'X'. The"
                      + " provided value is '"
                      + format
                      + "'.");
        });
  }

  private static String hexGuid(String n) {
    StringBuilder x = new StringBuilder("{0x").append(n, 0, 8);
    x.append(",0x").append(n, 8, 12).append(",0x").append(n, 12, 16).append(",{");
    for (int i = 16; i < 32; i += 2) {
      x.append(i > 16 ? "," : "").append("0x").append(n, i, i + 2);
    }
    return x.append("}}").toString();
  }

  private static JsonNode length(Args a) {
    JsonNode value = a.get(0);
    if (value.isString()) {
      return Values.number(value.stringValue().length());
    }
    if (value.isArray()) {
      return Values.number(value.size());
    }
    throw a.wrongType(0, "an array or a string");
  }

  private static JsonNode formatNumber(Args a) {
    JsonNode number = a.number(0);
    String format = a.string(1);
    String locale = a.optionalString(2, "en-US");
    try {
      return Values.string(DotNetNumberFormat.format(number, format, locale));
    } catch (IllegalArgumentException e) {
      throw a.fail("cannot format the number: " + e.getMessage());
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
