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
            || event.type() == HistoryEvent.Type.CAUGHT) ? " — " + readable(event.cause()) : ""));
  }

  /** A Lambda error cause's {@code errorMessage}, without the stack trace the JSON carries. */
  private static String readable(String cause) {
    if (cause.startsWith("{")) {
      try {
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cause);
        if (json.hasNonNull("errorMessage")) {
          return json.get("errorMessage").asText();
        }
      } catch (java.io.IOException notJson) {
        // shown as it is
      }
    }
    return cause;
  }

  static ExecutionListener none() {
    return event -> {};
  }
}
