package io.vigil.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepetitionTest {

  @Test
  void namesAnIterationWithSixDigitsPerLoopOutermostFirst() {
    assertThat(Repetition.child("", 0)).isEqualTo("000000");
    assertThat(Repetition.child("", 2)).isEqualTo("000002");
    assertThat(Repetition.child("000001", 3)).isEqualTo("000001-000003");
    assertThat(Repetition.child("", 123_456)).isEqualTo("123456");
    assertThat(Repetition.child("", 1_234_567)).isEqualTo("1234567");
  }
}
