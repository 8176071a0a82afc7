package io.vigil.shared.web;

/** The one error shape of the API: {@code {"error":{"code","message"}}}. */
public record ErrorBody(Detail error) {
  public record Detail(String code, String message) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message));
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
