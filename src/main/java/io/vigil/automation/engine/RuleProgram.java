package io.vigil.automation.engine;

import io.vigil.automation.engine.Condition.BooleanCondition;
import io.vigil.automation.engine.Condition.PropertyArrayChangedCondition;
import io.vigil.automation.engine.Condition.PropertyChangedCondition;
import io.vigil.automation.engine.Condition.PropertyCondition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The conditions of one rule of a {@link RuleSet}, compiled into a flat array of ints whose
 * property tests refer to {@link Probes}. The conditions' objects ({@link Condition}) remain the
 * reference for what they mean, and what the dry run explains a rule with.
 *
 * <p>Instructions, each {@code [opcode, size, operands…]} with {@code size} counting all its ints:
 *
 * <ul>
 *   <li>{@code [PROPERTY, size, property, negative, probe…]}: a {@code Property} condition, holding
 *       when any of the probes does (or, negative, none does);
 *   <li>{@code [ALL or ANY, size, instructions…]}: a {@code Boolean} And or Or;
 *   <li>{@code [OBJECT, 3, index]}: any other condition, tested as an object ({@code
 *       objects[index]}).
 * </ul>
 */
final class RuleProgram {
  private static final int PROPERTY = 0;
  private static final int ALL = 1;
  private static final int ANY = 2;
  private static final int OBJECT = 3;

  private final int[] code;
  private final Condition[] objects;

  private RuleProgram(int[] code, Condition[] objects) {
    this.code = code;
    this.objects = objects;
  }

  /**
   * Compiles a rule's conditions, the likeliest to fail first (see {@link #likelyToFail}): they are
   * a conjunction of pure tests, so the order they are tested in cannot change whether the rule
   * matches, only how soon a rule that does not is given up. The sort is stable: among equals, the
   * declared order.
   */
  static RuleProgram compile(List<Condition> conditions, Probes.Builder probes) {
    Compiler compiler = new Compiler(probes);
    conditions.stream().sorted(Comparator.comparing(c -> !likelyToFail(c))).forEach(compiler::emit);
    return new RuleProgram(
        Arrays.copyOf(compiler.code, compiler.size), compiler.objects.toArray(Condition[]::new));
  }

  /** Whether every condition holds (true when there are none). */
  boolean test(RuleSet.Matcher matcher) {
    return block(0, code.length, true, matcher);
  }

  /** Whether all ({@code and}) or any (not {@code and}) of the instructions from..to hold. */
  private boolean block(int from, int to, boolean and, RuleSet.Matcher matcher) {
    for (int pc = from; pc < to; pc += code[pc + 1]) {
      if (test(pc, matcher) != and) {
        return !and;
      }
    }
    return and;
  }

  private boolean test(int pc, RuleSet.Matcher matcher) {
    int end = pc + code[pc + 1];
    return switch (code[pc]) {
      case PROPERTY -> {
        boolean[] answers = matcher.answers(code[pc + 2]);
        boolean any = false;
        for (int at = pc + 4; at < end && !any; at++) {
          any = answers[code[at]];
        }
        yield any != (code[pc + 3] != 0);
      }
      case ALL -> block(pc + 2, end, true, matcher);
      case ANY -> block(pc + 2, end, false, matcher);
      default -> objects[code[pc + 2]].test(matcher.evaluation());
    };
  }

  /**
   * Whether a condition picks out few incidents, so that testing it first rejects most rules
   * soonest: a property that must match one of a few values ({@code Equals}, {@code Contains}…), or
   * a change, does; an exclusion ({@code NotEquals}…) lets most incidents through.
   */
  static boolean likelyToFail(Condition condition) {
    if (condition instanceof PropertyCondition p) {
      return !p.operator().negative();
    }
    if (condition instanceof PropertyChangedCondition c) {
      return !c.operator().negative();
    }
    if (condition instanceof BooleanCondition b) {
      return b.and()
          ? b.inner().stream().anyMatch(RuleProgram::likelyToFail)
          : b.inner().stream().allMatch(RuleProgram::likelyToFail);
    }
    return condition instanceof PropertyArrayChangedCondition;
  }

  private static final class Compiler {
    private final Probes.Builder probes;
    private int[] code = new int[16];
    private int size;
    private final List<Condition> objects = new ArrayList<>();

    Compiler(Probes.Builder probes) {
      this.probes = probes;
    }

    void emit(Condition condition) {
      int start = size;
      if (condition instanceof PropertyCondition p) {
        add(PROPERTY);
        add(0); // the size, set below
        add(p.property().ordinal());
        add(p.operator().negative() ? 1 : 0);
        for (String value : p.values()) {
          add(probes.id(p.property(), p.operator(), value));
        }
      } else if (condition instanceof BooleanCondition b) {
        add(b.and() ? ALL : ANY);
        add(0);
        for (Condition inner : b.inner()) {
          emit(inner);
        }
      } else {
        add(OBJECT);
        add(0);
        add(objects.size());
        objects.add(condition);
      }
      code[start + 1] = size - start;
    }

    private void add(int word) {
      if (size == code.length) {
        code = Arrays.copyOf(code, size * 2);
      }
      code[size++] = word;
    }
  }
}
