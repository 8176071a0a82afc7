package io.vigil.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The one switch that picks the database: {@code VIGIL_DB_URL} with a {@code jdbc:postgresql:} URL
 * selects PostgreSQL; without it Vigil keeps an embedded H2 database in {@code VIGIL_DATA_DIR}.
 * Start-up logs which one is in use. The same Flyway migrations run on both, on a thread of their
 * own while the rest of the application starts ({@link MigratedDataSource}); start-up ends, and the
 * server starts listening, only once they have run.
 */
@Configuration
class DatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  // PostgreSQL compatibility, lower-case identifiers and NULLs sorting last as PostgreSQL does;
  // WRITE_DELAY=0 writes every commit to the file before it is acknowledged, so that a killed
  // server keeps every change it confirmed (H2 would otherwise delay writes by up to 500 ms).
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

  @Bean
  @Primary
  MigratedDataSource dataSource(
      @Value("${vigil.db.url}") String url,
      @Value("${vigil.db.user}") String user,
      @Value("${vigil.db.password}") String password,
      @Value("${vigil.data-dir}") String dataDir,
      @Value("${vigil.db.pool-size}") int poolSize) {
    HikariDataSource pool = pool("vigil", poolSize, url, user, password, dataDir);
    log.info("Database: {}", describe(pool.getJdbcUrl()));
    return new MigratedDataSource(pool);
  }

  /** Flyway migrates through the pool itself, not through the data source that waits for it. */
  @Bean
  FlywayConfigurationCustomizer migrateThroughThePool(MigratedDataSource dataSource) {
    return configuration -> {
      if (configuration.getDataSource() == dataSource) {
        configuration.dataSource(dataSource.pool());
      }
    };
  }

  /**
   * Spring Boot migrates when the beans that use the database are created; this starts the
   * migration then, in the background, and lets start-up go on.
   */
  @Bean
  FlywayMigrationStrategy migrateInTheBackground(MigratedDataSource dataSource) {
    return flyway -> dataSource.migrateInBackground(flyway::migrate);
  }

  /**
   * Once every bean exists, start-up waits for the migration and fails if it failed, before the
   * server starts listening.
   */
  @Bean
  SmartInitializingSingleton awaitMigration(MigratedDataSource dataSource) {
    return dataSource::awaitMigration;
  }

  /**
   * A second, small pool for {@link SideTransactions}: a transaction of its own never waits for a
   * connection held by the caller's, however busy the main pool is.
   */
  @Bean
  SideTransactions sideTransactions(
      @Value("${vigil.db.url}") String url,
      @Value("${vigil.db.user}") String user,
      @Value("${vigil.db.password}") String password,
      @Value("${vigil.data-dir}") String dataDir) {
    return new SideTransactions(pool("vigil-side", 2, url, user, password, dataDir));
  }

  private static HikariDataSource pool(
      String name, int size, String url, String user, String password, String dataDir) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName(name);
    dataSource.setMaximumPoolSize(size);
    if (url == null || url.isBlank()) {
      Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("vigil");
      dataSource.setJdbcUrl("jdbc:h2:file:" + file + H2_OPTIONS);
      dataSource.setUsername("sa");
      dataSource.setPassword("");
    } else {
      dataSource.setJdbcUrl(url);
      dataSource.setUsername(user);
      dataSource.setPassword(password);
    }
    return dataSource;
  }

  private static String describe(String url) {
    if (url.startsWith("jdbc:h2:file:")) {
      String file = url.substring("jdbc:h2:file:".length(), url.indexOf(';'));
      return "embedded H2 in " + Path.of(file).getParent();
    }
    return (url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "JDBC")
        + " at "
        + url.replaceAll("password=[^&;]*", "password=***");
  }
}
