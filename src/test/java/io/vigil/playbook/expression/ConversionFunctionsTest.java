package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.checkText;
import static io.vigil.playbook.expression.Wdl.error;
import static io.vigil.playbook.expression.Wdl.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversionFunctionsTest {

  @Test
  void intFromStringsAndNumbers() {
    check("@int('10')", "10");
    check("@int(' -7 ')", "-7");
    check("@int(3)", "3");
    check("@int(4.0)", "4");
    check("@int(true)", "1");
    check("@int('9000000000')", "9000000000");
    assertThat(error("@int('10.5')").getMessage())
        .contains("The value '10.5' cannot be converted to the target type 'Integer'.");
    assertThat(error("@int(2.5)").getMessage()).contains("expects its parameter to be an integer");
    assertThat(error("@int(null)").getMessage()).contains("of type 'Null'");
  }

  @Test
  void floatAndDecimal() {
    check("@float('10.333')", "10.333");
    check("@float('1e3')", "1000.0");
    check("@float(2)", "2.0");
    checkText("@{float('10')}", "10");
    assertThat(error("@float('ten')").getMessage()).contains("'Float'");
    assertThat(eval("@decimal('1.2345678912312131')").decimalValue())
        .isEqualByComparingTo("1.2345678912312131");
    checkText("@{add(decimal('0.1'), decimal('0.2'))}", "0.3");
    assertThat(error("@decimal('x')").getMessage()).contains("'Decimal'");
  }

  @Test
  void boolFromNumbersAndStrings() {
    check("@bool(1)", "true");
    check("@bool(0)", "false");
    check("@bool(-1)", "true");
    check("@bool('true')", "true");
    check("@bool('False')", "false");
    check("@bool(true)", "true");
    assertThat(error("@bool('yes')").getMessage()).contains("'Boolean'");
  }

  @Test
  void stringWritesValuesAsText() {
    checkText("@string(10)", "10");
    checkText("@string(2.50)", "2.5");
    checkText("@string(true)", "True");
    checkText("@string(null)", "");
    checkText("@string('x')", "x");
    checkText("@string(json('{\"name\": \"Sophie Owen\"}'))", "{\"name\":\"Sophie Owen\"}");
    checkText("@string(div(1.0, 3))", "0.3333333333333333");
    checkText("@string(mul(1e10, 1e10))", "1E+20");
  }

  @Test
  void jsonParsesStrings() {
    check("@json('[1, 2, 3]')", "[1, 2, 3]");
    check("@json('{\"fullName\": \"Sophia Owen\"}')", "{\"fullName\": \"Sophia Owen\"}");
    check("@json(' 42 ')", "42");
    check(
        "@json(triggerBody()?['workspaceInfo'])",
        "{\"SubscriptionId\": \"sub-1\", \"WorkspaceName\": \"soc\"}");
    check("@json(null)", "{}");
    assertThat(error("@json('{bad')").getMessage())
        .contains("function 'json' parameter is not valid");
    assertThat(error("@json('')").getMessage()).contains("function 'json'");
  }

  @Test
  void coalesceGivesTheFirstNonNull() {
    check("@coalesce(null, true, false)", "true");
    check("@coalesce(null, 'hello', 'world')", "\"hello\"");
    check("@coalesce(null, null, null)", "null");
    check("@coalesce(triggerBody()?['none'], '', 'x')", "\"\"");
  }

  @Test
  void isIntAndIsFloat() {
    check("@isInt('10')", "true");
    check("@isInt('10.0')", "false");
    check("@isFloat('10.000')", "true");
    check("@isFloat('abc')", "false");
  }

  @Test
  void base64RoundTrip() {
    checkText("@base64('hello')", "aGVsbG8=");
    checkText("@base64ToString('aGVsbG8=')", "hello");
    checkText("@base64ToString('aGVsbG8')", "hello");
    checkText("@decodeBase64('aGVsbG8=')", "hello");
    checkText("@base64ToString(base64('héllo ✓'))", "héllo ✓");
    assertThat(error("@base64ToString('!!!')").getMessage()).contains("not valid base64");
  }

  @Test
  void binaryValuesAreContentEnvelopes() {
    check(
        "@base64ToBinary('aGVsbG8=')",
        "{\"$content-type\": \"application/octet-stream\", \"$content\": \"aGVsbG8=\"}");
    check(
        "@binary('hello')",
        "{\"$content-type\": \"application/octet-stream\", \"$content\": \"aGVsbG8=\"}");
    checkText("@base64(binary('hello'))", "aGVsbG8=");
    checkText("@base64ToString(binary('hello'))", "hello");
  }

  @Test
  void uriComponentsEscapeLikeDotNet() {
    checkText("@encodeUriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com");
    checkText("@uriComponent('a b+c*~é')", "a%20b%2Bc%2A~%C3%A9");
    checkText("@encodeUriComponent(42)", "42");
    checkText("@decodeUriComponent('https%3A%2F%2Fcontoso.com')", "https://contoso.com");
    checkText("@uriComponentToString('a%20b+c%C3%A9%zz%')", "a b+cé%zz%");
    check(
        "@uriComponentToBinary('hi%21')",
        "{\"$content-type\": \"application/octet-stream\", \"$content\": \"aGkh\"}");
  }

  @Test
  void dataUris() {
    checkText("@dataUri('hello')", "data:text/plain;charset=utf-8;base64,aGVsbG8=");
    checkText("@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')", "hello");
    checkText("@dataUriToString('data:,hello%20world')", "hello world");
    check(
        "@dataUriToBinary('data:image/png;base64,aGVsbG8=')",
        "{\"$content-type\": \"image/png\", \"$content\": \"aGVsbG8=\"}");
    check(
        "@decodeDataUri('data:;base64,aGVsbG8=')",
        "{\"$content-type\": \"application/octet-stream\", \"$content\": \"aGVsbG8=\"}");
    checkText(
        "@dataUri(base64ToBinary('aGVsbG8='))", "data:application/octet-stream;base64,aGVsbG8=");
    assertThat(error("@dataUriToString('hello')").getMessage()).contains("a data URI");
  }

  @Test
  void xmlIsNotSupported() {
    assertThat(Functions.isBuiltIn("xml")).isTrue();
    assertThat(error("@xml('<a/>')").getMessage())
        .contains("The template language function 'xml' is not supported by Vigil");
    assertThat(error("@xpath(xml('<a/>'), '/a')").getMessage())
        .contains("'xpath' is not supported");
  }
}
