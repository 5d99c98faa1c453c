package com.youtubechat.cli;

import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Small database helpers the commands share. */
final class Databases {

  static final List<String> TABLES = List.of("videos", "embeddings");

  private Databases() {}

  /** The JDBC URL without its query (which can carry credentials) and the user, for messages. */
  static String displayUrl(XataSettings settings) {
    String url = settings.jdbcUrl();
    int query = url.indexOf('?');
    return (query < 0 ? url : url.substring(0, query)) + settings.user().map(user -> " as " + user).orElse("");
  }

  /** The schema's tables that are missing (in the connection's search path). */
  static List<String> missingTables(XataConnection database) {
    return database.run("Checking the schema", connection -> {
      List<String> missing = new ArrayList<>();
      try (var select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
        for (String table : TABLES) {
          select.setString(1, table);
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
              missing.add(table);
            }
          }
        }
      }
      return missing;
    });
  }
}
