package io.vigil.playbook.expression;

/**
 * A template could not be parsed or evaluated. The message names the problem, the template text and
 * the position (0-based character offset into the template string) where it was found, the way
 * Logic Apps reports an {@code InvalidTemplate}.
 */
public class ExpressionException extends RuntimeException {
  private static final int MAX_QUOTED_TEXT = 300;

  private final String detail;
  private final int position;
  private final boolean located;

  /** A problem without a known position; the evaluator adds the position of the failing call. */
  public ExpressionException(String detail) {
    this(detail, -1);
  }

  public ExpressionException(String detail, int position) {
    this(detail, detail, position, false, null);
  }

  public ExpressionException(String detail, Throwable cause) {
    this(detail, detail, -1, false, cause);
  }

  private ExpressionException(
      String message, String detail, int position, boolean located, Throwable cause) {
    super(message, cause);
    this.detail = detail;
    this.position = position;
    this.located = located;
  }

  /** The error Logic Apps gives for a name that is neither built in nor known to the engine. */
  public static ExpressionException unknownFunction(String name) {
    return new ExpressionException(
        "The template function '" + name + "' is not defined or not valid.");
  }

  /** 0-based offset into the template text, or -1 when unknown. */
  public int position() {
    return position;
  }

  /** The problem alone, without the template text and position. */
  public String detail() {
    return detail;
  }

  /** This problem at {@code where}, unless it already has a position. */
  ExpressionException at(int where) {
    if (position >= 0 || where < 0) {
      return this;
    }
    return new ExpressionException(
        detail, detail, where, false, getCause() == null ? this : getCause());
  }

  /** Puts the template text into the message; a problem is placed in its template only once. */
  ExpressionException inTemplate(String text, boolean parsing) {
    if (located) {
      return this;
    }
    String where = position >= 0 ? " at position " + position : "";
    String message =
        parsing
            ? "The template language expression '" + quote(text) + "' is not valid" + where + ": "
            : "Unable to process template language expressions in '"
                + quote(text)
                + "'"
                + where
                + ": ";
    return new ExpressionException(
        message + detail, detail, position, true, getCause() == null ? this : getCause());
  }

  private static String quote(String text) {
    return text.length() <= MAX_QUOTED_TEXT ? text : text.substring(0, MAX_QUOTED_TEXT) + "...";
  }
}
