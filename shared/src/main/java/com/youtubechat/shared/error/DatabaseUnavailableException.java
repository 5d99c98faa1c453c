package com.youtubechat.shared.error;

/**
 * No connection to the database could be made: it refused the connection (down, or a wrong host
 * or port in {@code XATA_DB_URL}) or is starting up (SQLSTATE 57P03). An outage can last longer
 * than the quick retries of {@link TransientException}, so the state machine waits for it as
 * patiently as for a full connection budget; {@code youtube-chat doctor} tells a wrong URL apart.
 */
public final class DatabaseUnavailableException extends CapacityException {

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
