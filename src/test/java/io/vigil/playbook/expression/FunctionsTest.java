package io.vigil.playbook.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionsTest {

  @Test
  void builtInNamesInAnyCase() {
    assertThat(Functions.isBuiltIn("concat")).isTrue();
    assertThat(Functions.isBuiltIn("encodeURIComponent")).isTrue();
    assertThat(Functions.isBuiltIn("UTCNOW")).isTrue();
    assertThat(Functions.isBuiltIn("formatDateTime")).isTrue();
  }

  @Test
  void runStateFunctionsAreLeftToTheEngine() {
    for (String name :
        new String[] {
          "triggerBody", "triggerOutputs", "trigger", "body", "outputs", "actions", "action",
          "items", "item", "iterationIndexes", "variables", "parameters", "result", "workflow",
          "listCallbackUrl", "triggerFormDataValue", "actionBody", "actionOutputs"
        }) {
      assertThat(Functions.isBuiltIn(name)).as(name).isFalse();
    }
    assertThat(Functions.isBuiltIn("nonsense")).isFalse();
    assertThat(Functions.isBuiltIn(null)).isFalse();
  }
}
