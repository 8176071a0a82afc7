package io.vigil.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EtagsTest {

  @Test
  void acceptsTheCurrentEtagQuotedOrNotWeakOrNot() {
    assertThatCode(() -> Etags.check("\"abc\"", "abc")).doesNotThrowAnyException();
    assertThatCode(() -> Etags.check("abc", "abc")).doesNotThrowAnyException();
    assertThatCode(() -> Etags.check("W/\"abc\"", "abc")).doesNotThrowAnyException();
    assertThatCode(() -> Etags.check(null, "abc")).doesNotThrowAnyException();
    assertThatCode(() -> Etags.check("*", "abc")).doesNotThrowAnyException();
  }

  @Test
  void refusesAStaleOrMissingResource() {
    assertThatThrownBy(() -> Etags.check("\"old\"", "abc"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> Etags.check("*", null)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> Etags.check("\"abc\"", null)).isInstanceOf(ApiException.class);
  }
}
