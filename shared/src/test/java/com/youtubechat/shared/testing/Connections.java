package com.youtubechat.shared.testing;

import com.youtubechat.shared.xata.XataConnection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The project's database sessions (application_name youtube-chat) opened since a moment, besides
 * the asker's own. Counting only new sessions keeps the answer independent of other tests' handlers,
 * whose connections the driver may close at any time when they are garbage-collected.
 */
public final class Connections {

  private Connections() {}

  /** The server's clock now, to pass to {@link #openedSince}. */
  public static OffsetDateTime now(XataConnection asker) {
    return asker.run("reading the clock", connection -> {
      try (ResultSet rs = connection.createStatement().executeQuery("SELECT clock_timestamp()")) {
        rs.next();
        return rs.getObject(1, OffsetDateTime.class);
      }
    });
  }

  public static long openedSince(XataConnection asker, OffsetDateTime since) {
    return asker.run("counting sessions", connection -> {
      try (var statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
          + " WHERE application_name = 'youtube-chat' AND pid <> pg_backend_pid() AND backend_start >= ?")) {
        statement.setObject(1, since);
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * {@link #openedSince}, asked again until it equals {@code expected} or {@code patience} runs out.
   * A client's close returns before its server process exits, so a session closed a moment ago may
   * still be listed; returns the last count seen.
   */
  public static long awaitOpenedSince(XataConnection asker, OffsetDateTime since, long expected, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    long count = openedSince(asker, since);
    while (count != expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return count;
      }
      count = openedSince(asker, since);
    }
    return count;
  }
}
