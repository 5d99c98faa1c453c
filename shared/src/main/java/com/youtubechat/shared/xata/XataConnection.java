package com.youtubechat.shared.xata;

import com.youtubechat.shared.log.Log;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The invocation's one database connection: opened lazily on first use (never during init, so no
 * connection is frozen into a SnapStart snapshot), checked before each use and reopened when a
 * server restart has killed it, and {@link #reset closed} when the invocation ends. A warm
 * container therefore holds no connection between invocations: the connections in use are the
 * invocations running now, never the containers Lambda keeps warm (README: the connection budget).
 */
public final class XataConnection implements AutoCloseable {

  private static final System.Logger LOG = Log.get(XataConnection.class);
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final XataSettings settings;
  private Connection connection;

  public XataConnection(XataSettings settings) {
    this.settings = settings;
  }

  /** A live connection in auto-commit mode. */
  public synchronized Connection get() {
    try {
      if (connection != null && !connection.isClosed() && connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        return connection;
      }
    } catch (SQLException stale) {
      LOG.log(System.Logger.Level.INFO, "discarding a dead database connection: {0}", stale.getMessage());
    }
    closeQuietly();
    connection = open();
    return connection;
  }

  /** Loads pgjdbc's driver, connection and COPY classes without connecting (SnapStart priming). */
  public static void warmDriver() {
    com.youtubechat.shared.lambda.Warmup.load("org.postgresql.Driver", "org.postgresql.jdbc.PgConnection",
        "org.postgresql.jdbc.PgPreparedStatement", "org.postgresql.jdbc.PgResultSet",
        "org.postgresql.copy.CopyManager", "org.postgresql.core.v3.QueryExecutorImpl");
  }

  /**
   * Forgets the current connection: after a statement failed because it was lost, and at the end of
   * each invocation, so that a burst's warm containers keep none of the database's connection slots.
   */
  public synchronized void reset() {
    closeQuietly();
  }

  private Connection open() {
    Properties props = new Properties();
    settings.user().ifPresent(user -> props.setProperty("user", user));
    settings.password().ifPresent(password -> props.setProperty("password", password));
    props.setProperty("ApplicationName", "youtube-chat");
    props.setProperty("connectTimeout", "10");
    props.setProperty("socketTimeout", "120");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("reWriteBatchedInserts", "true");
    try {
      long start = System.nanoTime();
      Connection opened = DriverManager.getConnection(settings.jdbcUrl(), props);
      LOG.log(System.Logger.Level.INFO, "database connection opened to {0} in {1} ms",
          redactedUrl(), String.valueOf((System.nanoTime() - start) / 1_000_000));
      return opened;
    } catch (SQLException e) {
      throw SqlErrors.translateConnect(e, "Connecting to " + redactedUrl());
    }
  }

  /** The JDBC URL without its query (which could carry credentials). */
  String redactedUrl() {
    String url = settings.jdbcUrl();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is being discarded because it is already broken
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  /** Work done on the connection; SQL failures are translated by {@link #run}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on the live connection. A failure is translated into a retryable or a named
   * permanent error; a lost connection is dropped so the next attempt opens a fresh one.
   */
  public <T> T run(String action, SqlWork<T> work) {
    Connection live = get();
    try {
      return work.apply(live);
    } catch (SQLException e) {
      if (SqlErrors.connectionLost(e.getSQLState() == null ? "" : e.getSQLState())) {
        reset();
      }
      throw SqlErrors.translate(e, action);
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(String action, SqlWork<T> work) {
    return run(action, connection -> {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
        throw e;
      } finally {
        if (!connection.isClosed()) {
          connection.setAutoCommit(true);
        }
      }
    });
  }
}
