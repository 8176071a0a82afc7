package io.vigil.automation.engine;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An automation rule ready to evaluate: its trigger, its conditions (all must hold) and its actions
 * in order.
 */
public record CompiledRule(
    String name,
    String displayName,
    int order,
    boolean enabled,
    OffsetDateTime expirationTimeUtc,
    Trigger.Kind trigger,
    List<Condition> conditions,
    List<RuleAction> actions) {

  /**
   * The order rules run in: by {@code order}, ties broken by name without regard to case, then by
   * name — deterministic whatever order they were saved in.
   */
  public static final Comparator<CompiledRule> RUN_ORDER =
      Comparator.comparingInt(CompiledRule::order)
          .thenComparing(r -> r.name().toLowerCase(Locale.ROOT))
          .thenComparing(CompiledRule::name);

  /** Whether the rule runs at {@code now}: enabled and not expired. */
  public boolean isActive(OffsetDateTime now) {
    return enabled && (expirationTimeUtc == null || expirationTimeUtc.isAfter(now));
  }

  public CompiledRule {
    // Shared across threads through the rule cache: never to change.
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
  }

  /**
   * Whether every condition holds; a rule without conditions applies to every incident. This is the
   * definition: the runner tests rules through a {@link RuleSet}, which must agree with it.
   */
  public boolean matches(Condition.Evaluation evaluation) {
    for (int i = 0; i < conditions.size(); i++) {
      if (!conditions.get(i).test(evaluation)) {
        return false;
      }
    }
    return true;
  }
}
