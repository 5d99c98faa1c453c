package com.youtubechat.local;

/**
 * The event does not match the event pattern of any rule that starts the state machine, so
 * EventBridge would never have started an execution for it. Thrown before anything runs.
 */
public class EventPatternMismatchException extends RuntimeException {

  public EventPatternMismatchException(String message) {
    super(message);
  }
}
