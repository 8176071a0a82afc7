package io.vigil.playbook.expression;

import io.vigil.playbook.expression.Lexer.Kind;
import io.vigil.playbook.expression.Lexer.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Recursive-descent parser for one expression:
 *
 * <pre>
 * expression := primary ( '[' expression ']' | '?[' expression ']' | '.' name | '?.' name )*
 * primary    := string | number | true | false | null | name '(' [ expression (',' expression)* ] ')'
 * </pre>
 *
 * Built-in functions have their argument count checked here, so that a definition with {@code
 * concat()} is refused when it is saved rather than when it runs.
 */
final class Parser {
  /** The parsed expression and the offset just after it (after the closing brace, if braced). */
  record Result(Expr expression, int end) {}

  private final Lexer lexer;

  private Parser(String text, int start) {
    this.lexer = new Lexer(text, start);
  }

  /**
   * Parses the expression starting at {@code start}: up to the end of {@code text} for a whole
   * {@code @expr}, or up to its closing brace when {@code braced} (an {@code @{expr}} part).
   */
  static Result parse(String text, int start, boolean braced) {
    Parser parser = new Parser(text, start);
    Expr expression = parser.expression();
    Token last = parser.lexer.next();
    if (braced && last.kind() != Kind.CLOSE_BRACE) {
      throw expected("'}' to close '@{'", last);
    }
    if (!braced && last.kind() != Kind.END) {
      throw new ExpressionException(
          "Unexpected " + last.describe() + " after the end of the expression.", last.position());
    }
    return new Result(expression, last.end());
  }

  private Expr expression() {
    Expr expression = primary();
    while (true) {
      Token token = lexer.peek();
      switch (token.kind()) {
        case OPEN_BRACKET, NULL_SAFE_BRACKET -> {
          lexer.next();
          Expr key = expression();
          Token close = lexer.next();
          if (close.kind() != Kind.CLOSE_BRACKET) {
            throw expected("']'", close);
          }
          boolean nullSafe = token.kind() == Kind.NULL_SAFE_BRACKET;
          expression = new Expr.Access(expression, key, nullSafe, token.position());
        }
        case DOT, NULL_SAFE_DOT -> {
          lexer.next();
          Token name = lexer.next();
          if (name.kind() != Kind.IDENTIFIER) {
            throw expected("a property name after '" + token.value() + "'", name);
          }
          Expr key = new Expr.Literal(Values.string(name.value()), name.position());
          boolean nullSafe = token.kind() == Kind.NULL_SAFE_DOT;
          expression = new Expr.Access(expression, key, nullSafe, token.position());
        }
        default -> {
          return expression;
        }
      }
    }
  }

  private Expr primary() {
    Token token = lexer.next();
    switch (token.kind()) {
      case STRING:
        return new Expr.Literal(Values.string(token.value()), token.position());
      case NUMBER:
        return new Expr.Literal(number(token), token.position());
      case IDENTIFIER:
        if (lexer.peek().kind() == Kind.OPEN_PAREN) {
          lexer.next();
          return call(token);
        }
        JsonNode keyword = keyword(token.value());
        if (keyword == null) {
          throw new ExpressionException(
              "'"
                  + token.value()
                  + "' is neither a function call nor true, false or null;"
                  + " expected '(' after it.",
              token.end());
        }
        return new Expr.Literal(keyword, token.position());
      default:
        throw expected(
            "a function call, a string in single quotes, a number, true, false or null", token);
    }
  }

  private Expr call(Token name) {
    List<Expr> arguments = new ArrayList<>();
    if (lexer.peek().kind() == Kind.CLOSE_PAREN) {
      lexer.next();
    } else {
      while (true) {
        arguments.add(expression());
        Token separator = lexer.next();
        if (separator.kind() == Kind.CLOSE_PAREN) {
          break;
        }
        if (separator.kind() != Kind.COMMA) {
          throw expected("',' or ')' in the call of '" + name.value() + "'", separator);
        }
      }
    }
    String lowerName = name.value().toLowerCase(Locale.ROOT);
    String arity = Functions.checkArity(lowerName, arguments.size());
    if (arity != null) {
      throw new ExpressionException(arity, name.position());
    }
    return new Expr.FunctionCall(lowerName, name.value(), arguments, name.position());
  }

  private static JsonNode keyword(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "true" -> Values.bool(true);
      case "false" -> Values.bool(false);
      case "null" -> Values.NULL;
      default -> null;
    };
  }

  private static JsonNode number(Token token) {
    String text = token.value();
    try {
      if (text.contains(".") || text.contains("e") || text.contains("E")) {
        return Values.number(Double.parseDouble(text));
      }
      BigInteger value = new BigInteger(text);
      if (value.bitLength() < 64) {
        return Values.number(value.longValue());
      }
      return Values.number(new BigDecimal(value));
    } catch (NumberFormatException e) {
      throw new ExpressionException("'" + text + "' is not a valid number.", token.position());
    }
  }

  private static ExpressionException expected(String what, Token found) {
    return new ExpressionException(
        "Expected " + what + " but found " + found.describe() + ".", found.position());
  }
}
