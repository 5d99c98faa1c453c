package com.youtubechat.shared.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.xata.SchemaMigrator;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL + pgvector server that {@code scripts/with-test-postgres.sh} starts and names
 * in {@code TEST_DATABASE_URL}. Without it the database tests are skipped on a developer machine
 * and fail under CI ({@code CI=true}), so CI can never pass without having run them.
 */
public final class TestDatabase {

  private static volatile boolean migrated;

  private TestDatabase() {}

  public static String url() {
    String url = System.getenv("TEST_DATABASE_URL");
    if (url == null || url.isBlank()) {
      String why = "TEST_DATABASE_URL is not set: run the tests through 'make test'"
          + " (scripts/with-test-postgres.sh starts PostgreSQL with pgvector)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return url;
  }

  /** Settings for the test database, parsed the way production parses {@code XATA_DB_URL}. */
  public static XataSettings settings() {
    ConfigReader config = new ConfigReader(Map.of("XATA_DB_URL", url()));
    XataSettings settings = XataSettings.read(config);
    config.validate();
    return settings;
  }

  /** A connection to a database with the schema applied and no rows. */
  public static XataConnection fresh() {
    XataConnection database = new XataConnection(settings());
    if (!migrated) {
      synchronized (TestDatabase.class) {
        if (!migrated) {
          new SchemaMigrator(database).apply();
          migrated = true;
        }
      }
    }
    execute(database, "TRUNCATE videos, embeddings CASCADE");
    return database;
  }

  /**
   * The test database's URL for a login role (created when missing) that may hold at most
   * {@code connectionLimit} connections: 0 makes every connection attempt fail the way a burst does,
   * with SQLSTATE 53300 ("too many connections for role").
   */
  public static String urlOfRoleWithConnectionLimit(XataConnection database, String role, int connectionLimit) {
    if (!role.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain role name: " + role);
    }
    execute(database, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
        + " CREATE ROLE " + role + " LOGIN; END IF; END $$");
    execute(database, "ALTER ROLE " + role + " CONNECTION LIMIT " + connectionLimit);
    execute(database, "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role);
    return url().replaceFirst("://[^@/]+@", "://" + role + "@");
  }

  public static void execute(XataConnection database, String sql) {
    database.run("test setup", connection -> {
      try (var statement = connection.createStatement()) {
        statement.execute(sql);
      }
      return null;
    });
  }

  /** Inserts a video row the way the web app's back end does. */
  public static void insertVideo(XataConnection database, String id, String youtubeId, String url) {
    database.run("inserting a test video", connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO videos (id, youtube_id, url) VALUES (?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, youtubeId);
        insert.setString(3, url);
        insert.executeUpdate();
      }
      return null;
    });
  }

  /** The video row as column name to value, or empty. */
  public static Optional<Map<String, Object>> video(XataConnection database, String id) {
    return database.run("reading a test video", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT * FROM videos WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<Map<String, Object>>empty();
        }
      }
    });
  }

  public static long count(XataConnection database, String table) {
    return database.run("counting " + table, connection -> {
      try (var statement = connection.createStatement();
           ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value = meta.getColumnTypeName(i).equals("timestamptz")
          ? rs.getObject(i, java.time.OffsetDateTime.class) : rs.getObject(i);
      row.put(meta.getColumnName(i), value);
    }
    return row;
  }

  /** Stops the test server (fast shutdown: open sessions are cut), as an outage or a restart does. */
  public static void stopServer() {
    pgCtl("stop", "-m", "fast");
  }

  /** Starts the test server again on the same port and data directory. */
  public static void startServer() {
    pgCtl("start", "-w", "-l", System.getenv("TEST_PG_DATA") + ".restart.log", "-o",
        "-p " + System.getenv("TEST_PG_PORT") + " -k " + java.nio.file.Path.of(System.getenv("TEST_PG_DATA")).getParent()
            + " -c listen_addresses=127.0.0.1 -c fsync=off");
  }

  private static void pgCtl(String... args) {
    String bin = System.getenv("TEST_PG_BIN");
    String data = System.getenv("TEST_PG_DATA");
    if (bin == null || data == null) {
      Assumptions.abort("TEST_PG_BIN/TEST_PG_DATA are not set: the server is not ours to restart");
    }
    java.util.List<String> command = new java.util.ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(java.util.List.of("runuser", "-u", "postgres", "--"));
    }
    command.addAll(java.util.List.of(bin + "/pg_ctl", "-D", data));
    command.addAll(java.util.List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed: " + output);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
