package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.error;
import static io.vigil.playbook.expression.Wdl.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MathFunctionsTest {

  @Test
  void integersStayIntegersAndFloatsSpread() {
    check("@add(1, 1)", "2");
    check("@add(1, 1.5)", "2.5");
    check("@sub(10, 3)", "7");
    check("@sub(10.3, .3)", "10.0");
    check("@mul(1, 2)", "2");
    check("@mul(1.5, 2)", "3.0");
    check("@add(variables('count'), -4)", "-1");
  }

  @Test
  void divTruncatesIntegersAndRefusesZero() {
    check("@div(10, 5)", "2");
    check("@div(11, 5)", "2");
    check("@div(-11, 5)", "-2");
    check("@div(11, 5.0)", "2.2");
    check("@div(11.0, 5)", "2.2");
    check("@mod(3, 2)", "1");
    check("@mod(-7, 3)", "-1");
    check("@mod(7.5, 2)", "1.5");
    assertThat(error("@div(1, 0)").getMessage())
        .contains("The template language function 'div' cannot divide by zero.");
    assertThat(error("@mod(1, 0.0)").getMessage()).contains("cannot divide by zero");
  }

  @Test
  void argumentsMustBeNumbers() {
    assertThat(error("@add('1', 2)").getMessage())
        .contains(
            "function 'add' expects its first parameter to be an integer or a float. The"
                + " provided value is of type 'String'.");
    assertThat(error("@mul(2, null)").getMessage()).contains("second parameter");
    assertThat(error("@add(9223372036854775807, 1)").getMessage()).contains("overflowed");
  }

  @Test
  void minAndMaxOfArgumentsOrAnArray() {
    check("@min(1, 2, 3)", "1");
    check("@min(createArray(4, 2.5, 3))", "2.5");
    check("@max(1, 2, 3)", "3");
    check("@max(createArray(1, 2, 3))", "3");
    check("@max(7)", "7");
    assertThat(error("@max(createArray())").getMessage()).contains("empty");
    assertThat(error("@min(1, 'a')").getMessage()).contains("only numbers");
  }

  @Test
  void randAndRange() {
    for (int i = 0; i < 50; i++) {
      assertThat(eval("@rand(1, 5)").intValue()).isBetween(1, 4);
    }
    assertThat(error("@rand(5, 5)").getMessage()).contains("less than");
    check("@range(1, 4)", "[1, 2, 3, 4]");
    check("@range(-2, 0)", "[]");
    assertThat(error("@range(0, 100001)").getMessage()).contains("100000");
  }
}
