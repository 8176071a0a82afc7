package io.vigil.shared.odata;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Splits {@code $filter} text into tokens for {@link FilterParser}. */
final class FilterLexer {

  /** Token categories. Words cover keywords, function names, variables and field paths. */
  enum Kind {
    WORD,
    STRING,
    NUMBER,
    DATETIME,
    OPEN,
    CLOSE,
    COMMA,
    COLON,
    END
  }

  /**
   * One token. {@code text} is the source text as written; {@code literal} is set for STRING,
   * NUMBER and DATETIME; {@code index} is the 0-based offset into the input.
   */
  record Token(Kind kind, String text, Literal literal, int index) {

    /** The 1-based position used in error messages. */
    int position() {
      return index + 1;
    }

    /** Whether this is a plain word (not a path) equal to the keyword, ignoring case. */
    boolean isKeyword(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** How the token is named in error messages. */
    String describe() {
      if (kind == Kind.END) {
        return "the end of the filter";
      }
      String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
      return kind == Kind.STRING ? "string " + shown : "'" + shown + "'";
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?",
          Pattern.CASE_INSENSITIVE);

  private final String text;
  private int index;

  /** Creates a lexer over the whole filter text. */
  FilterLexer(String text) {
    this.text = text;
  }

  /**
   * Reads the next token, or {@link Kind#END} once the input is used up. Tokens are read on demand
   * so that a syntax error is reported at the first problem in the text, not at a later one.
   */
  Token next() {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
    if (index >= text.length()) {
      return new Token(Kind.END, "", null, index);
    }
    return read();
  }

  private Token read() {
    int start = index;
    char c = text.charAt(index);
    switch (c) {
      case '(':
        return single(Kind.OPEN);
      case ')':
        return single(Kind.CLOSE);
      case ',':
        return single(Kind.COMMA);
      case ':':
        return single(Kind.COLON);
      case '\'':
        return string(start, start);
      default:
        break;
    }
    if (isWordStart(c)) {
      return word(start);
    }
    if (isDigit(c) || (c == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
      return numberOrDateTime(start);
    }
    throw unexpectedCharacter(c, start);
  }

  private Token single(Kind kind) {
    Token token = new Token(kind, String.valueOf(text.charAt(index)), null, index);
    index++;
    return token;
  }

  /**
   * Reads the string whose opening quote is at {@code quote}, with {@code ''} standing for one
   * quote. The token starts at {@code tokenStart}, which precedes the quote for a prefixed literal
   * such as {@code datetime'...'}.
   */
  private Token string(int tokenStart, int quote) {
    StringBuilder value = new StringBuilder();
    index = quote + 1;
    while (index < text.length()) {
      char c = text.charAt(index++);
      if (c != '\'') {
        value.append(c);
      } else if (index < text.length() && text.charAt(index) == '\'') {
        value.append('\'');
        index++;
      } else {
        return new Token(
            Kind.STRING,
            text.substring(tokenStart, index),
            new Literal.StringValue(value.toString()),
            tokenStart);
      }
    }
    throw new FilterException(
        "$filter: unterminated string starting at position "
            + (quote + 1)
            + " (a quote inside a string is written as '')");
  }

  /** Reads a field path such as {@code properties/owner/assignedTo}, or a single word. */
  private Token word(int start) {
    skipWordParts();
    while (index < text.length() && text.charAt(index) == '/') {
      if (index + 1 >= text.length() || !isWordStart(text.charAt(index + 1))) {
        throw new FilterException(
            "$filter: incomplete field path '"
                + text.substring(start, index + 1)
                + "' at position "
                + (start + 1));
      }
      index++;
      skipWordParts();
    }
    String word = text.substring(start, index);
    // The OData v3 form datetime'2024-01-01T00:00:00Z' is a prefix glued to a string.
    boolean dateTimePrefix =
        word.equalsIgnoreCase("datetime") || word.equalsIgnoreCase("datetimeoffset");
    if (dateTimePrefix && index < text.length() && text.charAt(index) == '\'') {
      Token quoted = string(start, index);
      String inner = ((Literal.StringValue) quoted.literal()).value();
      return DateTimes.parse(inner)
          .map(
              value ->
                  new Token(Kind.DATETIME, quoted.text(), new Literal.DateTimeValue(value), start))
          .orElseThrow(() -> invalidDateTime(quoted.text(), start));
    }
    return new Token(Kind.WORD, word, null, start);
  }

  private void skipWordParts() {
    while (index < text.length() && isWordPart(text.charAt(index))) {
      index++;
    }
  }

  private Token numberOrDateTime(int start) {
    // Scan the whole run of value characters first and classify it afterwards, so that a malformed
    // value is reported whole rather than as a confusing tail.
    index++;
    while (index < text.length() && isValuePart(text.charAt(index))) {
      index++;
    }
    String raw = text.substring(start, index);
    if (DATE_TIME.matcher(raw).matches()) {
      return DateTimes.parse(raw)
          .map(value -> new Token(Kind.DATETIME, raw, new Literal.DateTimeValue(value), start))
          .orElseThrow(() -> invalidDateTime(raw, start));
    }
    if (NUMBER.matcher(raw).matches()) {
      return new Token(Kind.NUMBER, raw, number(raw, start), start);
    }
    if (raw.matches("-?\\d{4}-.*")) {
      throw invalidDateTime(raw, start);
    }
    throw invalidNumber(raw, start);
  }

  private static Literal number(String raw, int start) {
    if (raw.indexOf('.') < 0 && raw.indexOf('e') < 0 && raw.indexOf('E') < 0) {
      try {
        return new Literal.LongValue(Long.parseLong(raw));
      } catch (NumberFormatException tooLarge) {
        // Whole numbers beyond the long range are still valid; keep them exact.
      }
    }
    try {
      return new Literal.DecimalValue(new BigDecimal(raw));
    } catch (NumberFormatException exponentOutOfRange) {
      throw invalidNumber(raw, start);
    }
  }

  private static FilterException invalidNumber(String raw, int start) {
    return new FilterException("$filter: invalid number '" + raw + "' at position " + (start + 1));
  }

  private static FilterException invalidDateTime(String raw, int start) {
    return new FilterException(
        "$filter: invalid date-time "
            + raw
            + " at position "
            + (start + 1)
            + " (expected ISO-8601 with an offset, e.g. 2024-01-01T00:00:00Z)");
  }

  private static FilterException unexpectedCharacter(char c, int start) {
    String hint =
        switch (c) {
          case '"' -> " (strings are enclosed in single quotes)";
          case '=', '!', '<', '>' -> " (comparison operators are eq, ne, gt, ge, lt, le)";
          case '&', '|' -> " (logical operators are and, or, not)";
          default -> "";
        };
    return new FilterException(
        "$filter: unexpected character '" + c + "' at position " + (start + 1) + hint);
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isValuePart(char c) {
    return isWordPart(c) || c == ':' || c == '.' || c == '+' || c == '-';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c);
  }
}
