package com.youtubechat.shared.error;

/** The database refused an operation for a reason retrying will not fix (credentials, missing schema, constraint). */
public class DatabaseException extends PermanentException {

  public DatabaseException(String message) {
    super(message);
  }

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
