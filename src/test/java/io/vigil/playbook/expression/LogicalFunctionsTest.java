package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogicalFunctionsTest {

  @Test
  void equalsIsDeepAndCaseSensitive() {
    check("@equals('abc', 'abc')", "true");
    check("@equals('abc', 'ABC')", "false");
    check("@equals('abc', 'abcd')", "false");
    check("@equals(1, 1.0)", "true");
    check("@equals(1, '1')", "false");
    check("@equals(true, 1)", "false");
    check("@equals(createArray(1, json('{\"a\": [2]}')), json('[1, {\"a\": [2]}]'))", "true");
    check("@equals(json('{\"a\": 1, \"b\": 2}'), json('{\"b\": 2, \"a\": 1}'))", "true");
    check("@equals(json('{\"a\": 1}'), json('{\"a\": 1, \"b\": 2}'))", "false");
    check("@equals(triggerBody()?['object']?['properties']?['severity'], 'High')", "true");
  }

  @Test
  void nullEqualsNullAndTheEmptyString() {
    check("@equals(null, null)", "true");
    check("@equals(triggerBody()?['none'], null)", "true");
    check("@equals(triggerBody()?['none'], '')", "true");
    check("@equals(null, 0)", "false");
  }

  @Test
  void booleanLogic() {
    check("@not(false)", "true");
    check("@not(equals(1, 1))", "false");
    check("@and(true, true)", "true");
    check("@and(true, false, true)", "false");
    check("@or(false, false)", "false");
    check("@or(false, true)", "true");
    check("@if(equals(1, 1), 'yes', 'no')", "\"yes\"");
    check("@if(false, 'yes', createArray(1))", "[1]");
    assertThat(error("@not('true')").getMessage())
        .contains(
            "function 'not' expects its parameter to be a boolean. The provided value is"
                + " of type 'String'.");
    assertThat(error("@and(true, 1)").getMessage())
        .contains("expects its second parameter to be a boolean");
    assertThat(error("@if(1, 'a', 'b')").getMessage())
        .contains("expects its first parameter to be a boolean");
  }

  @Test
  void comparisonsOfNumbersAndStrings() {
    check("@greater(10, 5)", "true");
    check("@greater('apple', 'banana')", "false");
    check("@greater(2.5, 2)", "true");
    check("@greaterOrEquals(5, 5)", "true");
    check("@greaterOrEquals('apple', 'banana')", "false");
    check("@less(5, 10)", "true");
    check("@less('banana', 'apple')", "false");
    check("@lessOrEquals(10, 10)", "true");
    check("@lessOrEquals('apply', 'apple')", "false");
    check("@less(utcNow(), addDays(utcNow(), 1))", "true");
    assertThat(error("@greater(1, '2')").getMessage())
        .contains(
            "expects two numbers or two strings to compare. The provided values are of"
                + " types 'Integer' and 'String'.");
  }
}
