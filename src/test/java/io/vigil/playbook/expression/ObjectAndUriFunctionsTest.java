package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.checkText;
import static io.vigil.playbook.expression.Wdl.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectAndUriFunctionsTest {

  @Test
  void setPropertyAddsOrReplaces() {
    check(
        "@setProperty(json('{\"firstName\": \"Sophia\", \"surName\": \"Owen\"}'), 'surName',"
            + " 'Hartnett')",
        "{\"firstName\": \"Sophia\", \"surName\": \"Hartnett\"}");
    check("@setProperty(json('{}'), 'n', createArray(1))", "{\"n\": [1]}");
    check(
        "@setProperty(json('{\"c\": {\"a\": 1}}'), 'c', setProperty(json('{\"c\": {\"a\": 1}}')['c'],"
            + " 'b', 2))",
        "{\"c\": {\"a\": 1, \"b\": 2}}");
    assertThat(error("@setProperty('x', 'a', 1)").getMessage())
        .contains("function 'setProperty' expects its first parameter to be an object");
  }

  @Test
  void addPropertyFailsWhenItExists() {
    check(
        "@addProperty(json('{\"firstName\": \"Sophia\"}'), 'middleName', 'Anne')",
        "{\"firstName\": \"Sophia\", \"middleName\": \"Anne\"}");
    assertThat(error("@addProperty(json('{\"a\": 1}'), 'a', 2)").getMessage())
        .contains("cannot add the property 'a' because it already exists");
  }

  @Test
  void removePropertyIgnoresAMissingOne() {
    check("@removeProperty(json('{\"a\": 1, \"b\": 2}'), 'a')", "{\"b\": 2}");
    check("@removeProperty(json('{\"a\": 1}'), 'z')", "{\"a\": 1}");
  }

  @Test
  void objectFunctionsDoNotChangeTheirInput() {
    check(
        "@triggerBody()?['workspaceInfo']",
        "{\"SubscriptionId\": \"sub-1\", \"WorkspaceName\": \"soc\"}");
    check(
        "@removeProperty(triggerBody()?['workspaceInfo'], 'SubscriptionId')",
        "{\"WorkspaceName\": \"soc\"}");
    check(
        "@setProperty(triggerBody()?['workspaceInfo'], 'WorkspaceName', 'x')['WorkspaceName']",
        "\"x\"");
    check(
        "@triggerBody()?['workspaceInfo']",
        "{\"SubscriptionId\": \"sub-1\", \"WorkspaceName\": \"soc\"}");
  }

  @Test
  void partsOfAUri() {
    String uri = "'https://www.contoso.com/catalog/shownew.htm?date=today'";
    checkText("@uriScheme(" + uri + ")", "https");
    checkText("@uriHost('https://www.localhost.com:8080')", "www.localhost.com");
    check("@uriPort('https://www.localhost:8080')", "8080");
    check("@uriPort('https://www.contoso.com/')", "443");
    check("@uriPort('http://www.contoso.com/')", "80");
    checkText("@uriPath(" + uri + ")", "/catalog/shownew.htm");
    checkText("@uriPath('https://www.contoso.com')", "/");
    checkText("@uriQuery(" + uri + ")", "?date=today");
    checkText("@uriQuery('https://www.contoso.com/a')", "");
    checkText("@uriPathAndQuery(" + uri + ")", "/catalog/shownew.htm?date=today");
    assertThat(error("@uriHost('not a uri')").getMessage()).contains("'uriHost'");
    assertThat(error("@uriHost('/relative/path')").getMessage()).contains("absolute URI");
  }
}
