package com.youtubechat.cli;

import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.UUID;

/** An empty database of its own on the test server (no schema), dropped on close. */
final class ScratchDatabase implements AutoCloseable {

  final String name = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final String url;

  ScratchDatabase() {
    String base = TestDatabase.url();
    url = base.substring(0, base.lastIndexOf('/') + 1) + name;
    try (XataConnection admin = new XataConnection(TestDatabase.settings())) {
      TestDatabase.execute(admin, "CREATE DATABASE " + name);
    }
  }

  XataConnection connect() {
    return new XataConnection(com.youtubechat.shared.xata.XataSettings.read(
        new com.youtubechat.shared.config.ConfigReader(java.util.Map.of("XATA_DB_URL", url))));
  }

  @Override
  public void close() {
    try (XataConnection admin = new XataConnection(TestDatabase.settings())) {
      TestDatabase.execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
