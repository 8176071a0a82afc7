package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.checkText;
import static io.vigil.playbook.expression.Wdl.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollectionFunctionsTest {

  @Test
  void containsLooksForSubstringsElementsAndKeys() {
    check("@contains('hello world', 'world')", "true");
    check("@contains('hello world', 'World')", "false");
    check("@contains(createArray('a', 1, json('{\"x\": [1]}')), 1)", "true");
    check("@contains(createArray('a', 1, json('{\"x\": [1]}')), json('{\"x\": [1.0]}'))", "true");
    check("@contains(createArray('a'), 'A')", "false");
    check("@contains(triggerBody()?['object'], 'properties')", "true");
    check("@contains(triggerBody()?['object'], 'Properties')", "false");
    assertThat(error("@contains(triggerBody()?['none'], 'x')").getMessage())
        .contains(
            "function 'contains' expects its first parameter to be a dictionary (object),"
                + " an array or a string. The provided value is of type 'Null'.");
  }

  @Test
  void emptyCountsNullAsEmpty() {
    check("@empty('')", "true");
    check("@empty('abc')", "false");
    check("@empty(createArray())", "true");
    check("@empty(json('{}'))", "true");
    check("@empty(triggerBody())", "false");
    check("@empty(triggerBody()?['none'])", "true");
    assertThat(error("@empty(1)").getMessage()).contains("'empty' expects its parameter");
  }

  @Test
  void firstAndLast() {
    check("@first('hello')", "\"h\"");
    check("@first(createArray(0, 1, 2))", "0");
    check("@last('abcd')", "\"d\"");
    check("@last(createArray(0, 1, 2, 3))", "3");
    check("@first(createArray())", "null");
    check("@last('')", "null");
    assertThat(error("@first(null)").getMessage()).contains("an array or a string");
  }

  @Test
  void joinWritesEachItemAsText() {
    checkText("@join(createArray('a', 'b', 'c'), '.')", "a.b.c");
    checkText("@join(createArray(1, true, null, 'x'), ', ')", "1, True, , x");
    checkText("@join(createArray(), ',')", "");
    assertThat(error("@join('abc', ',')").getMessage()).contains("first parameter to be an array");
  }

  @Test
  void unionAndIntersectionOfArraysAndObjects() {
    check("@union(createArray(1, 2, 3), createArray(1, 2, 10, 101))", "[1, 2, 3, 10, 101]");
    check("@union(createArray(1, 1))", "[1]");
    check(
        "@union(json('{\"a\": 1, \"b\": 2}'), json('{\"b\": 3, \"c\": 4}'))",
        "{\"a\": 1, \"b\": 3, \"c\": 4}");
    check(
        "@intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))",
        "[1, 2]");
    check(
        "@intersection(json('{\"a\": 1, \"b\": 2}'), json('{\"b\": 3, \"c\": 4}'))", "{\"b\": 3}");
    assertThat(error("@union(createArray(1), json('{}'))").getMessage())
        .contains("second parameter to be an array");
    assertThat(error("@intersection('a', 'b')").getMessage()).contains("an array or an object");
  }

  @Test
  void takeAndSkip() {
    check("@take('abcde', 3)", "\"abc\"");
    check("@take(createArray(0, 1, 2, 3, 4), 3)", "[0, 1, 2]");
    check("@take(createArray(0, 1), 5)", "[0, 1]");
    check("@skip(createArray(0, 1, 2, 3), 1)", "[1, 2, 3]");
    check("@skip('abc', 5)", "\"\"");
    assertThat(error("@take(createArray(1), -1)").getMessage()).contains("not to be negative");
    assertThat(error("@skip(1, 1)").getMessage()).contains("an array or a string");
  }

  @Test
  void createArrayAndArray() {
    check("@createArray('h', 'e', 1, null)", "[\"h\", \"e\", 1, null]");
    check("@createArray()", "[]");
    check("@array('hello')", "[\"hello\"]");
    check("@array(createArray(1))", "[[1]]");
  }

  @Test
  void reverseSortAndChunk() {
    check("@reverse(createArray(0, 1, 2, 3))", "[3, 2, 1, 0]");
    check("@sort(createArray(2, 1, 0, 3))", "[0, 1, 2, 3]");
    check("@sort(createArray('b', 'a', 'C'))", "[\"C\", \"a\", \"b\"]");
    check(
        "@sort(json('[{\"n\": \"b\", \"v\": 2}, {\"n\": \"a\", \"v\": 1}]'), 'n')",
        "[{\"n\": \"a\", \"v\": 1}, {\"n\": \"b\", \"v\": 2}]");
    assertThat(error("@sort(createArray(1, 'a'))").getMessage()).contains("numbers or strings");
    check(
        "@chunk('abcdefghijklmnopqrstuvwxyz', 10)", "[\"abcdefghij\", \"klmnopqrst\", \"uvwxyz\"]");
    check("@chunk(createArray(1, 2, 3, 4, 5), 2)", "[[1, 2], [3, 4], [5]]");
    assertThat(error("@chunk('abc', 0)").getMessage()).contains("at least 1");
  }
}
