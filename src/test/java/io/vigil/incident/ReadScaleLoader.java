package io.vigil.incident;

import io.vigil.shared.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads the data of the "reads at scale" benchmark straight into a database over JDBC, through the
 * database's bulk path: {@code INSERT … SELECT} over a generated series, a chunk of incidents and
 * their tasks per statement. One loader per database ({@link #postgresql}, {@link #embedded}); they
 * load the same rows through the same statements and differ only in the series function, the MD5 of
 * the etags and the settings of the loading session.
 */
final class ReadScaleLoader {
  private static final String CREATED_BY =
      "{\"name\":\"loader\",\"objectId\":\"00000000-0000-0000-0000-000000000001\"}";

  private final String url;
  private final String user;
  // Run once connected: the loading session's settings.
  private final String setUp;
  // Run once loaded and analyzed, before the server reads the data.
  private final String finish;
  // The function answering the integers from a to b as a table.
  private final String series;
  // The MD5 of %s in lower-case hex, as PostgreSQL's md5 answers it.
  private final String md5;

  private ReadScaleLoader(
      String url, String user, String setUp, String finish, String series, String md5) {
    this.url = url;
    this.user = user;
    this.setUp = setUp;
    this.finish = finish;
    this.series = series;
    this.md5 = md5;
  }

  /**
   * PostgreSQL, at {@code url}: {@code generate_series}, with {@code synchronous_commit} off for
   * the loader's session only (a crash could only lose the benchmark's own data). It vacuums after
   * loading, as autovacuum would soon after a load this size (it vacuums tables that grew, since
   * PostgreSQL 13): that sets the visibility map, so counting an incident's tasks reads the index
   * alone, as it does on a database in service.
   */
  static ReadScaleLoader postgresql(String url, String user) {
    return new ReadScaleLoader(
        url,
        user,
        "SET synchronous_commit = off",
        "VACUUM",
        "generate_series",
        "md5(CAST(%s AS VARCHAR))");
  }

  /**
   * The embedded H2 database in {@code dataDir}, opened with the server's own options while the
   * server is down (H2 locks the file while it is open): {@code SYSTEM_RANGE}, with referential
   * integrity not checked while the loader has the database open (H2 2.x has no transaction log or
   * undo log to turn off; the setting is not persistent and, the server being down, the loader's
   * connection is the only one). It ends by closing the database and rewriting its file without the
   * space the load left behind (the file of a load comes out several times the size of its data),
   * as a server that ran for a while would have compacted it.
   */
  static ReadScaleLoader embedded(Path dataDir) {
    return new ReadScaleLoader(
        EmbeddedDatabase.url(dataDir),
        "sa",
        "SET REFERENTIAL_INTEGRITY FALSE",
        "SHUTDOWN COMPACT",
        "SYSTEM_RANGE",
        "LOWER(RAWTOHEX(HASH('MD5', CAST(%s AS VARCHAR))))");
  }

  /** A connection to the database, set up for loading. */
  private Connection connect() throws SQLException {
    Connection db = DriverManager.getConnection(url, user, "");
    try (Statement statement = db.createStatement()) {
      statement.execute(setUp);
    }
    return db;
  }

  /** The integers {@code from} to {@code to} as a table and column both called {@code name}. */
  private String series(String from, String to, String name) {
    return series + "(" + from + ", " + to + ") AS " + name + "(" + name + ")";
  }

  private String md5(String text) {
    return md5.formatted(text);
  }

  /**
   * Fills the workspace {@code reads}, created through the API: incidents {@code inc-1} to {@code
   * inc-N}, one a minute from 2024-01-01, cycling through the severities and New, Active and
   * Closed, each with {@code tasks} tasks of which the first three are Completed; {@code chunk}
   * incidents and their tasks per statement, each chunk committed on its own.
   */
  void load(int incidents, int tasks, int chunk) throws SQLException {
    try (Connection db = connect()) {
      db.setAutoCommit(false);
      long workspace;
      try (Statement statement = db.createStatement();
          var rs = statement.executeQuery("SELECT id FROM workspace WHERE name = 'reads'")) {
        rs.next();
        workspace = rs.getLong(1);
      }
      String minutes = "TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00Z' + g * INTERVAL '1' MINUTE";
      try (PreparedStatement insert =
              db.prepareStatement(
                  "INSERT INTO incident (workspace_id, name, name_key, incident_number, etag,"
                      + " title, severity, severity_rank, status, classification,"
                      + " classification_reason, created_time, last_modified_time,"
                      + " related_rule_ids, alerts_count, comments_count, alert_product_names,"
                      + " tactics, techniques)"
                      + " SELECT ?, 'inc-' || g, 'inc-' || g, g, "
                      + md5("g")
                      + ", 'Suspicious sign-in ' || g,"
                      + " CASE g % 4 WHEN 0 THEN 'Informational' WHEN 1 THEN 'Low'"
                      + " WHEN 2 THEN 'Medium' ELSE 'High' END, g % 4,"
                      + " CASE (g / 4) % 3 WHEN 0 THEN 'New' WHEN 1 THEN 'Active' ELSE 'Closed' END,"
                      + " CASE WHEN (g / 4) % 3 = 2 THEN 'TruePositive' END,"
                      + " CASE WHEN (g / 4) % 3 = 2 THEN 'SuspiciousActivity' END, "
                      + minutes
                      + ", "
                      + minutes
                      + ", '[]', 0, 0, '[]', '[]', '[]'"
                      + " FROM "
                      + series("?", "?", "g"));
          PreparedStatement insertTasks =
              db.prepareStatement(
                  "INSERT INTO incident_task (incident_id, name, name_key, etag, title, status,"
                      + " created_by_type, created_by, last_modified_by, completed_by,"
                      + " completed_time, created_time, last_modified_time, list_position)"
                      + " SELECT i.id, 'task-' || n, 'task-' || n, "
                      + md5("i.id || '-' || n")
                      + ", 'Task ' || n || ' of ' || i.name,"
                      + " CASE WHEN n <= 3 THEN 'Completed' ELSE 'New' END, 'User',"
                      + " CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                      + " CASE WHEN n <= 3 THEN CAST(? AS VARCHAR) END,"
                      + " CASE WHEN n <= 3 THEN i.created_time END,"
                      + " i.created_time, i.created_time, n"
                      + " FROM incident i CROSS JOIN "
                      + series("1", "?", "n")
                      + " WHERE i.workspace_id = ? AND i.incident_number BETWEEN ? AND ?")) {
        for (int from = 1; from <= incidents; from += chunk) {
          int to = Math.min(incidents, from + chunk - 1);
          insert.setLong(1, workspace);
          insert.setInt(2, from);
          insert.setInt(3, to);
          insert.executeUpdate();
          insertTasks.setString(1, CREATED_BY);
          insertTasks.setString(2, CREATED_BY);
          insertTasks.setString(3, CREATED_BY);
          insertTasks.setInt(4, tasks);
          insertTasks.setLong(5, workspace);
          insertTasks.setInt(6, from);
          insertTasks.setInt(7, to);
          insertTasks.executeUpdate();
          db.commit();
          System.out.printf("  %,d incidents loaded%n", to);
        }
      }
      try (Statement statement = db.createStatement()) {
        statement.execute(
            "INSERT INTO incident_number (workspace_id, last_number) VALUES ("
                + workspace
                + ", "
                + incidents
                + ")");
        db.commit();
        db.setAutoCommit(true);
        statement.execute("ANALYZE");
        statement.execute(finish);
      }
    }
  }
}
