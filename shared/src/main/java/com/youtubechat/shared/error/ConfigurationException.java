package com.youtubechat.shared.error;

/** Missing or malformed configuration; the message names every offending variable, never a value. */
public class ConfigurationException extends PermanentException {

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
