package io.vigil.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  private volatile CompletableFuture<Void> migration;

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
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                migrate.run();
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            "vigil-migration");
    thread.setDaemon(true);
    migration = done;
    thread.start();
  }

  /** Waits for the migration, if one was started, and rethrows what made it fail. */
  void awaitMigration() {
    CompletableFuture<Void> running = migration;
    if (running == null) {
      return;
    }
    try {
      running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
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
