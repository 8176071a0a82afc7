package io.vigil.playbook.expression;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The built-in functions of the workflow definition language: string, collection, logical,
 * conversion, math, date-time, URI and object functions. Any other name (triggerBody, body, items,
 * variables, parameters, ...) is a run-state function that {@link ExpressionContext} answers.
 */
public final class Functions {
  /** No upper limit on the number of arguments. */
  static final int MANY = Integer.MAX_VALUE;

  @FunctionalInterface
  interface Implementation {
    JsonNode apply(Args args);
  }

  record Builtin(String name, int minArguments, int maxArguments, Implementation implementation) {}

  /** Collects the functions of each family; names are stored lower-cased. */
  static final class Registry {
    private final Map<String, Builtin> functions = new HashMap<>();

    void add(String name, int minArguments, int maxArguments, Implementation implementation) {
      String key = name.toLowerCase(Locale.ROOT);
      if (functions.put(key, new Builtin(name, minArguments, maxArguments, implementation))
          != null) {
        throw new IllegalStateException("Function registered twice: " + name);
      }
    }
  }

  private static final Map<String, Builtin> BUILT_INS;

  static {
    Registry registry = new Registry();
    StringFunctions.register(registry);
    CollectionFunctions.register(registry);
    LogicalFunctions.register(registry);
    ConversionFunctions.register(registry);
    MathFunctions.register(registry);
    DateTimeFunctions.register(registry);
    UriFunctions.register(registry);
    ObjectFunctions.register(registry);
    BUILT_INS = Map.copyOf(registry.functions);
  }

  private Functions() {}

  /** Whether {@code name} (in any letter case) is a built-in function rather than run state. */
  public static boolean isBuiltIn(String name) {
    return name != null && BUILT_INS.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Calls a built-in with arguments already evaluated: how the engine evaluates the object form of
   * conditions ({@code {"and": [{"equals": ["@x", 1]}]}}) that If and Until accept beside
   * expressions. Throws {@link ExpressionException} for an unknown name or wrong arguments.
   */
  public static JsonNode call(
      String name, java.util.List<JsonNode> arguments, ExpressionContext context) {
    String key = name.toLowerCase(Locale.ROOT);
    Builtin builtin = BUILT_INS.get(key);
    if (builtin == null) {
      throw new ExpressionException(
          "The template function '" + name + "' is not defined or not valid.");
    }
    String arity = checkArity(key, arguments.size());
    if (arity != null) {
      throw new ExpressionException(arity);
    }
    JsonNode result =
        builtin
            .implementation()
            .apply(new Args(builtin.name(), arguments.size(), arguments::get, context));
    return result == null ? Values.NULL : result;
  }

  static Builtin lookup(String lowerCaseName) {
    return BUILT_INS.get(lowerCaseName);
  }

  static int maxArity(String name) {
    Builtin builtin = BUILT_INS.get(name.toLowerCase(Locale.ROOT));
    return builtin == null ? MANY : builtin.maxArguments();
  }

  /** The error for calling a built-in with {@code count} arguments, or null when it is fine. */
  static String checkArity(String lowerCaseName, int count) {
    Builtin builtin = BUILT_INS.get(lowerCaseName);
    if (builtin == null) {
      return null;
    }
    int min = builtin.minArguments();
    int max = builtin.maxArguments();
    if (count >= min && count <= max) {
      return null;
    }
    String expected;
    if (min == max) {
      expected = count(min);
    } else if (max == MANY) {
      expected = "at least " + count(min);
    } else if (max == min + 1) {
      expected = words(min) + " or " + count(max);
    } else {
      expected = "between " + words(min) + " and " + count(max);
    }
    return "The template language function '"
        + builtin.name()
        + "' expects "
        + expected
        + " but was given "
        + count
        + ".";
  }

  private static String count(int n) {
    return words(n) + (n == 1 ? " parameter" : " parameters");
  }

  private static String words(int n) {
    String[] words = {"no", "one", "two", "three", "four", "five", "six"};
    return n < words.length ? words[n] : Integer.toString(n);
  }
}
