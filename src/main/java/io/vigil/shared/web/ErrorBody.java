package io.vigil.shared.web;

import io.vigil.shared.ApiException;
import java.util.List;

/**
 * The one error shape of the API: {@code {"error":{"code","message"}}}, with {@code details} (each
 * a {@code {"code","message"}}, with a {@code target} when it concerns a named thing) when the
 * error is made of several problems, as in ARM.
 */
public record ErrorBody(Detail error) {
  /**
   * {@code details} is null, and so left out, when there is only the one message; so is a {@code
   * target} that names nothing.
   */
  public record Detail(String code, String target, String message, List<Detail> details) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, null, message, null));
  }

  public static ErrorBody of(String code, String message, List<ApiException.Detail> details) {
    return new ErrorBody(
        new Detail(
            code,
            null,
            message,
            details.isEmpty()
                ? null
                : details.stream()
                    .map(d -> new Detail(d.code(), d.target(), d.message(), null))
                    .toList()));
  }

  /** The same body as JSON text, for filters that write responses before Spring MVC runs. */
  public String toJson() {
    return "{\"error\":{\"code\":"
        + quote(error.code())
        + ",\"message\":"
        + quote(error.message())
        + "}}";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
