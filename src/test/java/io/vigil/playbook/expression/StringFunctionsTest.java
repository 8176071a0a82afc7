package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.checkText;
import static io.vigil.playbook.expression.Wdl.error;
import static io.vigil.playbook.expression.Wdl.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringFunctionsTest {

  @Test
  void concatJoinsTheTextOfAnyValues() {
    checkText("@concat('Hello', 'World')", "HelloWorld");
    checkText(
        "@concat('n=', 1, ' ', 2.5, ' ', true, ' ', null, createArray(1))", "n=1 2.5 True [1]");
    checkText("@concat('only')", "only");
  }

  @Test
  void substringFailsOutsideTheString() {
    checkText("@substring('hello world', 6, 5)", "world");
    checkText("@substring('hello world', 6)", "world");
    checkText("@substring('abc', 3)", "");
    checkText("@substring('abc', 3, 0)", "");
    assertThat(error("@substring('hello', 2, 10)").getMessage())
        .contains("function 'substring' parameters are out of range")
        .contains("length of the string (5)");
    assertThat(error("@substring('hello', -1, 1)").getMessage()).contains("out of range");
    assertThat(error("@substring('hello', 6)").getMessage()).contains("out of range");
    assertThat(error("@substring(null, 0, 1)").getMessage())
        .contains(
            "expects its first parameter to be a string. The provided value is of type"
                + " 'Null'.");
    assertThat(error("@substring('abc', '1')").getMessage())
        .contains("second parameter to be an integer");
  }

  @Test
  void sliceClampsAndCountsNegativeIndexesFromTheEnd() {
    checkText("@slice('Hello World', 2)", "llo World");
    checkText("@slice('Hello World', 30)", "");
    checkText("@slice('Hello World', 10, 2)", "");
    checkText("@slice('Hello World', 2, 5)", "llo");
    checkText("@slice('Hello World', 6, 20)", "World");
    checkText("@slice('Hello World', -2)", "ld");
    checkText("@slice('Hello World', 3, -1)", "lo Worl");
  }

  @Test
  void replaceIsCaseSensitiveAndReplacesAll() {
    checkText("@replace('the old string old', 'old', 'new')", "the new string new");
    checkText("@replace('Old', 'old', 'new')", "Old");
    checkText("@replace('a-b', '-', null)", "ab");
    assertThat(error("@replace('abc', '', 'x')").getMessage()).contains("not to be empty");
  }

  @Test
  void caseAndWhitespace() {
    checkText("@toLower('Hello World')", "hello world");
    checkText("@toUpper('Hello World')", "HELLO WORLD");
    checkText("@trim('  Hello World \t\n')", "Hello World");
    assertThat(error("@toLower(null)").getMessage())
        .contains("function 'toLower' expects its parameter to be a string");
  }

  @Test
  void splitOnTheWholeDelimiterKeepingEmptyPieces() {
    check("@split('a_b_c', '_')", "[\"a\", \"b\", \"c\"]");
    check("@split('a_b_c', ' ')", "[\"a_b_c\"]");
    check("@split('a, b,,c', ', ')", "[\"a\", \"b,,c\"]");
    check("@split('a,,b,', ',')", "[\"a\", \"\", \"b\", \"\"]");
    check("@split('a.b', '.')", "[\"a\", \"b\"]");
    check("@split('ab', '')", "[\"ab\"]");
  }

  @Test
  void searchesIgnoreCase() {
    check("@indexOf('hello world', 'WORLD')", "6");
    check("@indexOf('hello world', 'moon')", "-1");
    check("@indexOf('hello', '')", "0");
    check("@lastIndexOf('hello world hello world', 'World')", "18");
    check("@lastIndexOf('hello world hello world', '')", "22");
    check("@lastIndexOf('', '')", "0");
    check("@lastIndexOf('', 'a')", "-1");
    check("@nthIndexOf('123456789123465789', '1', 1)", "0");
    check("@nthIndexOf('123456789123465789', '1', 2)", "9");
    check("@nthIndexOf('123456789123465789', '12', 2)", "9");
    check("@nthIndexOf('123456789123465789', '6', 4)", "-1");
    check("@nthIndexOf('abcabc', 'B', -1)", "4");
    check("@nthIndexOf('abcabc', 'b', -2)", "1");
    assertThat(error("@nthIndexOf('abc', 'a', 0)").getMessage()).contains("not to be 0");
    check("@startsWith('Hello world', 'hello')", "true");
    check("@startsWith('hello world', 'greetings')", "false");
    check("@endsWith('hello WORLD', 'world')", "true");
    check("@endsWith('hi', 'high')", "false");
  }

  @Test
  void guidFormats() {
    assertThat(eval("@guid()").stringValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(eval("@guid('N')").stringValue()).matches("[0-9a-f]{32}");
    assertThat(eval("@guid('b')").stringValue()).matches("\\{[0-9a-f-]{36}}");
    assertThat(eval("@guid('P')").stringValue()).matches("\\([0-9a-f-]{36}\\)");
    assertThat(eval("@guid('X')").stringValue())
        .matches(
            "\\{0x[0-9a-f]{8},0x[0-9a-f]{4},0x[0-9a-f]{4},\\{(0x[0-9a-f]{2},){7}0x[0-9a-f]{2}}}");
    assertThat(eval("@guid()")).isNotEqualTo(eval("@guid()"));
    assertThat(error("@guid('Q')").getMessage()).contains("'N', 'D', 'B', 'P' or 'X'");
  }

  @Test
  void lengthOfStringsAndArrays() {
    check("@length('abcd')", "4");
    check("@length(createArray(0, 1, 2, 3))", "4");
    check("@length(triggerBody()?['object']?['properties']?['relatedEntities'])", "2");
    assertThat(error("@length(triggerBody()?['nothing'])").getMessage())
        .contains(
            "The template language function 'length' expects its parameter to be an array"
                + " or a string. The provided value is of type 'Null'.");
    assertThat(error("@length(5)").getMessage()).contains("of type 'Integer'");
  }

  @Test
  void formatNumberWithStandardAndCustomFormats() {
    checkText("@formatNumber(1234567890, '0,0.00', 'en-us')", "1,234,567,890.00");
    checkText("@formatNumber(1234567890, '0,0.00', 'is-is')", "1.234.567.890,00");
    checkText("@formatNumber(17.35, 'C2')", "$17.35");
    checkText("@formatNumber(1234.5, 'N')", "1,234.50");
    checkText("@formatNumber(1234.5, 'N0')", "1,235");
    checkText("@formatNumber(2.5, 'F0')", "3");
    checkText("@formatNumber(1.005, 'F2')", "1.01");
    checkText("@formatNumber(42, 'D5')", "00042");
    checkText("@formatNumber(255, 'X')", "FF");
    checkText("@formatNumber(255, 'x4')", "00ff");
    checkText("@formatNumber(0.125, 'P1')", "12.5%");
    checkText("@formatNumber(1234.5678, '#.##')", "1234.57");
    checkText("@formatNumber(5, '0,0')", "05");
    checkText("@formatNumber(1234567, '#,##0,K')", "1,235K");
    checkText("@formatNumber(1234.5, 'E2')", "1.23E+003");
    checkText("@formatNumber(-5, '#,##0.0')", "-5.0");
    checkText("@formatNumber(-1234.5, '#,##0.00;(#,##0.00)')", "(1,234.50)");
    checkText("@formatNumber(0, '0.0;-0.0;\"zero\"')", "zero");
    checkText("@formatNumber(7, '0 ''items''')", "7 items");
    checkText("@formatNumber(7, '0 Euro-1')", "7 Euro-1");
    checkText("@formatNumber(1234.5, '0.0E+00')", "1.2E+03");
    checkText("@formatNumber(0.00012, '0.0E+00')", "1.2E-04");
    assertThat(error("@formatNumber(1.5, 'D')").getMessage()).contains("only for integers");
    assertThat(error("@formatNumber('1', 'N')").getMessage()).contains("an integer or a float");
  }
}
