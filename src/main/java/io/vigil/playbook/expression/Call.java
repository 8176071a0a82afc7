package io.vigil.playbook.expression;

import java.util.List;

/**
 * A function call found in a template, for checks at save time: {@code function} is lower-cased;
 * {@code literalStringArguments} holds the leading arguments that are string literals, so that
 * {@code body('Get_incident')} gives {@code Call("body", ["Get_incident"])} while {@code
 * variables(concat('a', 'b'))} gives {@code Call("variables", [])}.
 */
public record Call(String function, List<String> literalStringArguments) {
  public Call {
    literalStringArguments = List.copyOf(literalStringArguments);
  }
}
