package io.vigil.automation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.automation.engine.Condition.BooleanCondition;
import io.vigil.automation.engine.Condition.PropertyArrayCondition;
import io.vigil.automation.engine.Condition.PropertyArrayCondition.ArrayType;
import io.vigil.automation.engine.Condition.PropertyCondition;
import io.vigil.incident.EntityKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** A {@link RuleSet} must say of every rule exactly what {@link CompiledRule#matches} says. */
class RuleSetTest {
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2025, 6, 17, 9, 0, 0, 0, ZoneOffset.UTC);
  private static final Trigger CREATED = Trigger.created("User");

  @Test
  void agreesWithTheConditionsOnGeneratedRulesAndIncidents() {
    RuleEngineFixture fixture = new RuleEngineFixture(7);
    RuleSet set = RuleSet.of(fixture.rules(300, NOW));
    int matches = 0;
    for (RuleEngineFixture.Incident incident : fixture.incidents(100, 0, 20)) {
      Facts facts = RuleEngineBenchmark.facts(incident, "User");
      RuleSet.Matcher matcher = set.matcher(new Condition.Evaluation(facts, CREATED));
      Condition.Evaluation reference = new Condition.Evaluation(facts, CREATED);
      for (int i = 0; i < set.rules().size(); i++) {
        boolean expected = set.rules().get(i).matches(reference);
        assertThat(matcher.matches(i)).as("rule %d", i).isEqualTo(expected);
        matches += expected ? 1 : 0;
      }
    }
    assertThat(matches).isPositive();
  }

  @Test
  void agreesOnEveryOperatorWithSharedAndAbsentValues() {
    Facts facts =
        Facts.builder()
            .add(Property.IncidentTitle, "Suspicious sign-in")
            .addAll(Property.IncidentLabel, List.of("VIP", "EU"))
            .add(Property.IncidentDescription, "")
            .entity(
                EntityKind.Host, JsonNodeFactory.instance.objectNode().put("hostName", "SRV-DC-01"))
            .entity(EntityKind.Host, JsonNodeFactory.instance.objectNode().put("hostName", "ws-1"))
            .customDetail("SourceIP", List.of("1.2.3.4"))
            .build();
    List<String> values =
        List.of("", "suspicious sign-in", "sign", "suspicious", "in", "vip", "srv-", "-01", "ws-1");
    List<Property> properties =
        List.of(
            Property.IncidentTitle,
            Property.IncidentLabel,
            Property.IncidentDescription,
            Property.IncidentStatus,
            Property.HostName,
            Property.AccountName);
    List<Condition> conditions = new ArrayList<>();
    for (Property property : properties) {
      for (Operator operator : Operator.values()) {
        for (int i = 0; i < values.size(); i++) {
          conditions.add(
              new PropertyCondition(
                  property, operator, List.of(values.get(i), values.get((i * 3 + 1) % 9))));
        }
      }
    }
    List<CompiledRule> rules = new ArrayList<>();
    // Every condition alone, then in Boolean And/Or pairs, then several of them in one rule.
    for (Condition c : conditions) {
      rules.add(rule(List.of(c)));
    }
    for (int i = 0; i + 1 < conditions.size(); i += 7) {
      Condition a = conditions.get(i);
      Condition b = conditions.get((i * 13 + 5) % conditions.size());
      rules.add(rule(List.of(new BooleanCondition(false, List.of(a, b)))));
      rules.add(rule(List.of(new BooleanCondition(true, List.of(a, b)), a)));
      rules.add(rule(List.of(b, new BooleanCondition(false, List.of(a, b)), a)));
    }
    rules.add(rule(List.of()));
    rules.add(
        rule(
            List.of(
                conditions.get(3),
                new PropertyArrayCondition(
                    ArrayType.CustomDetails,
                    false,
                    List.of(
                        new PropertyCondition(
                            Property.IncidentCustomDetailsKey,
                            Operator.Equals,
                            List.of("sourceip")))))));
    RuleSet set = RuleSet.of(rules);
    RuleSet.Matcher matcher = set.matcher(new Condition.Evaluation(facts, CREATED));
    Condition.Evaluation reference = new Condition.Evaluation(facts, CREATED);
    int matched = 0;
    for (int i = 0; i < rules.size(); i++) {
      boolean expected = rules.get(i).matches(reference);
      assertThat(matcher.matches(i)).as("%s", rules.get(i).conditions()).isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    assertThat(matched).isBetween(1, rules.size() - 1);
  }

  private static CompiledRule rule(List<Condition> conditions) {
    return new CompiledRule(
        "r", "r", 1, true, null, Trigger.Kind.IncidentCreated, conditions, List.of());
  }
}
