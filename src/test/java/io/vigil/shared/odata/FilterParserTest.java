package io.vigil.shared.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.shared.odata.FilterExpression.And;
import io.vigil.shared.odata.FilterExpression.Any;
import io.vigil.shared.odata.FilterExpression.Comparison;
import io.vigil.shared.odata.FilterExpression.Function;
import io.vigil.shared.odata.FilterExpression.In;
import io.vigil.shared.odata.FilterExpression.Not;
import io.vigil.shared.odata.FilterExpression.Operator;
import io.vigil.shared.odata.FilterExpression.Or;
import io.vigil.shared.odata.FilterExpression.StringFunction;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  private static Comparison eq(String path, String value) {
    return new Comparison(path, Operator.EQ, string(value));
  }

  private static Literal string(String value) {
    return new Literal.StringValue(value);
  }

  private static Literal dateTime(String value) {
    return new Literal.DateTimeValue(OffsetDateTime.parse(value));
  }

  @Test
  void parsesEqualityConditionsJoinedByAnd() {
    assertThat(FilterParser.parse("properties/status eq 'New' and properties/severity eq 'High'"))
        .isEqualTo(new And(eq("properties/status", "New"), eq("properties/severity", "High")));
  }

  @Test
  void parsesContains() {
    assertThat(FilterParser.parse("contains(properties/title,'spray')"))
        .isEqualTo(new StringFunction(Function.CONTAINS, "properties/title", "spray"));
  }

  @Test
  void parsesStartswithAndEndswith() {
    assertThat(
            FilterParser.parse(
                "startswith(properties/title,'a') or endswith(properties/title,'b')"))
        .isEqualTo(
            new Or(
                new StringFunction(Function.STARTSWITH, "properties/title", "a"),
                new StringFunction(Function.ENDSWITH, "properties/title", "b")));
  }

  @Test
  void parsesDateTimeRangeWithSevenFractionalDigits() {
    FilterExpression parsed =
        FilterParser.parse(
            "properties/createdTimeUtc ge 2024-01-01T00:00:00Z"
                + " and properties/createdTimeUtc lt 2024-02-01T00:00:00.1234567Z");

    assertThat(parsed)
        .isEqualTo(
            new And(
                new Comparison(
                    "properties/createdTimeUtc", Operator.GE, dateTime("2024-01-01T00:00:00Z")),
                new Comparison(
                    "properties/createdTimeUtc",
                    Operator.LT,
                    dateTime("2024-02-01T00:00:00.123456700Z"))));
  }

  @Test
  void parsesDateTimesWithOffsetsAndWithoutSeconds() {
    assertThat(FilterParser.parse("properties/createdTimeUtc gt 2024-01-01T10:30:00+02:00"))
        .isEqualTo(
            new Comparison(
                "properties/createdTimeUtc", Operator.GT, dateTime("2024-01-01T10:30:00+02:00")));
    assertThat(FilterParser.parse("properties/createdTimeUtc le 2024-01-01T10:30-05:00"))
        .isEqualTo(
            new Comparison(
                "properties/createdTimeUtc", Operator.LE, dateTime("2024-01-01T10:30:00-05:00")));
  }

  @Test
  void parsesDateAsMidnightUtc() {
    assertThat(FilterParser.parse("properties/createdTimeUtc ge 2024-01-01"))
        .isEqualTo(
            new Comparison(
                "properties/createdTimeUtc", Operator.GE, dateTime("2024-01-01T00:00:00Z")));
  }

  @Test
  void parsesDatetimePrefixedLiteral() {
    assertThat(FilterParser.parse("properties/createdTimeUtc ge datetime'2024-01-01T00:00:00Z'"))
        .isEqualTo(
            new Comparison(
                "properties/createdTimeUtc", Operator.GE, dateTime("2024-01-01T00:00:00Z")));
    assertThat(FilterParser.parse("properties/createdTimeUtc ge DateTime'2024-01-01T00:00:00'"))
        .isEqualTo(
            new Comparison(
                "properties/createdTimeUtc", Operator.GE, dateTime("2024-01-01T00:00:00Z")));
  }

  @Test
  void parsesNestedFieldPath() {
    assertThat(FilterParser.parse("properties/owner/assignedTo eq 'Jane'"))
        .isEqualTo(eq("properties/owner/assignedTo", "Jane"));
  }

  @Test
  void parsesAnyWithPathsRelativeToTheLambdaVariable() {
    assertThat(FilterParser.parse("properties/labels/any(l: l/labelName eq 'phishing')"))
        .isEqualTo(new Any("properties/labels", "l", eq("labelName", "phishing")));
  }

  @Test
  void mapsTheBareLambdaVariableToThis() {
    assertThat(FilterParser.parse("properties/tactics/any(t:t eq 'Execution')"))
        .isEqualTo(new Any("properties/tactics", "t", eq(FilterExpression.THIS, "Execution")));
  }

  @Test
  void parsesAnyNestedInAny() {
    assertThat(FilterParser.parse("a/items/any(i: i/tags/any(t: t eq 'x') and i/n eq 'y')"))
        .isEqualTo(
            new Any(
                "a/items",
                "i",
                new And(new Any("tags", "t", eq(FilterExpression.THIS, "x")), eq("n", "y"))));
  }

  @Test
  void parsesParenthesesAndNot() {
    FilterExpression parsed =
        FilterParser.parse(
            "(properties/severity eq 'High' or properties/severity eq 'Medium')"
                + " and not (properties/status eq 'Closed')");

    assertThat(parsed)
        .isEqualTo(
            new And(
                new Or(eq("properties/severity", "High"), eq("properties/severity", "Medium")),
                new Not(eq("properties/status", "Closed"))));
  }

  @Test
  void parsesInList() {
    assertThat(FilterParser.parse("properties/status in ('New','Active')"))
        .isEqualTo(new In("properties/status", List.of(string("New"), string("Active"))));
  }

  @Test
  void parsesEqNull() {
    assertThat(FilterParser.parse("properties/owner/assignedTo eq null"))
        .isEqualTo(new Comparison("properties/owner/assignedTo", Operator.EQ, Literal.NULL));
  }

  @Test
  void parsesAndWithHigherPrecedenceThanOr() {
    assertThat(FilterParser.parse("a eq '1' or b eq '2' and c eq '3'"))
        .isEqualTo(new Or(eq("a", "1"), new And(eq("b", "2"), eq("c", "3"))));
    assertThat(FilterParser.parse("a eq '1' and b eq '2' or c eq '3'"))
        .isEqualTo(new Or(new And(eq("a", "1"), eq("b", "2")), eq("c", "3")));
  }

  @Test
  void parsesNotWithHigherPrecedenceThanAnd() {
    assertThat(FilterParser.parse("not a eq '1' and b eq '2'"))
        .isEqualTo(new And(new Not(eq("a", "1")), eq("b", "2")));
  }

  @Test
  void parenthesesOverridePrecedence() {
    assertThat(FilterParser.parse("a eq '1' and (b eq '2' or c eq '3')"))
        .isEqualTo(new And(eq("a", "1"), new Or(eq("b", "2"), eq("c", "3"))));
  }

  @Test
  void chainsOfAndAssociateToTheLeft() {
    assertThat(FilterParser.parse("a eq '1' and b eq '2' and c eq '3'"))
        .isEqualTo(new And(new And(eq("a", "1"), eq("b", "2")), eq("c", "3")));
  }

  @Test
  void readsKeywordsAndFunctionNamesCaseInsensitively() {
    assertThat(
            FilterParser.parse(
                "NOT a EQ 'x' AND Contains(b,'y') Or c In ('z') OR d Eq NULL or e ne TRUE"))
        .isEqualTo(
            new Or(
                new Or(
                    new Or(
                        new And(
                            new Not(eq("a", "x")), new StringFunction(Function.CONTAINS, "b", "y")),
                        new In("c", List.of(string("z")))),
                    new Comparison("d", Operator.EQ, Literal.NULL)),
                new Comparison("e", Operator.NE, new Literal.BooleanValue(true))));
  }

  @Test
  void keepsFieldPathsAsWritten() {
    assertThat(FilterParser.parse("Properties/Status eq 'New'"))
        .isEqualTo(eq("Properties/Status", "New"));
  }

  @Test
  void toleratesWhitespaceAroundTokens() {
    assertThat(FilterParser.parse("  contains( properties/title , 'x' )  "))
        .isEqualTo(new StringFunction(Function.CONTAINS, "properties/title", "x"));
    assertThat(FilterParser.parse("(a\teq\n'1')and(b eq'2')"))
        .isEqualTo(new And(eq("a", "1"), eq("b", "2")));
    assertThat(FilterParser.parse("p/labels/any( l : l/labelName eq 'x' )"))
        .isEqualTo(new Any("p/labels", "l", eq("labelName", "x")));
  }

  @Test
  void unescapesDoubledSingleQuotes() {
    assertThat(FilterParser.parse("a eq 'O''Brien'")).isEqualTo(eq("a", "O'Brien"));
    assertThat(FilterParser.parse("a eq ''''")).isEqualTo(eq("a", "'"));
    assertThat(FilterParser.parse("a eq ''")).isEqualTo(eq("a", ""));
    assertThat(FilterParser.parse("contains(a,'it''s % _ \\ ok')"))
        .isEqualTo(new StringFunction(Function.CONTAINS, "a", "it's % _ \\ ok"));
  }

  @Test
  void parsesSubstringofAsContainsWithArgumentsReversed() {
    assertThat(FilterParser.parse("substringof('spray', properties/title)"))
        .isEqualTo(new StringFunction(Function.CONTAINS, "properties/title", "spray"));
  }

  @Test
  void appliesEqTrueAndEqFalseAfterAFunction() {
    StringFunction call = new StringFunction(Function.CONTAINS, "properties/title", "x");

    assertThat(FilterParser.parse("substringof('x',properties/title) eq true")).isEqualTo(call);
    assertThat(FilterParser.parse("contains(properties/title,'x') eq false"))
        .isEqualTo(new Not(call));
    assertThat(FilterParser.parse("contains(properties/title,'x') ne false")).isEqualTo(call);
  }

  @Test
  void parsesNumbersAndBooleans() {
    assertThat(FilterParser.parse("a eq 42"))
        .isEqualTo(new Comparison("a", Operator.EQ, new Literal.LongValue(42)));
    assertThat(FilterParser.parse("a gt -7"))
        .isEqualTo(new Comparison("a", Operator.GT, new Literal.LongValue(-7)));
    assertThat(FilterParser.parse("a lt 1.50"))
        .isEqualTo(
            new Comparison("a", Operator.LT, new Literal.DecimalValue(new BigDecimal("1.50"))));
    assertThat(FilterParser.parse("a le 9223372036854775808"))
        .isEqualTo(
            new Comparison(
                "a", Operator.LE, new Literal.DecimalValue(new BigDecimal("9223372036854775808"))));
    assertThat(FilterParser.parse("a eq false"))
        .isEqualTo(new Comparison("a", Operator.EQ, new Literal.BooleanValue(false)));
  }

  @Test
  void rejectsMissingValueNamingPositionAndToken() {
    assertThatThrownBy(() -> FilterParser.parse("properties/severity eq )"))
        .isInstanceOf(FilterException.class)
        .hasMessage("$filter: expected a value after 'eq' but found ')' at position 24");
  }

  @Test
  void rejectsFilterThatEndsEarly() {
    assertThatThrownBy(() -> FilterParser.parse("properties/status eq"))
        .hasMessage(
            "$filter: expected a value after 'eq' but found the end of the filter at position 21");
  }

  @Test
  void rejectsMissingOperator() {
    assertThatThrownBy(() -> FilterParser.parse("properties/status 'New'"))
        .hasMessage(
            "$filter: expected a comparison operator (eq, ne, gt, ge, lt, le, in) after"
                + " 'properties/status' but found string 'New' at position 19");
  }

  @Test
  void rejectsSymbolicOperatorsWithAHint() {
    assertThatThrownBy(() -> FilterParser.parse("a = 'x'"))
        .hasMessage(
            "$filter: unexpected character '=' at position 3"
                + " (comparison operators are eq, ne, gt, ge, lt, le)");
    assertThatThrownBy(() -> FilterParser.parse("a eq \"x\""))
        .hasMessage(
            "$filter: unexpected character '\"' at position 6"
                + " (strings are enclosed in single quotes)");
  }

  @Test
  void rejectsUnterminatedString() {
    assertThatThrownBy(() -> FilterParser.parse("a eq 'O'Brien'"))
        .hasMessageStartingWith("$filter: expected 'and', 'or' or the end of the filter")
        .hasMessageEndingWith("found 'Brien' at position 9");
    assertThatThrownBy(() -> FilterParser.parse("a eq 'abc"))
        .hasMessageStartingWith("$filter: unterminated string starting at position 6");
  }

  @Test
  void rejectsUnknownFunctionNamingIt() {
    assertThatThrownBy(() -> FilterParser.parse("a eq 'x' and tolower(a) eq 'x'"))
        .hasMessage(
            "$filter: unsupported function 'tolower' at position 14;"
                + " supported are contains, startswith, endswith and substringof");
  }

  @Test
  void rejectsNonStringFunctionArgument() {
    assertThatThrownBy(() -> FilterParser.parse("contains(a, 5)"))
        .hasMessage(
            "$filter: expected a quoted string as argument of 'contains' but found '5'"
                + " at position 13");
  }

  @Test
  void rejectsTrailingTokens() {
    assertThatThrownBy(() -> FilterParser.parse("a eq 'x' b eq 'y'"))
        .hasMessage(
            "$filter: expected 'and', 'or' or the end of the filter but found 'b' at position 10");
    assertThatThrownBy(() -> FilterParser.parse("a eq 'x')"))
        .hasMessage(
            "$filter: expected 'and', 'or' or the end of the filter but found ')' at position 9");
  }

  @Test
  void rejectsUnclosedParenthesis() {
    assertThatThrownBy(() -> FilterParser.parse("(a eq 'x'"))
        .hasMessage(
            "$filter: expected ')' to close the '(' at position 1"
                + " but found the end of the filter at position 10");
  }

  @Test
  void rejectsKeywordWhereConditionIsExpected() {
    assertThatThrownBy(() -> FilterParser.parse("a eq 'x' and and b eq 'y'"))
        .hasMessage(
            "$filter: expected a condition (a field path, a function or '(')"
                + " but found 'and' at position 14");
  }

  @Test
  void rejectsEmptyFilter() {
    assertThatThrownBy(() -> FilterParser.parse("   "))
        .hasMessage(
            "$filter: expected a condition (a field path, a function or '(')"
                + " but found the end of the filter at position 4");
  }

  @Test
  void rejectsEmptyInList() {
    assertThatThrownBy(() -> FilterParser.parse("a in ()"))
        .hasMessage("$filter: expected a value after 'in' but found ')' at position 7");
  }

  @Test
  void rejectsInvalidDateTimes() {
    assertThatThrownBy(() -> FilterParser.parse("a ge 2024-13-01T00:00:00Z"))
        .hasMessageStartingWith("$filter: invalid date-time 2024-13-01T00:00:00Z at position 6");
    assertThatThrownBy(() -> FilterParser.parse("a ge 2024-01-01T00:00:00"))
        .hasMessageStartingWith("$filter: invalid date-time 2024-01-01T00:00:00 at position 6");
    assertThatThrownBy(() -> FilterParser.parse("a ge datetime'yesterday'"))
        .hasMessageStartingWith("$filter: invalid date-time datetime'yesterday' at position 6");
  }

  @Test
  void rejectsInvalidNumbers() {
    assertThatThrownBy(() -> FilterParser.parse("a eq 12abc"))
        .hasMessage("$filter: invalid number '12abc' at position 6");
    assertThatThrownBy(() -> FilterParser.parse("a eq 1e99999999999"))
        .hasMessage("$filter: invalid number '1e99999999999' at position 6");
  }

  @Test
  void rejectsPathInsideLambdaThatDoesNotStartWithTheVariable() {
    assertThatThrownBy(() -> FilterParser.parse("p/labels/any(l: labelName eq 'x')"))
        .hasMessage(
            "$filter: field path 'labelName' at position 17;"
                + " inside any(l: ...) paths must start with 'l/'");
  }

  @Test
  void rejectsAnyWithoutLambdaAndAll() {
    assertThatThrownBy(() -> FilterParser.parse("p/labels/any()"))
        .hasMessageStartingWith("$filter: expected a lambda such as any(x: x/name eq 'value')")
        .hasMessageEndingWith("found ')' at position 14");
    assertThatThrownBy(() -> FilterParser.parse("p/labels/all(l: l/labelName eq 'x')"))
        .hasMessage(
            "$filter: the lambda operator all() is not supported at position 1;"
                + " use not and any()");
  }

  @Test
  void rejectsIncompletePath() {
    assertThatThrownBy(() -> FilterParser.parse("properties/ eq 'x'"))
        .hasMessage("$filter: incomplete field path 'properties/' at position 1");
  }

  @Test
  void rejectsFiltersLongerThanTheLimit() {
    String condition = "a eq 'x'";
    String atLimit = condition + " ".repeat(FilterParser.MAX_LENGTH - condition.length());

    assertThat(FilterParser.parse(atLimit)).isEqualTo(eq("a", "x"));
    assertThatThrownBy(() -> FilterParser.parse(atLimit + " "))
        .isInstanceOf(FilterException.class)
        .hasMessage("$filter: is 4001 characters long; the maximum is 4000");
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    String allowed = "(".repeat(32) + "a eq 'x'" + ")".repeat(32);
    String tooDeep = "(".repeat(33) + "a eq 'x'" + ")".repeat(33);

    assertThat(FilterParser.parse(allowed)).isEqualTo(eq("a", "x"));
    assertThatThrownBy(() -> FilterParser.parse(tooDeep))
        .hasMessage("$filter: nested deeper than 32 levels at position 33");
    assertThatThrownBy(() -> FilterParser.parse("not ".repeat(33) + "a eq 'x'"))
        .hasMessage("$filter: nested deeper than 32 levels at position 129");
  }

  @Test
  void survivesHostileNestingWithoutStackOverflow() {
    String hostile = "(".repeat(FilterParser.MAX_LENGTH);

    assertThatThrownBy(() -> FilterParser.parse(hostile)).isInstanceOf(FilterException.class);
  }
}
