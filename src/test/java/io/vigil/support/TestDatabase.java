package io.vigil.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database the integration tests run on, chosen by the system property {@code vigil.test.db}:
 * {@code embedded} (H2 in memory, the default) or {@code postgresql}, for which a fresh database is
 * created on the server at {@code vigil.test.pg.url} and dropped when the JVM exits. If that server
 * cannot be reached, the tests fail, saying so; they are never skipped.
 */
public final class TestDatabase {
  private static String url;

  private TestDatabase() {}

  public static boolean isPostgres() {
    return "postgresql".equals(System.getProperty("vigil.test.db", "embedded"));
  }

  /** The JDBC URL of this JVM's test database, created on first use. */
  public static synchronized String url() {
    if (url == null) {
      url = isPostgres() ? createPostgresDatabase() : embedded();
    }
    return url;
  }

  public static String user() {
    return isPostgres() ? System.getProperty("vigil.test.pg.user", "postgres") : "sa";
  }

  private static String embedded() {
    return "jdbc:h2:mem:vigil-"
        + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  private static String createPostgresDatabase() {
    String admin =
        System.getProperty("vigil.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String name = "vigil_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(admin, user(), "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The PostgreSQL tests need a server at "
              + admin
              + " (user "
              + user()
              + "), and it could not be reached: "
              + e.getMessage()
              + ". Start it (see README.md) or run only the embedded tests.",
          e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection connection = DriverManager.getConnection(admin, user(), "");
                      Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                  } catch (SQLException ignored) {
                    // best effort: a left-over test database is harmless
                  }
                }));
    return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
  }
}
