package com.youtubechat.shared.error;

/**
 * A failure that retrying will not fix: bad input, a video YouTube will not serve, wrong
 * configuration or credentials. Each kind is its own subclass so the state machine, the logs and the
 * web app can tell them apart by name.
 */
public abstract non-sealed class PermanentException extends YoutubeChatException {

  protected PermanentException(String message) {
    this(message, null);
  }

  protected PermanentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final boolean retryable() {
    return false;
  }
}
