package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments, exit statuses and the shape of failures; no service is reached. */
class CommandLineTest {

  @Test
  void help_printsUsageWithEveryCommand_exits0() {
    CliRun run = CliRun.run(Map.of(), "--help");
    assertEquals(0, run.status(), run::toString);
    for (String command : List.of("publish", "db", "demo", "run")) {
      assertTrue(run.out().contains("  " + command + " "), command + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("Exit status:"), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void subcommandHelp_exits0() {
    for (String[] args : List.of(new String[] {"publish", "--help"}, new String[] {"db", "migrate", "--help"})) {
      CliRun run = CliRun.run(Map.of(), args);
      assertEquals(0, run.status(), run::toString);
      assertTrue(run.out().startsWith("Usage: youtube-chat " + args[0]), run::toString);
    }
  }

  @Test
  void version_printsVersion_exits0() {
    CliRun run = CliRun.run(Map.of(), "--version");
    assertEquals(0, run.status());
    assertTrue(run.out().startsWith("youtube-chat "), run::toString);
  }

  @Test
  void noCommand_printsErrorAndUsage_exits2() {
    CliRun run = CliRun.run(Map.of());
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Missing a command", run.errLines().get(0));
    assertTrue(run.err().contains("Usage: youtube-chat"), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void unknownCommand_printsSuggestionAndUsage_exits2() {
    CliRun run = CliRun.run(Map.of(), "publsh", "dQw4w9WgXcQ");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Unknown command 'publsh'", run.errLines().get(0));
    assertTrue(run.err().contains("Did you mean: youtube-chat publish?"), run::toString);
    assertTrue(run.err().contains("Usage: youtube-chat"), run::toString);
  }

  @Test
  void publishWithoutVideo_printsCommandUsage_exits2() {
    CliRun run = CliRun.run(Map.of(), "publish");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Missing required parameter: '<url|id>'", run.errLines().get(0));
    assertTrue(run.err().contains("Usage: youtube-chat publish"), run::toString);
  }

  @Test
  void publishOfSomethingThatIsNoVideo_isAUsageError_beforeAnyConfigurationIsRead() {
    CliRun run = CliRun.run(Map.of(), "publish", "https://vimeo.com/12345");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.errLines().get(0).startsWith("error: url 'https://vimeo.com/12345' is not a YouTube video URL"),
        run::toString);
    assertTrue(run.err().contains("Usage: youtube-chat publish"), run::toString);
  }

  @Test
  void dbWithoutSubcommand_exits2() {
    CliRun run = CliRun.run(Map.of(), "db");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Missing the db command (migrate)", run.errLines().get(0));
    assertTrue(run.err().contains("Usage: youtube-chat db"), run::toString);
  }

  @Test
  void demoAndRun_areNotImplementedYet_exit2() {
    for (String[] args : List.of(new String[] {"demo"}, new String[] {"run", "dQw4w9WgXcQ"})) {
      CliRun run = CliRun.run(Map.of(), args);
      assertEquals(2, run.status(), run::toString);
      assertEquals(List.of("not implemented yet: needs the local executor"), run.errLines());
      assertEquals("", run.out());
    }
  }

  @Test
  void missingConfiguration_failsWithOneLineNamingTheVariable_exits1() {
    CliRun run = CliRun.run(Map.of(), "db", "migrate");
    assertEquals(1, run.status(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("error: Invalid configuration: XATA_DB_URL is not set"), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void malformedDotEnvLine_isReportedByNumberNotContent(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "# settings\nXATA_DB_URL=postgresql://u@127.0.0.1:1/db\n"
        + "this-line-holds-secret-material-42\n");
    CliRun run = CliRun.run(Environment.of(Map.of(), dir), "db", "migrate");
    assertEquals(1, run.status(), run::toString);
    assertEquals(List.of("error: Invalid configuration: .env line 3 is not KEY=VALUE. Set these environment"
        + " variables (see the configuration table in README.md)."), run.errLines());
    assertFalse(run.all().contains("secret-material"), run::toString);
  }
}
