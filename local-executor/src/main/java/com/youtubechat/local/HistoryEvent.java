package com.youtubechat.local;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of an execution's progress.
 *
 * @param state the state's name
 * @param type what happened
 * @param timestamp when
 * @param duration time since the state was entered (EXITED, CAUGHT, FAILED, ABORTED), or the delay
 *     before the next attempt (RETRY); null for ENTERED
 * @param error the error name (RETRY, CAUGHT, FAILED), else null
 * @param cause the error's cause, else null
 * @param attempt the state's attempt number, 1 for the first
 */
public record HistoryEvent(String state, Type type, Instant timestamp, Duration duration, String error,
    String cause, int attempt) {

  public enum Type {
    /** The state started. */
    ENTERED,
    /** The state finished and passed its output on (also after a caught error: see CAUGHT). */
    EXITED,
    /** The state failed with an error a retrier matches; it runs again after {@code duration}. */
    RETRY,
    /** The state failed and a catcher matched: the execution continues at the catcher's Next. */
    CAUGHT,
    /** The state failed with no retry left and no catcher: its branch, or the execution, fails. */
    FAILED,
    /** The state was stopped because another branch of its Parallel failed, or the run was interrupted. */
    ABORTED
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(type.name().toLowerCase()).append(' ').append(state);
    if (attempt > 1) {
      text.append(" (attempt ").append(attempt).append(')');
    }
    if (duration != null) {
      text.append(type == Type.RETRY ? " retrying in " : " after ").append(duration.toMillis()).append(" ms");
    }
    if (error != null) {
      text.append(": ").append(error);
    }
    return text.toString();
  }
}
