package io.vigil.automation.engine;

import java.util.List;

/**
 * A workspace's rules in run order, compiled together so that testing all of them against an
 * incident is quick: this runs for every rule on every change of every incident.
 *
 * <p>Rules tend to repeat the same conditions and values (the same analytics rules, severities,
 * labels, service accounts, lab hosts), and testing 500 rules one by one means comparing the same
 * strings over and over, with loops whose outcome the processor cannot predict. Here every distinct
 * single-value test is a {@link Probes probe}, answered at most once per incident, and each rule is
 * a small {@link RuleProgram program} over the answers.
 */
public final class RuleSet {
  private static final Property[] PROPERTIES = Property.values();

  private final List<CompiledRule> rules;
  private final RuleProgram[] programs;
  private final Probes probes;

  private RuleSet(List<CompiledRule> rules) {
    this.rules = List.copyOf(rules);
    Probes.Builder builder = new Probes.Builder();
    programs = new RuleProgram[this.rules.size()];
    for (int i = 0; i < programs.length; i++) {
      programs[i] = RuleProgram.compile(this.rules.get(i).conditions(), builder);
    }
    probes = builder.build();
  }

  /** Compiles {@code rules}, in the order they run. */
  public static RuleSet of(List<CompiledRule> rules) {
    return new RuleSet(rules);
  }

  /** The rules, in run order: a rule's index here is what {@link Matcher#matches} takes. */
  public List<CompiledRule> rules() {
    return rules;
  }

  /** Tests rules against the facts of {@code evaluation}; it holds what it learns of them. */
  public Matcher matcher(Condition.Evaluation evaluation) {
    return new Matcher(evaluation);
  }

  /**
   * Tests the rules against one set of facts, remembering the answers to probes: make a new one
   * when the facts change. Not thread-safe.
   */
  public final class Matcher {
    private final Condition.Evaluation evaluation;
    private final boolean[] answered = new boolean[PROPERTIES.length];
    private final boolean[] answers = new boolean[probes.count()];

    private Matcher(Condition.Evaluation evaluation) {
      this.evaluation = evaluation;
    }

    /**
     * Whether every condition of the rule at {@code index} in {@link #rules()} holds, exactly as
     * {@link CompiledRule#matches} would say.
     */
    public boolean matches(int index) {
      return programs[index].test(this);
    }

    Condition.Evaluation evaluation() {
      return evaluation;
    }

    /** The answers to the probes, those of {@code property} among them. */
    boolean[] answers(int property) {
      if (!answered[property]) {
        answered[property] = true;
        probes.answer(property, evaluation.facts().values(PROPERTIES[property]), answers);
      }
      return answers;
    }
  }
}
