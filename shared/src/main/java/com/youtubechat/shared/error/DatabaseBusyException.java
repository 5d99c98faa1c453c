package com.youtubechat.shared.error;

/**
 * The database refused a new connection because its connection limit is reached (SQLSTATE 53300:
 * {@code max_connections}, or a role's {@code CONNECTION LIMIT}). Retried patiently by the state
 * machine; the README shows how to size the limit for a burst.
 */
public final class DatabaseBusyException extends CapacityException {

  public DatabaseBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
