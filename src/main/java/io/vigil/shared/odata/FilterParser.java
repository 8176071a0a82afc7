package io.vigil.shared.odata;

import io.vigil.shared.odata.FilterExpression.And;
import io.vigil.shared.odata.FilterExpression.Any;
import io.vigil.shared.odata.FilterExpression.Comparison;
import io.vigil.shared.odata.FilterExpression.Function;
import io.vigil.shared.odata.FilterExpression.In;
import io.vigil.shared.odata.FilterExpression.Not;
import io.vigil.shared.odata.FilterExpression.Operator;
import io.vigil.shared.odata.FilterExpression.Or;
import io.vigil.shared.odata.FilterExpression.StringFunction;
import io.vigil.shared.odata.FilterLexer.Kind;
import io.vigil.shared.odata.FilterLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Parses the subset of OData {@code $filter} syntax that Sentinel API clients send.
 *
 * <p>Supported: {@code and}, {@code or}, {@code not} (precedence not &gt; and &gt; or) and
 * parentheses; {@code eq ne gt ge lt le} and {@code in (...)} between a field path and a value;
 * {@code contains}, {@code startswith}, {@code endswith} and the OData v3 {@code substringof}, each
 * optionally followed by {@code eq true} or {@code eq false}; and {@code path/any(x: ...)}. Values
 * are single-quoted strings ({@code ''} escapes a quote), numbers, {@code true}, {@code false},
 * {@code null}, and date-times either unquoted ({@code 2024-01-01T00:00:00.1234567Z}) or as {@code
 * datetime'...'}. Keywords and function names are case-insensitive; field paths are kept as
 * written.
 *
 * <p>Input is bounded to {@value #MAX_LENGTH} characters and {@value #MAX_DEPTH} levels of nesting
 * (parentheses, {@code not} and {@code any}) so that hostile input cannot exhaust the stack.
 */
public final class FilterParser {

  /** The longest accepted filter, in characters. */
  public static final int MAX_LENGTH = 4_000;

  /** The deepest accepted nesting of parentheses, {@code not} and {@code any}. */
  public static final int MAX_DEPTH = 32;

  private static final Set<String> RESERVED =
      Set.of("and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le", "in", "true", "false", "null");

  private final FilterLexer lexer;
  private Token current;
  private int depth;
  // The innermost lambda variable; paths inside an any() predicate must start with it.
  private String variable;

  private FilterParser(String text) {
    this.lexer = new FilterLexer(text);
    this.current = lexer.next();
  }

  /**
   * Parses a {@code $filter} expression.
   *
   * @param text the filter as sent by the client (already URL-decoded)
   * @return the syntax tree
   * @throws FilterException if the text is not a valid filter, naming the position and token
   */
  public static FilterExpression parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new FilterException(
          "$filter: is " + text.length() + " characters long; the maximum is " + MAX_LENGTH);
    }
    FilterParser parser = new FilterParser(text);
    FilterExpression expression = parser.parseOr();
    Token trailing = parser.peek();
    if (trailing.kind() != Kind.END) {
      throw error("expected 'and', 'or' or the end of the filter", trailing);
    }
    return expression;
  }

  private FilterExpression parseOr() {
    FilterExpression left = parseAnd();
    while (peek().isKeyword("or")) {
      advance();
      left = new Or(left, parseAnd());
    }
    return left;
  }

  private FilterExpression parseAnd() {
    FilterExpression left = parseUnary();
    while (peek().isKeyword("and")) {
      advance();
      left = new And(left, parseUnary());
    }
    return left;
  }

  private FilterExpression parseUnary() {
    Token token = peek();
    if (token.isKeyword("not")) {
      advance();
      enter(token);
      FilterExpression operand = parseUnary();
      depth--;
      return new Not(operand);
    }
    return parsePrimary();
  }

  private FilterExpression parsePrimary() {
    Token token = advance();
    if (token.kind() == Kind.OPEN) {
      enter(token);
      FilterExpression inner = parseOr();
      depth--;
      expect(Kind.CLOSE, "')' to close the '(' at position " + token.position());
      return inner;
    }
    if (token.kind() != Kind.WORD || isReserved(token)) {
      throw error("expected a condition (a field path, a function or '(')", token);
    }
    boolean isPath = token.text().indexOf('/') >= 0;
    if (!isPath && peek().kind() == Kind.OPEN) {
      return parseFunction(token);
    }
    String lastSegment = token.text().substring(token.text().lastIndexOf('/') + 1);
    if (isPath && peek().kind() == Kind.OPEN && lastSegment.equalsIgnoreCase("any")) {
      return parseAny(token);
    }
    if (isPath && peek().kind() == Kind.OPEN && lastSegment.equalsIgnoreCase("all")) {
      throw problem("the lambda operator all() is not supported", token, "use not and any()");
    }
    return parseComparison(token);
  }

  private FilterExpression parseComparison(Token pathToken) {
    String path = resolvePath(pathToken);
    Token operatorToken = advance();
    for (Operator operator : Operator.values()) {
      if (operatorToken.isKeyword(operator.keyword())) {
        return new Comparison(path, operator, parseValue(operatorToken));
      }
    }
    if (operatorToken.isKeyword("in")) {
      expect(Kind.OPEN, "'(' to start the list after 'in'");
      List<Literal> values = new ArrayList<>();
      values.add(parseValue(operatorToken));
      while (peek().kind() == Kind.COMMA) {
        values.add(parseValue(advance()));
      }
      expect(Kind.CLOSE, "',' or ')' in the list after 'in'");
      return new In(path, values);
    }
    throw error(
        "expected a comparison operator (eq, ne, gt, ge, lt, le, in) after '"
            + pathToken.text()
            + "'",
        operatorToken);
  }

  /** Reads a literal value; {@code after} is the token it follows, used in the error message. */
  private Literal parseValue(Token after) {
    Token token = advance();
    switch (token.kind()) {
      case STRING, NUMBER, DATETIME:
        return token.literal();
      default:
        break;
    }
    if (token.isKeyword("true")) {
      return new Literal.BooleanValue(true);
    }
    if (token.isKeyword("false")) {
      return new Literal.BooleanValue(false);
    }
    if (token.isKeyword("null")) {
      return Literal.NULL;
    }
    throw error("expected a value after '" + after.text() + "'", token);
  }

  private FilterExpression parseFunction(Token name) {
    String function = name.text().toLowerCase(Locale.ROOT);
    FilterExpression call;
    switch (function) {
      case "contains", "startswith", "endswith" -> {
        expect(Kind.OPEN, "'(' after '" + name.text() + "'");
        String path = resolvePath(expectPath(name));
        expect(Kind.COMMA, "',' between the arguments of '" + name.text() + "'");
        String value = expectString(name);
        expect(Kind.CLOSE, "')' to close '" + name.text() + "('");
        Function kind = Function.valueOf(function.toUpperCase(Locale.ROOT));
        call = new StringFunction(kind, path, value);
      }
      case "substringof" -> {
        // OData v3 spelling of contains, with the arguments the other way round.
        expect(Kind.OPEN, "'(' after '" + name.text() + "'");
        String value = expectString(name);
        expect(Kind.COMMA, "',' between the arguments of '" + name.text() + "'");
        String path = resolvePath(expectPath(name));
        expect(Kind.CLOSE, "')' to close '" + name.text() + "('");
        call = new StringFunction(Function.CONTAINS, path, value);
      }
      default ->
          throw problem(
              "unsupported function '" + name.text() + "'",
              name,
              "supported are contains, startswith, endswith and substringof");
    }
    return withBooleanSuffix(call);
  }

  /** Applies an optional {@code eq true}, {@code eq false}, {@code ne true} or {@code ne false}. */
  private FilterExpression withBooleanSuffix(FilterExpression call) {
    Token operator = peek();
    boolean eq = operator.isKeyword("eq");
    if (!eq && !operator.isKeyword("ne")) {
      return call;
    }
    advance();
    Token value = advance();
    if (!value.isKeyword("true") && !value.isKeyword("false")) {
      throw error("expected true or false after '" + operator.text() + "'", value);
    }
    boolean wanted = eq == value.isKeyword("true");
    return wanted ? call : new Not(call);
  }

  private FilterExpression parseAny(Token pathToken) {
    String written = pathToken.text();
    Token collectionToken =
        new Token(
            Kind.WORD, written.substring(0, written.lastIndexOf('/')), null, pathToken.index());
    String collectionPath = resolvePath(collectionToken);
    Token open = advance();
    enter(open);
    Token name = advance();
    if (name.kind() == Kind.CLOSE) {
      throw error("expected a lambda such as any(x: x/name eq 'value')", name);
    }
    if (name.kind() != Kind.WORD || isReserved(name) || name.text().indexOf('/') >= 0) {
      throw error("expected a lambda variable name after 'any('", name);
    }
    expect(Kind.COLON, "':' after the lambda variable '" + name.text() + "'");
    String outer = variable;
    variable = name.text();
    FilterExpression predicate = parseOr();
    variable = outer;
    depth--;
    expect(Kind.CLOSE, "')' to close the any( at position " + open.position());
    return new Any(collectionPath, name.text(), predicate);
  }

  /**
   * Returns the path as stored in the tree: as written outside a lambda, and relative to the lambda
   * variable inside one.
   */
  private String resolvePath(Token token) {
    String path = token.text();
    if (variable == null) {
      return path;
    }
    if (path.equals(variable)) {
      return FilterExpression.THIS;
    }
    if (path.startsWith(variable + "/")) {
      return path.substring(variable.length() + 1);
    }
    throw problem(
        "field path '" + path + "'",
        token,
        "inside any(" + variable + ": ...) paths must start with '" + variable + "/'");
  }

  private Token expectPath(Token function) {
    Token token = advance();
    if (token.kind() != Kind.WORD || isReserved(token)) {
      throw error("expected a field path as argument of '" + function.text() + "'", token);
    }
    return token;
  }

  private String expectString(Token function) {
    Token token = advance();
    if (token.kind() != Kind.STRING) {
      throw error("expected a quoted string as argument of '" + function.text() + "'", token);
    }
    return ((Literal.StringValue) token.literal()).value();
  }

  private void expect(Kind kind, String what) {
    Token token = advance();
    if (token.kind() != kind) {
      throw error("expected " + what, token);
    }
  }

  private void enter(Token token) {
    if (++depth > MAX_DEPTH) {
      throw new FilterException(
          "$filter: nested deeper than " + MAX_DEPTH + " levels at position " + token.position());
    }
  }

  private Token peek() {
    return current;
  }

  private Token advance() {
    Token token = current;
    // Staying on END lets every caller report "found the end of the filter".
    if (token.kind() != Kind.END) {
      current = lexer.next();
    }
    return token;
  }

  private static boolean isReserved(Token token) {
    return RESERVED.contains(token.text().toLowerCase(Locale.ROOT));
  }

  /** A problem with the token itself, followed by advice on what to write instead. */
  private static FilterException problem(String message, Token token, String advice) {
    return new FilterException(
        "$filter: " + message + " at position " + token.position() + "; " + advice);
  }

  /** Something else was expected, e.g. {@code $filter: expected X but found Y at position N}. */
  private static FilterException error(String expected, Token found) {
    return new FilterException(
        "$filter: "
            + expected
            + " but found "
            + found.describe()
            + " at position "
            + found.position());
  }
}
