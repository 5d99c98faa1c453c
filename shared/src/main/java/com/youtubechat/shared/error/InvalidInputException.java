package com.youtubechat.shared.error;

/** The step's input cannot be processed: a missing record id, or no valid YouTube id or URL. */
public class InvalidInputException extends PermanentException {

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
