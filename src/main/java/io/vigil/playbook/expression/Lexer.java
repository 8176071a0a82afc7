package io.vigil.playbook.expression;

/**
 * Splits the text of one expression into tokens, on demand, so that an interpolated {@code @{...}}
 * can end at its closing brace and the template scanner can carry on from there.
 */
final class Lexer {
  enum Kind {
    IDENTIFIER,
    STRING,
    NUMBER,
    OPEN_PAREN,
    CLOSE_PAREN,
    OPEN_BRACKET,
    NULL_SAFE_BRACKET,
    CLOSE_BRACKET,
    COMMA,
    DOT,
    NULL_SAFE_DOT,
    CLOSE_BRACE,
    END
  }

  /** {@code value} is the name, the unescaped string, or the number as written. */
  record Token(Kind kind, String value, int position, int end) {
    String describe() {
      return switch (kind) {
        case IDENTIFIER -> "'" + value + "'";
        case STRING -> "the string '" + value + "'";
        case NUMBER -> "the number " + value;
        case END -> "the end of the expression";
        default -> "'" + value + "'";
      };
    }
  }

  private final String text;
  private int index;
  private Token peeked;

  Lexer(String text, int start) {
    this.text = text;
    this.index = start;
  }

  Token peek() {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  Token next() {
    Token token = peek();
    peeked = null;
    return token;
  }

  private Token read() {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
    int start = index;
    if (index >= text.length()) {
      return new Token(Kind.END, "", start, start);
    }
    char c = text.charAt(index);
    switch (c) {
      case '(':
        return symbol(Kind.OPEN_PAREN, 1);
      case ')':
        return symbol(Kind.CLOSE_PAREN, 1);
      case '[':
        return symbol(Kind.OPEN_BRACKET, 1);
      case ']':
        return symbol(Kind.CLOSE_BRACKET, 1);
      case ',':
        return symbol(Kind.COMMA, 1);
      case '}':
        return symbol(Kind.CLOSE_BRACE, 1);
      case '?':
        if (index + 1 < text.length() && text.charAt(index + 1) == '[') {
          return symbol(Kind.NULL_SAFE_BRACKET, 2);
        }
        if (index + 1 < text.length() && text.charAt(index + 1) == '.') {
          return symbol(Kind.NULL_SAFE_DOT, 2);
        }
        throw new ExpressionException("'?' must be followed by '[' or '.'.", start);
      case '\'':
        return string();
      case '.':
        if (index + 1 < text.length() && isDigit(text.charAt(index + 1))) {
          return number();
        }
        return symbol(Kind.DOT, 1);
      default:
        break;
    }
    if (isDigit(c) || c == '-' || c == '+') {
      return number();
    }
    if (isIdentifierStart(c)) {
      while (index < text.length() && isIdentifierPart(text.charAt(index))) {
        index++;
      }
      return new Token(Kind.IDENTIFIER, text.substring(start, index), start, index);
    }
    throw new ExpressionException("The character '" + c + "' is not expected here.", start);
  }

  private Token symbol(Kind kind, int length) {
    int start = index;
    index += length;
    return new Token(kind, text.substring(start, index), start, index);
  }

  /** Single-quoted, with {@code ''} standing for one quote. */
  private Token string() {
    int start = index;
    StringBuilder value = new StringBuilder();
    index++;
    while (true) {
      if (index >= text.length()) {
        throw new ExpressionException(
            "The string literal starting here is not terminated by a single quote.", start);
      }
      char c = text.charAt(index++);
      if (c == '\'') {
        if (index < text.length() && text.charAt(index) == '\'') {
          value.append('\'');
          index++;
        } else {
          return new Token(Kind.STRING, value.toString(), start, index);
        }
      } else {
        value.append(c);
      }
    }
  }

  /** {@code -12}, {@code 3.5}, {@code .5}, {@code 1e3}: a sign only directly before the digits. */
  private Token number() {
    int start = index;
    if (text.charAt(index) == '-' || text.charAt(index) == '+') {
      index++;
    }
    int digits = skipDigits();
    if (index < text.length() && text.charAt(index) == '.') {
      index++;
      digits += skipDigits();
    }
    if (digits == 0) {
      throw new ExpressionException(
          "The character '" + text.charAt(start) + "' is not expected here.", start);
    }
    if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
      int mark = index;
      index++;
      if (index < text.length() && (text.charAt(index) == '-' || text.charAt(index) == '+')) {
        index++;
      }
      if (skipDigits() == 0) {
        index = mark;
      }
    }
    if (index < text.length() && isIdentifierPart(text.charAt(index))) {
      throw new ExpressionException(
          "The number '"
              + text.substring(start, index)
              + "' is followed by '"
              + text.charAt(index)
              + "'.",
          index);
    }
    return new Token(Kind.NUMBER, text.substring(start, index), start, index);
  }

  private int skipDigits() {
    int count = 0;
    while (index < text.length() && isDigit(text.charAt(index))) {
      index++;
      count++;
    }
    return count;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
