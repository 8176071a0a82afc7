package io.vigil.automation.engine;

import io.vigil.automation.engine.RuleEngineFixture.Entity;
import io.vigil.automation.engine.RuleEngineFixture.Incident;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the automation runner takes to decide which of a workspace's 512 incident-creation rules
 * apply to a new incident: build the incident's {@link Facts} (title, severity, labels, analytics
 * rules, alerts and up to 20 entities) and test every rule, in run order, as {@code
 * AutomationRunner.run} does. Actions are not run. Run it with {@code bench/rule-engine.sh}; see
 * docs/benchmarks.md.
 *
 * <p>Rules and incidents come from {@link RuleEngineFixture} with a fixed seed. Each invocation
 * takes the next of {@value #INCIDENTS} incidents, so that the figures cover a mix of incidents
 * rather than one the branch predictor has learnt.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RuleEngineBenchmark {
  static final int RULES = 512;
  static final int INCIDENTS = 256;
  static final long SEED = 20250617L;

  /** Entities per incident: {@code 1-20} (uniformly spread) or exactly {@code 20}. */
  @Param({"1-20", "20"})
  public String entities;

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2025, 6, 17, 9, 0, 0, 0, ZoneOffset.UTC);

  private final Trigger trigger = Trigger.created(UpdatedBySource.User.name());
  private RuleSet ruleSet;
  private CompiledRule[] rules;
  private Incident[] incidents;
  private Facts[] prebuilt;
  private int next;

  @Setup
  public void setUp() {
    RuleEngineFixture fixture = new RuleEngineFixture(SEED);
    ruleSet = RuleSet.of(fixture.rules(RULES, NOW));
    rules = ruleSet.rules().toArray(CompiledRule[]::new);
    String[] range = entities.split("-");
    int min = Integer.parseInt(range[0]);
    int max = Integer.parseInt(range[range.length - 1]);
    incidents = fixture.incidents(INCIDENTS, min, max).toArray(Incident[]::new);
    prebuilt = new Facts[incidents.length];
    for (int i = 0; i < incidents.length; i++) {
      prebuilt[i] = facts(incidents[i], trigger.updatedBySource());
    }
    checkMatchFraction();
  }

  /** Fails unless about a tenth of the rules match a typical incident, as in a real workspace. */
  private void checkMatchFraction() {
    long matches = 0;
    int fewest = RULES;
    int most = 0;
    for (Incident incident : incidents) {
      int n = evaluate(incident);
      matches += n;
      fewest = Math.min(fewest, n);
      most = Math.max(most, n);
    }
    double fraction = (double) matches / ((long) RULES * incidents.length);
    System.out.printf(
        Locale.ROOT,
        "%n%d rules, %d incidents with %s entities: %.1f%% of rules match an incident"
            + " (%.1f on average, %d to %d)%n",
        RULES,
        incidents.length,
        entities,
        100 * fraction,
        (double) matches / incidents.length,
        fewest,
        most);
    if (fraction < 0.05 || fraction > 0.15) {
      throw new IllegalStateException(
          "Expected 5% to 15% of the rules to match an incident, not " + 100 * fraction + "%");
    }
  }

  /**
   * Facts for one incident, then every rule tested: what the runner does per trigger. The target
   * applies to this one.
   */
  @Benchmark
  public int evaluateAllRules() {
    Incident incident = incidents[next];
    next = (next + 1) % incidents.length;
    return evaluate(incident);
  }

  /** Every rule tested against facts built beforehand: the share of the rules themselves. */
  @Benchmark
  public int evaluateAllRulesPrebuiltFacts() {
    Facts facts = prebuilt[next];
    next = (next + 1) % prebuilt.length;
    return evaluate(facts);
  }

  private int evaluate(Incident incident) {
    return evaluate(facts(incident, trigger.updatedBySource()));
  }

  private int evaluate(Facts facts) {
    int matched = 0;
    RuleSet.Matcher matcher = ruleSet.matcher(new Condition.Evaluation(facts, trigger));
    for (int i = 0; i < rules.length; i++) {
      CompiledRule rule = rules[i];
      if (rule.trigger() == trigger.kind() && rule.isActive(NOW) && matcher.matches(i)) {
        matched++;
      }
    }
    return matched;
  }

  /**
   * The facts of an incident, built as {@code io.vigil.automation.IncidentFacts.of} builds them
   * (that class is not visible here).
   */
  static Facts facts(Incident incident, String updatedBySource) {
    Facts.Builder facts =
        Facts.builder()
            .add(Property.IncidentTitle, incident.title())
            .add(Property.IncidentDescription, incident.description())
            .add(Property.IncidentSeverity, incident.severity())
            .add(Property.IncidentStatus, incident.status())
            .addAll(Property.IncidentRelatedAnalyticRuleIds, incident.relatedAnalyticRuleIds())
            .addAll(Property.IncidentTactics, incident.tactics())
            .addAll(Property.IncidentLabel, incident.labels())
            .add(Property.IncidentProviderName, incident.providerName())
            .add(Property.IncidentUpdatedBySource, updatedBySource)
            .addAll(Property.AlertProductNames, incident.alertProductNames())
            .addAll(Property.AlertAnalyticRuleIds, incident.alertAnalyticRuleIds());
    List<Entity> entities = incident.entities();
    for (Entity entity : entities) {
      facts.entity(entity.kind(), entity.properties());
    }
    return facts.build();
  }
}
