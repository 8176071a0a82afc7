package io.vigil.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Sanitises user-written HTML (task descriptions, comments) on the way in, against an allow-list:
 * links, numbered and bulleted lists, code blocks, images, tables and basic formatting survive;
 * scripts, styles, event handlers, frames and {@code javascript:} URLs do not. Stored text is
 * therefore safe to render as HTML in any browser.
 */
public final class RichText {
  private static final Safelist ALLOWED =
      Safelist.relaxed()
          .addTags("s", "del", "ins", "hr", "mark", "kbd", "samp", "abbr")
          .addAttributes("a", "title")
          .addAttributes("code", "class")
          .addAttributes("pre", "class")
          .addAttributes("ol", "start", "type")
          .addProtocols("img", "src", "data")
          .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

  /**
   * How many cleaned texts are remembered, and up to what length. Playbooks, automation rules and
   * templates add the same descriptions again and again, and parsing them costs far more than a
   * lookup; when full, the memory starts afresh.
   */
  static final int REMEMBERED = 256;

  static final int REMEMBERED_LENGTH = 4096;

  private static final Map<String, String> remembered = new ConcurrentHashMap<>();

  private RichText() {}

  /** Returns {@code html} with everything outside the allow-list removed; null stays null. */
  public static String sanitize(String html) {
    if (html == null || plain(html)) {
      return html;
    }
    if (html.length() > REMEMBERED_LENGTH) {
      return clean(html);
    }
    String known = remembered.get(html);
    if (known == null) {
      known = clean(html);
      if (remembered.size() >= REMEMBERED) {
        remembered.clear();
      }
      remembered.put(html, known);
    }
    return known;
  }

  static int rememberedCount() {
    return remembered.size();
  }

  /**
   * Whether cleaning {@code text} would return it unchanged: it has no markup, no character
   * reference, and none of the characters the cleaner writes as references or normalises (control
   * characters other than tab and line feed, carriage returns, no-break spaces). Most task
   * descriptions and comments are such text, and parsing them as HTML costs far more than this.
   */
  static boolean plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<'
          || c == '>'
          || c == '&'
          || c == '\u00A0'
          || (c < 0x20 && c != '\t' && c != '\n')) {
        return false;
      }
    }
    return true;
  }

  static String clean(String html) {
    Document dirty = Jsoup.parseBodyFragment(html);
    Document clean = new Cleaner(ALLOWED).clean(dirty);
    clean.outputSettings().prettyPrint(false);
    return clean.body().html();
  }
}
