package io.vigil.playbook.expression;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/** The parts of an absolute URI: scheme, host, port, path and query. */
final class UriFunctions {
  private UriFunctions() {}

  static void register(Functions.Registry r) {
    r.add("uriScheme", 1, 1, part((a, uri) -> Values.string(uri.getScheme())));
    r.add("uriHost", 1, 1, part((a, uri) -> Values.string(uri.getHost())));
    r.add("uriPort", 1, 1, part(UriFunctions::port));
    r.add("uriPath", 1, 1, part((a, uri) -> Values.string(path(uri))));
    r.add("uriQuery", 1, 1, part((a, uri) -> Values.string(query(uri))));
    r.add("uriPathAndQuery", 1, 1, part((a, uri) -> Values.string(path(uri) + query(uri))));
  }

  private static Functions.Implementation part(BiFunction<Args, URI, JsonNode> reader) {
    return a -> {
      String text = a.string(0);
      try {
        URI uri = new URI(text.strip());
        if (!uri.isAbsolute() || uri.getHost() == null) {
          throw a.fail(
              "expects its parameter to be an absolute URI. The provided value is '" + text + "'.");
        }
        return reader.apply(a, uri);
      } catch (URISyntaxException e) {
        throw a.fail(
            "expects its parameter to be a valid URI. The provided value is '" + text + "'.");
      }
    };
  }

  /** The explicit port, or the scheme's default. */
  private static JsonNode port(Args a, URI uri) {
    if (uri.getPort() >= 0) {
      return Values.number(uri.getPort());
    }
    return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
      case "http", "ws" -> Values.number(80);
      case "https", "wss" -> Values.number(443);
      case "ftp" -> Values.number(21);
      default ->
          throw a.fail("cannot tell the default port of the scheme '" + uri.getScheme() + "'.");
    };
  }

  private static String path(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  private static String query(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
  }
}
