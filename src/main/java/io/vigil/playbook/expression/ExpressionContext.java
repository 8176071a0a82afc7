package io.vigil.playbook.expression;

import java.time.Clock;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the workflow engine supplies to expressions: the functions that read run state ({@code
 * triggerBody}, {@code body}, {@code items}, {@code variables}, {@code parameters}, ...) and the
 * clock. Every function name that is not built in is passed to {@link #call}.
 */
@FunctionalInterface
public interface ExpressionContext {

  /**
   * Returns the value of a run-state function. {@code function} is lower-cased, since WDL names are
   * case-insensitive; {@code arguments} are already evaluated. Throws {@link ExpressionException}
   * (see {@link ExpressionException#unknownFunction}) for a name it does not know, or for bad
   * arguments such as an action that does not exist. A Java {@code null} is read as JSON null.
   */
  JsonNode call(String function, List<JsonNode> arguments);

  /** The clock {@code utcNow()}, {@code getFutureTime()} and {@code getPastTime()} read. */
  default Clock clock() {
    return Clock.systemUTC();
  }
}
