package io.vigil.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's connection pool, whose connections are handed out only once the schema is
 * migrated. The migration runs on a thread of its own while the rest of the application (web
 * server, security, controllers) is being set up, instead of before it: on a new data directory
 * that is the longest single step of the start-up. Whoever asks for a connection meanwhile waits
 * for the migration to end, and fails with its error if it failed; start-up itself waits for it
 * (see {@link DatabaseConfiguration}) before the server starts listening.
 */
final class MigratedDataSource extends DelegatingDataSource implements AutoCloseable {
  private final HikariDataSource pool;
  // Null until a migration is started: then connections are handed out only once it has ended.
  private volatile Background migration;

  MigratedDataSource(HikariDataSource pool) {
    super(pool);
    this.pool = pool;
  }

  /** The pool itself, for the migration. */
  HikariDataSource pool() {
    return pool;
  }

  /** Starts {@code migrate} on a thread of its own; connections wait until it has ended. */
  synchronized void migrateInBackground(Runnable migrate) {
    if (migration != null) {
      throw new IllegalStateException("The database is already being migrated");
    }
    migration = Background.start("vigil-migration", migrate);
  }

  /** Waits for the migration, if one was started, and rethrows what made it fail. */
  void awaitMigration() {
    Background running = migration;
    if (running != null) {
      running.await();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    awaitConnectable();
    return super.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    awaitConnectable();
    return super.getConnection(username, password);
  }

  private void awaitConnectable() throws SQLException {
    try {
      awaitMigration();
    } catch (RuntimeException e) {
      throw new SQLException("The database could not be migrated: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
