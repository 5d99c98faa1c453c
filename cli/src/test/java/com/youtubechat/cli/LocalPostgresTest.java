package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the server binaries (starting a server is covered by the demo's jar test). */
class LocalPostgresTest {

  @Test
  void pgBinWithoutTheServer_failsNamingPgBin(@TempDir Path dir) {
    Environment env = new Environment(Map.of("PG_BIN", dir.toString()), List.of());
    CommandFailure failure = assertThrows(CommandFailure.class, () -> LocalPostgres.findBinaries(env));
    assertTrue(failure.getMessage().startsWith("PG_BIN names " + dir + ", which has no initdb and pg_ctl"),
        failure.getMessage());
  }

  @Test
  void pgBinWithTheServer_isUsed(@TempDir Path dir) throws IOException {
    for (String tool : List.of("initdb", "pg_ctl")) {
      Files.createFile(dir.resolve(tool), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    assertEquals(dir, LocalPostgres.findBinaries(new Environment(Map.of("PG_BIN", dir.toString()), List.of())));
  }
}
