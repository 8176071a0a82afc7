package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.checkText;
import static io.vigil.playbook.expression.Wdl.error;
import static io.vigil.playbook.expression.Wdl.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void aStringWithoutExpressionsIsALiteral() {
    Template template = Template.parse("Close the incident");
    assertThat(template.isLiteral()).isTrue();
    checkText("Close the incident", "Close the incident");
    checkText("mail alice@contoso.com", "mail alice@contoso.com");
    checkText("", "");
    checkText(" @notAtTheStart()", " @notAtTheStart()");
  }

  @Test
  void doubleAtSignEscapesTheExpression() {
    assertThat(Template.parse("@@foo").isLiteral()).isTrue();
    checkText("@@foo", "@foo");
    checkText("@@{not interpolated}", "@{not interpolated}");
    checkText("text @@{kept} and @{'x'}", "text @{kept} and x");
  }

  @Test
  void aWholeStringExpressionKeepsTheJsonType() {
    assertThat(Template.parse("@triggerBody()").isLiteral()).isFalse();
    check("@triggerBody()?['object']?['properties']?['incidentNumber']", "42");
    check("@variables('flag')", "true");
    check("@variables('list')", "[1, 2]");
    check(
        "@triggerBody()['workspaceInfo']",
        "{\"SubscriptionId\": \"sub-1\", \"WorkspaceName\": \"soc\"}");
    check("@null", "null");
    check("@nothing()", "null");
    check("@1.5", "1.5");
    check("@-3", "-3");
    check("@'it''s'", "\"it's\"");
  }

  @Test
  void interpolationWritesValuesAsText() {
    checkText(
        "Incident @{triggerBody()?['object']?['properties']?['incidentNumber']} is open",
        "Incident 42 is open");
    checkText("@{variables('count')}", "3");
    checkText("flag=@{variables('flag')}", "flag=True");
    checkText("list=@{variables('list')}", "list=[1,2]");
    checkText("owner=[@{triggerBody()?['object']?['properties']?['owner']}]", "owner=[]");
    checkText("@{'a'}@{'b'}", "ab");
    checkText("brace in string: @{'}'} done", "brace in string: } done");
    checkText("@{ concat( 'a' , 'b' ) }", "ab");
  }

  @Test
  void nullSafeIndexingWalksTheSentinelTriggerBody() {
    check(
        "@triggerBody()?['object']?['properties']?['relatedEntities']",
        "[{\"kind\": \"Account\", \"properties\": {\"accountName\": \"alice\"}},"
            + " {\"kind\": \"Ip\", \"properties\": {\"address\": \"10.0.0.1\"}}]");
    check("@triggerBody()?['object']?['properties']?['relatedEntities'][1]['kind']", "\"Ip\"");
    check("@triggerBody()?['missing']?['deeper']?['still']", "null");
    check("@triggerBody()?['object']?['properties']?['owner']?['email']", "null");
    check("@triggerBody()?['object']?['properties']?['relatedEntities']?[5]", "null");
    check("@body('Entities_-_Get_Accounts')?['Accounts'][0]?['Name']", "\"alice\"");
  }

  @Test
  void dotsSelectPropertiesToo() {
    check("@triggerBody().object.properties.severity", "\"High\"");
    check("@triggerBody()?.missing?.deeper", "null");
    check(
        "@triggerBody().object.properties.relatedEntities[0].properties.accountName", "\"alice\"");
  }

  @Test
  void indexesMayBeExpressions() {
    check("@variables('list')[sub(variables('count'), 2)]", "2");
    check("@triggerBody()['object'][concat('prop', 'erties')]['severity']", "\"High\"");
  }

  @Test
  void propertyNamesFallBackToACaseInsensitiveMatch() {
    check("@triggerBody()?['Object']?['Properties']?['Severity']", "\"High\"");
  }

  @Test
  void aMissingPropertyFailsUnlessNullSafe() {
    ExpressionException error = error("@triggerBody()['object']['nope']");
    assertThat(error.getMessage())
        .contains("property 'nope' doesn't exist")
        .contains("available properties are 'id, properties'")
        .contains("at position 24");
    assertThat(error.position()).isEqualTo(24);
  }

  @Test
  void selectingFromNullFailsUnlessNullSafe() {
    assertThat(error("@triggerBody()?['missing']['x']").getMessage())
        .contains("property 'x' cannot be selected from a null value");
    assertThat(error("@triggerBody()?['object']?['properties']?['owner'].email").getMessage())
        .contains("property 'email'");
  }

  @Test
  void anArrayIndexOutOfRangeFailsUnlessNullSafe() {
    assertThat(error("@variables('list')[2]").getMessage())
        .contains("array index '2' is outside bounds (0 - 1)");
    assertThat(error("@variables('list')['a']").getMessage()).contains("integer index");
    check("@variables('list')?[2]", "null");
    check("@variables('list')?[-1]", "null");
  }

  @Test
  void selectingFromAStringFailsEvenWhenNullSafe() {
    assertThat(error("@triggerBody()?['objectSchemaType']?['x']").getMessage())
        .contains("not supported on values of type 'String'");
  }

  @Test
  void functionNamesAreCaseInsensitive() {
    checkText("@CONCAT('a', ToUpper('b'))", "aB");
    Wdl.RECEIVED.clear();
    check("@TriggerBody()?['objectSchemaType']", "\"Incident\"");
    assertThat(Wdl.RECEIVED).containsExactly("triggerbody[]");
  }

  @Test
  void otherNamesGoToTheContextWithEvaluatedArguments() {
    Wdl.RECEIVED.clear();
    check(
        "@body(concat('Entities_-_Get', '_Accounts'))?['Accounts'][0]['UPNSuffix']",
        "\"contoso.com\"");
    assertThat(Wdl.RECEIVED).containsExactly("body[\"Entities_-_Get_Accounts\"]");
  }

  @Test
  void anUnknownFunctionIsReportedWithItsPosition() {
    ExpressionException error = error("@{concat('a', foo(1))}");
    assertThat(error.getMessage())
        .contains("The template function 'foo' is not defined or not valid.")
        .contains("'@{concat('a', foo(1))}'")
        .contains("at position 14");
    assertThat(error.detail())
        .isEqualTo("The template function 'foo' is not defined or not valid.");
  }

  @Test
  void errorsFromTheContextGetThePositionOfTheCall() {
    ExpressionException error = error("@toUpper(body('Nope'))");
    assertThat(error.getMessage())
        .contains("The action 'Nope' does not exist.")
        .contains("at position 9");
  }

  @Test
  void ifAndOrEvaluateOnlyWhatTheyNeed() {
    check("@if(empty(variables('list')), variables('list')[5], 'safe')", "\"safe\"");
    check("@if(equals(1, 1), 'yes', foo())", "\"yes\"");
    check("@and(false, foo())", "false");
    check("@or(true, foo())", "true");
    check("@coalesce('first', foo())", "\"first\"");
    assertThat(error("@and(true, foo())").getMessage()).contains("'foo'");
  }

  @Test
  void parseErrorsNameWhatWasExpectedAndWhere() {
    assertParseError("@concat('a', 'b'", 16, "Expected ',' or ')'");
    assertParseError("@concat('a' 'b')", 12, "Expected ',' or ')'");
    assertParseError("@concat('a)", 8, "not terminated");
    assertParseError("@{concat('a')", 13, "Expected '}'");
    assertParseError("x @{} y", 4, "Expected a function call");
    assertParseError("@", 1, "Expected a function call");
    assertParseError("@foo() bar", 7, "Unexpected 'bar'");
    assertParseError("@foo", 4, "expected '(' after it");
    assertParseError("@body('x')[0", 12, "Expected ']'");
    assertParseError("@body('x').", 11, "property name");
    assertParseError("@body('x')?", 10, "'?' must be followed by '[' or '.'");
    assertParseError("@concat(1 + 2)", 10, "'+'");
    assertParseError("@concat()", 1, "expects at least one parameter but was given 0");
    assertParseError("@substring('abc')", 1, "expects two or three parameters");
    assertParseError("@{substring('abc', 1, 1, 1)}", 2, "expects two or three parameters");
    assertParseError("@utcNow(1, 2)", 1, "expects no or one parameter");
  }

  private static void assertParseError(String text, int position, String problem) {
    assertThatThrownBy(() -> Template.parse(text))
        .as(text)
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.position()).as(text + " position").isEqualTo(position);
              assertThat(e.getMessage())
                  .startsWith(
                      "The template language expression '"
                          + text
                          + "' is not valid at"
                          + " position "
                          + position
                          + ": ")
                  .contains(problem);
            });
  }

  @Test
  void callsListsEveryCallWithItsLeadingStringLiterals() {
    assertThat(Template.parse("@body('Entities_-_Get_Accounts')?['Accounts']").calls())
        .containsExactly(new Call("body", List.of("Entities_-_Get_Accounts")));
    assertThat(
            Template.parse(
                    "Hello @{items('For_each')?['Name']}, @{concat(variables('a'), body('B').x)}")
                .calls())
        .containsExactly(
            new Call("items", List.of("For_each")),
            new Call("concat", List.of()),
            new Call("variables", List.of("a")),
            new Call("body", List.of("B")));
    assertThat(Template.parse("@actions('Scope')['status']").calls())
        .containsExactly(new Call("actions", List.of("Scope")));
    assertThat(Template.parse("@formDataValue('Send', 'Subject')").calls())
        .containsExactly(new Call("formdatavalue", List.of("Send", "Subject")));
    assertThat(Template.parse("@variables(parameters('name'))").calls())
        .containsExactly(new Call("variables", List.of()), new Call("parameters", List.of("name")));
    assertThat(Template.parse("literal").calls()).isEmpty();
  }

  @Test
  void textGivesBackTheString() {
    assertThat(Template.parse("@{x()} y").text()).isEqualTo("@{x()} y");
    assertThat(eval("@{x()} y".replace("x()", "'x'")).asString()).isEqualTo("x y");
  }

  @Test
  void otherExceptionsOfTheContextPassUnchanged() {
    IllegalStateException failure = new IllegalStateException("run was cancelled");
    ExpressionContext context =
        (name, args) -> {
          throw failure;
        };
    assertThatThrownBy(() -> Template.parse("@concat('a', toUpper(body('x')))").evaluate(context))
        .isSameAs(failure);
    assertThatThrownBy(() -> Template.parse("x @{body('x')?['y']}").evaluate(context))
        .isSameAs(failure);
  }
}
