package io.vigil.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one switch that picks the database: {@code VIGIL_DB_URL} with a {@code jdbc:postgresql:} URL
 * selects PostgreSQL; without it Vigil keeps an embedded H2 database in {@code VIGIL_DATA_DIR}.
 * Start-up logs which one is in use. The same Flyway migrations run on both.
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
  DataSource dataSource(
      @Value("${vigil.db.url}") String url,
      @Value("${vigil.db.user}") String user,
      @Value("${vigil.db.password}") String password,
      @Value("${vigil.data-dir}") String dataDir,
      @Value("${vigil.db.pool-size}") int poolSize) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("vigil");
    dataSource.setMaximumPoolSize(poolSize);
    if (url == null || url.isBlank()) {
      Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("vigil");
      dataSource.setJdbcUrl("jdbc:h2:file:" + file + H2_OPTIONS);
      dataSource.setUsername("sa");
      dataSource.setPassword("");
      log.info("Database: embedded H2 in {}", file.getParent());
    } else {
      dataSource.setJdbcUrl(url);
      dataSource.setUsername(user);
      dataSource.setPassword(password);
      log.info(
          "Database: {} at {}",
          url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "JDBC",
          url.replaceAll("password=[^&;]*", "password=***"));
    }
    return dataSource;
  }
}
