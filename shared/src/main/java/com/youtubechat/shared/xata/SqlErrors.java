package com.youtubechat.shared.xata;

import com.youtubechat.shared.error.DatabaseBusyException;
import com.youtubechat.shared.error.DatabaseException;
import com.youtubechat.shared.error.DatabaseUnavailableException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.YoutubeChatException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Sorts database failures into retryable, patiently retryable (capacity) and permanent ones, by
 * SQLSTATE class and, for a connection that could not be opened, by its cause.
 */
public final class SqlErrors {

  /** {@code too_many_connections}: max_connections, or the role's CONNECTION LIMIT, is reached. */
  static final String TOO_MANY_CONNECTIONS = "53300";

  private SqlErrors() {}

  public static YoutubeChatException translate(SQLException e, String action) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String detail = action + " failed (SQLSTATE " + (state.isEmpty() ? "none" : state) + "): " + e.getMessage();
    if (state.equals(TOO_MANY_CONNECTIONS)) {
      return new DatabaseBusyException("Database busy: " + detail + ". Every connection slot is taken, as in a"
          + " burst of videos; the state machine waits and tries again. If this lasts, raise the database's"
          + " max_connections, put a pooler in front, or lower the FunctionConcurrency parameter (README: the"
          + " connection budget)", e);
    }
    if (isTransient(state)) {
      return new TransientException("Database unavailable: " + detail, e);
    }
    if (state.startsWith("28")) {
      return new DatabaseException(detail + ". The database refused the credentials: check XATA_DB_URL"
          + " and XATA_API_KEY", e);
    }
    if (state.equals("42P01") || state.equals("42703") || state.equals("42704")) {
      return new DatabaseException(detail + ". The schema is missing or out of date: apply it with"
          + " 'make db-migrate' (see README)", e);
    }
    if (state.equals("3D000")) {
      return new DatabaseException(detail + ". The database (or Xata branch) in XATA_DB_URL does not exist", e);
    }
    return new DatabaseException(detail, e);
  }

  /**
   * A failed attempt to open a connection. Before the SQLSTATE rules of {@link #translate}: an
   * unknown host and TLS required by the URL but not offered are settings to fix, and a refused
   * connection (or a server starting up, 57P03) is an outage to wait out, not a quick retry.
   */
  public static YoutubeChatException translateConnect(SQLException e, String action) {
    String state = e.getSQLState() == null ? "none" : e.getSQLState();
    String detail = action + " failed (SQLSTATE " + state + ")";
    if (hasCause(e, UnknownHostException.class)) {
      return new DatabaseException(detail + ": the host in XATA_DB_URL is not known (" + e.getMessage()
          + "): check XATA_DB_URL", e);
    }
    if (String.valueOf(e.getMessage()).contains("does not support SSL")) {
      return new DatabaseException(detail + ": XATA_DB_URL requires TLS (sslmode=require or the https:// form) but"
          + " the server does not offer it: use a server with TLS, or sslmode=disable only for a local server", e);
    }
    if (hasCause(e, ConnectException.class) || hasCause(e, SocketTimeoutException.class) || state.equals("57P03")) {
      return new DatabaseUnavailableException("Database unavailable: " + detail + ": " + e.getMessage()
          + ". The database is down or restarting (or XATA_DB_URL names the wrong host or port: 'youtube-chat"
          + " doctor' checks it); the state machine waits and tries again", e);
    }
    return translate(e, action);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /** The connection itself is gone (refused, broken, or the server shut down): it must not be reused. */
  static boolean connectionLost(String state) {
    return state.isEmpty() || state.startsWith("08") || state.startsWith("57P0");
  }

  /**
   * Lost or refused connections (08), serialization failures and deadlocks (40001, 40P01), an
   * exhausted server (53) and an admin or crash shutdown (57P0x) can succeed when tried again.
   */
  static boolean isTransient(String state) {
    return connectionLost(state) || state.equals("40001") || state.equals("40P01")
        || state.startsWith("53") || state.equals("55P03");
  }
}
