package com.youtubechat.shared.error;

/** Pusher refused an event (bad credentials, over quota, malformed or too large). */
public class PusherRejectedException extends PermanentException {

  public PusherRejectedException(String message) {
    super(message);
  }

  public PusherRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
