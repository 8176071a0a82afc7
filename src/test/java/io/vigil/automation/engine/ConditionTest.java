package io.vigil.automation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.automation.engine.Condition.PropertyArrayCondition;
import io.vigil.automation.engine.Condition.PropertyArrayCondition.ArrayType;
import io.vigil.automation.engine.Condition.PropertyCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {
  private final Facts facts =
      Facts.builder()
          .customDetail("DestinationEmail", List.of("pwned@bad-botnet.com", "x@contoso.com"))
          .customDetail("SourceIP", List.of("1.2.3.4"))
          .build();

  private boolean test(Condition condition) {
    return condition.test(new Condition.Evaluation(facts, Trigger.created("User")));
  }

  private static PropertyCondition property(Property property, Operator operator, String value) {
    return new PropertyCondition(property, operator, List.of(value.toLowerCase()));
  }

  @Test
  void insideAValueTheKeyIsStillTheEnclosingKey() {
    Condition keyWithinValues =
        new PropertyArrayCondition(
            ArrayType.CustomDetails,
            false,
            List.of(
                new PropertyArrayCondition(
                    ArrayType.CustomDetailValues,
                    false,
                    List.of(
                        property(
                            Property.IncidentCustomDetailsKey, Operator.Equals, "DestinationEmail"),
                        property(
                            Property.IncidentCustomDetailsValue, Operator.Contains, "botnet")))));
    assertThat(test(keyWithinValues)).isTrue();
    Condition wrongKey =
        new PropertyArrayCondition(
            ArrayType.CustomDetails,
            false,
            List.of(
                new PropertyArrayCondition(
                    ArrayType.CustomDetailValues,
                    false,
                    List.of(
                        property(Property.IncidentCustomDetailsKey, Operator.Equals, "SourceIP"),
                        property(
                            Property.IncidentCustomDetailsValue, Operator.Contains, "botnet")))));
    assertThat(test(wrongKey)).isFalse();
  }

  @Test
  void allItemsNeedsEveryValueToHold() {
    Condition allContoso =
        new PropertyArrayCondition(
            ArrayType.CustomDetailValues,
            true,
            List.of(property(Property.IncidentCustomDetailsValue, Operator.EndsWith, ".com")));
    assertThat(test(allContoso)).isFalse();
    Condition anyContoso =
        new PropertyArrayCondition(
            ArrayType.CustomDetailValues,
            false,
            List.of(property(Property.IncidentCustomDetailsValue, Operator.EndsWith, ".com")));
    assertThat(test(anyContoso)).isTrue();
  }

  @Test
  void negativeOperatorsHoldWhenNoValueMatches() {
    assertThat(Operator.NotEquals.test(new String[] {"a", "b"}, new String[] {"c"})).isTrue();
    assertThat(Operator.NotEquals.test(new String[] {"a", "b"}, new String[] {"b"})).isFalse();
    assertThat(Operator.NotContains.test(new String[] {}, new String[] {"x"})).isTrue();
    assertThat(Operator.Contains.test(new String[] {}, new String[] {"x"})).isFalse();
    assertThat(Operator.Contains.test(new String[] {"spray"}, new String[] {"spray"})).isTrue();
    assertThat(Operator.Contains.test(new String[] {"spr"}, new String[] {"spray"})).isFalse();
  }
}
