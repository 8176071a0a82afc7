package io.vigil.playbook.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: a context with a Sentinel incident trigger body, a fixed clock, assertions. */
final class Wdl {
  static final Instant NOW = Instant.parse("2024-03-15T13:45:30.1234567Z");

  static final JsonNode TRIGGER_BODY =
      json(
          """
          {
            "objectSchemaType": "Incident",
            "workspaceInfo": {"SubscriptionId": "sub-1", "WorkspaceName": "soc"},
            "object": {
              "id": "/subscriptions/sub-1/incidents/inc-1",
              "properties": {
                "title": "Suspicious sign-in",
                "severity": "High",
                "incidentNumber": 42,
                "relatedEntities": [
                  {"kind": "Account", "properties": {"accountName": "alice"}},
                  {"kind": "Ip", "properties": {"address": "10.0.0.1"}}
                ],
                "owner": null
              }
            }
          }
          """);

  static final JsonNode ACCOUNTS =
      json("{\"Accounts\": [{\"Name\": \"alice\", \"UPNSuffix\": \"contoso.com\"}]}");

  /** The calls the context received, as "name(arg, ...)". */
  static final List<String> RECEIVED = new ArrayList<>();

  static final ExpressionContext CONTEXT =
      new ExpressionContext() {
        @Override
        public JsonNode call(String function, List<JsonNode> arguments) {
          RECEIVED.add(function + arguments);
          return switch (function) {
            case "triggerbody" -> TRIGGER_BODY;
            case "body" -> {
              if (arguments.get(0).asString().equals("Entities_-_Get_Accounts")) {
                yield ACCOUNTS;
              }
              throw new ExpressionException(
                  "The action '" + arguments.get(0).asString() + "' does not exist.");
            }
            case "variables" ->
                json("{\"count\": 3, \"list\": [1, 2], \"flag\": true}")
                    .get(arguments.get(0).asString());
            case "nothing" -> null;
            default -> throw ExpressionException.unknownFunction(function);
          };
        }

        @Override
        public Clock clock() {
          return Clock.fixed(NOW, ZoneOffset.UTC);
        }
      };

  private Wdl() {}

  static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }

  static JsonNode eval(String template) {
    return Template.parse(template).evaluate(CONTEXT);
  }

  /** Asserts that {@code template} evaluates to the JSON value {@code expected}. */
  static void check(String template, String expected) {
    assertThat(eval(template)).as(template).isEqualTo(json(expected));
  }

  /** Asserts that {@code template} evaluates to the string {@code expected}. */
  static void checkText(String template, String expected) {
    JsonNode result = eval(template);
    assertThat(result.isString()).as(template + " gives a string, not " + result).isTrue();
    assertThat(result.stringValue()).as(template).isEqualTo(expected);
  }

  /** The error evaluating (or parsing) {@code template}; fails if there is none. */
  static ExpressionException error(String template) {
    ExpressionException error =
        catchThrowableOfType(ExpressionException.class, () -> eval(template));
    assertThat(error).as("an error from " + template).isNotNull();
    return error;
  }
}
