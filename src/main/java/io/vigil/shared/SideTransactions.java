package io.vigil.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short transactions that commit on their own, whatever the caller's transaction does, on a small
 * pool of their own. For counters that a long transaction must not hold locked until it ends: the
 * incident number of a workspace is taken this way, so that concurrent incident creations (each
 * running its automation rules) do not queue behind one another.
 */
public final class SideTransactions implements DisposableBean {
  private final HikariDataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  SideTransactions(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** Runs {@code work} in a transaction of its own and commits it before returning. */
  public <T> T run(Function<JdbcClient, T> work) {
    return transactions.execute(status -> work.apply(jdbc));
  }

  @Override
  public void destroy() {
    dataSource.close();
  }
}
