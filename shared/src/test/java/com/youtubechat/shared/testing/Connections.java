package com.youtubechat.shared.testing;

import com.youtubechat.shared.xata.XataConnection;
import java.sql.ResultSet;
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
}
