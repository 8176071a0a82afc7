package io.vigil.shared;

import java.nio.file.Path;

/** The embedded database as the server opens it, for tools that open its file while it is down. */
public final class EmbeddedDatabase {
  private EmbeddedDatabase() {}

  /**
   * The JDBC URL of the embedded database in {@code dataDir}, with the options the server opens it
   * with (see {@link DatabaseConfiguration}).
   */
  public static String url(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().normalize().resolve("vigil")
        + DatabaseConfiguration.H2_OPTIONS;
  }
}
