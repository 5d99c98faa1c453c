package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.xata.XataConnection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbMigrateCommandTest {

  @Test
  void migrate_emptyDatabase_createsTheSchema_andIsSafeToRepeat() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      Map<String, String> env = Map.of("XATA_DB_URL", scratch.url, "XATA_API_KEY", "xata-fake-key-M1gr4te");
      try (XataConnection database = scratch.connect()) {
        assertEquals(List.of("videos", "embeddings"), Databases.missingTables(database));
      }

      CliRun first = CliRun.run(env, "db", "migrate");
      assertEquals(0, first.status(), first::toString);
      String host = scratch.url.substring("postgresql://postgres@".length(), scratch.url.lastIndexOf('/'));
      assertEquals("Schema applied to jdbc:postgresql://" + host + "/" + scratch.name + " as postgres\n", first.out());
      assertEquals("", first.err());
      try (XataConnection database = scratch.connect()) {
        assertEquals(List.of(), Databases.missingTables(database));
      }

      CliRun again = CliRun.run(env, "db", "migrate");
      assertEquals(0, again.status(), again::toString);
      assertFalse(first.all().contains("xata-fake-key-M1gr4te") || again.all().contains("xata-fake-key-M1gr4te"));
    }
  }

  @Test
  void migrate_databaseThatDoesNotExist_failsWithOneLine() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      CliRun run = CliRun.run(Map.of("XATA_DB_URL", scratch.url + "_missing"), "db", "migrate");
      assertEquals(1, run.status(), run::toString);
      assertEquals(1, run.errLines().size(), run::toString);
      assertTrue(run.err().contains("does not exist"), run::toString);
    }
  }
}
