package io.vigil.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RichTextTest {

  @Test
  void keepsTheRichTextOfTheSeed() {
    String html =
        "<p>Follow <a href=\"https://learn.microsoft.com/azure/sentinel\">the playbook</a>:</p>"
            + "<ol><li>Reset the password</li><li>Revoke sessions</li></ol>"
            + "<ul><li>Check <i>mail rules</i></li></ul>"
            + "<pre><code>Revoke-AzureADUserAllRefreshToken -ObjectId $id</code></pre>"
            + "<p><img src=\"https://contoso.com/diagram.png\" alt=\"flow\"> <b>bold</b> <u>u</u></p>";
    String clean = RichText.sanitize(html);
    assertThat(clean)
        .contains(
            "<a href=\"https://learn.microsoft.com/azure/sentinel\" rel=\"noopener noreferrer nofollow\">the playbook</a>")
        .contains("<ol><li>Reset the password</li><li>Revoke sessions</li></ol>")
        .contains("<ul><li>Check <i>mail rules</i></li></ul>")
        .contains("<pre><code>Revoke-AzureADUserAllRefreshToken -ObjectId $id</code></pre>")
        .contains("<img src=\"https://contoso.com/diagram.png\" alt=\"flow\">")
        .contains("<b>bold</b>");
  }

  @Test
  void aTextCleanedAgainIsAnsweredAsTheFirstTimeAndTheMemoryStaysBounded() {
    String html = "<p onclick=\"alert(1)\">Reset <b>every</b> account</p>";
    String first = RichText.sanitize(html);
    assertThat(RichText.sanitize(html)).isEqualTo(first).isEqualTo(RichText.clean(html));
    for (int i = 0; i < 3 * RichText.REMEMBERED; i++) {
      assertThat(RichText.sanitize("<i>" + i + "</i>")).isEqualTo("<i>" + i + "</i>");
    }
    assertThat(RichText.rememberedCount()).isLessThanOrEqualTo(RichText.REMEMBERED);
    String long_ = "<b>" + "x".repeat(RichText.REMEMBERED_LENGTH) + "</b>";
    assertThat(RichText.sanitize(long_)).isEqualTo(long_);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<body onload=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<p onmouseover=\"alert(1)\">hover</p>",
        "<img src=\"data:text/html,<script>alert(1)</script>\">"
      })
  void dropsEverythingThatCouldRunScript(String attack) {
    String clean = RichText.sanitize(attack).toLowerCase();
    assertThat(clean)
        .doesNotContain("<script")
        .doesNotContain("javascript:")
        .doesNotContain("onerror")
        .doesNotContain("onload")
        .doesNotContain("onmouseover")
        .doesNotContain("<iframe")
        .doesNotContain("<svg")
        .doesNotContain("<object")
        .doesNotContain("<form")
        .doesNotContain("style=");
  }

  @Test
  void escapesPlainText() {
    assertThat(RichText.sanitize("a < b & c")).isEqualTo("a &lt; b &amp; c");
    assertThat(RichText.sanitize(null)).isNull();
  }

  /** Text that skips the cleaner must be exactly what the cleaner would have made of it. */
  @Test
  void textThatSkipsTheCleanerIsWhatTheCleanerWouldReturn() {
    String alphabet =
        "aZ09 \t\n\r\u0000\u0007\u000b\u001f\"'=/;:!?-_()[]{}<>&#éü中€\u00a0\u00ad\u200b"
            + "\u2028\u3000\ufeff\u007f\u0085\ud83d\ude00";
    Random random = new Random(42);
    int plain = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        if (Character.isSurrogate(c)) {
          text.append("\ud83d\ude00"); // whole pairs only
        } else {
          text.append(c);
        }
      }
      String s = text.toString();
      if (RichText.plain(s)) {
        plain++;
        assertThat(RichText.clean(s)).as("[%s]", s).isEqualTo(s);
      }
      assertThat(RichText.sanitize(s)).isEqualTo(RichText.clean(s));
    }
    assertThat(plain).as("plain samples").isGreaterThan(1_000);
  }
}
