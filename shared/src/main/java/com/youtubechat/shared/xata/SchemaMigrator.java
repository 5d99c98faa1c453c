package com.youtubechat.shared.xata;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.YoutubeChatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Applies {@code db/schema.sql} (idempotent DDL) to the configured database. Run by
 * {@code make db-migrate}; tests use it to set up their database.
 */
public final class SchemaMigrator {

  private final XataConnection database;

  public SchemaMigrator(XataConnection database) {
    this.database = database;
  }

  public void apply() {
    String sql = schemaSql();
    // One transaction, so two concurrent migrations cannot interleave half-applied DDL.
    database.inTransaction("Applying the schema", connection -> {
      try (var statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(7431)");
        statement.execute(sql);
      }
      return null;
    });
  }

  static String schemaSql() {
    try (InputStream in = SchemaMigrator.class.getResourceAsStream("/db/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("db/schema.sql is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read db/schema.sql", e);
    }
  }

  /** {@code make db-migrate}: applies the schema to {@code XATA_DB_URL}. */
  public static void main(String[] args) {
    try {
      ConfigReader config = ConfigReader.fromSystemEnvironment();
      XataSettings settings = XataSettings.read(config);
      config.validate();
      try (XataConnection database = new XataConnection(settings)) {
        new SchemaMigrator(database).apply();
        System.out.println("Schema applied to " + database.redactedUrl());
      }
    } catch (YoutubeChatException e) {
      // A user's mistake or an unreachable database: the message says what to do; a trace would not.
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }
}
