package com.youtubechat.shared.testing;

import com.youtubechat.shared.xata.XataConnection;
import java.sql.ResultSet;

/** Counts the project's open database sessions (application_name youtube-chat), besides the asker's own. */
public final class Connections {

  private Connections() {}

  public static long others(XataConnection asker) {
    return asker.run("counting sessions", connection -> {
      try (ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
          + " WHERE application_name = 'youtube-chat' AND pid <> pg_backend_pid()")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
