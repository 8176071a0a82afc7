package io.vigil.shared;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts an operator lets Vigil call (playbooks, webhooks): a comma-separated list of host names
 * or {@code host:port}. Everything else is refused, so that nobody who can configure a call can
 * make Vigil reach into the network it runs in.
 */
public final class AllowedHosts {
  private final Set<String> hosts;

  public AllowedHosts(String commaSeparated) {
    this.hosts =
        Arrays.stream(commaSeparated.split(","))
            .map(h -> h.trim().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether {@code uri} is an http(s) address of an allowed host. */
  public boolean allows(URI uri) {
    if (uri.getHost() == null || !isHttp(uri)) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return hosts.contains(host) || hosts.contains(host + ":" + port(uri));
  }

  public static boolean isHttp(URI uri) {
    return uri.getScheme() != null
        && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"));
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
