package com.youtubechat.local;

/**
 * Told of each {@link HistoryEvent} as it happens (from the thread running the state; Parallel
 * branches run concurrently). The execution's history records every event whatever the listener.
 */
@FunctionalInterface
public interface ExecutionListener {

  void onEvent(HistoryEvent event);

  /** Logs each event through {@link System.Logger} {@code com.youtubechat.local}: progress at INFO, failures at WARNING. */
  static ExecutionListener logging() {
    System.Logger logger = System.getLogger("com.youtubechat.local");
    return event -> logger.log(
        event.type() == HistoryEvent.Type.FAILED || event.type() == HistoryEvent.Type.RETRY
            ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
        () -> event + (event.cause() != null && (event.type() == HistoryEvent.Type.FAILED
            || event.type() == HistoryEvent.Type.CAUGHT) ? " — " + event.cause() : ""));
  }

  static ExecutionListener none() {
    return event -> {};
  }
}
