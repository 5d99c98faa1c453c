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

  /** An AWS endpoint where nothing listens: calls fail fast with a connection refusal. */
  private static final Map<String, String> UNREACHABLE_AWS = Map.of(
      "AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "us-east-1",
      "AWS_ACCESS_KEY_ID", "AKIAUNREACHABLE00000", "AWS_SECRET_ACCESS_KEY", "unreachable-secret-value");

  @Test
  void help_printsUsageWithEveryCommand_exits0() {
    CliRun run = CliRun.run(Map.of(), "--help");
    assertEquals(0, run.status(), run::toString);
    for (String command : List.of("publish", "status", "db", "doctor", "demo", "run")) {
      assertTrue(run.out().contains("  " + command + " "), command + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("Exit status:"), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void subcommandHelp_exits0() {
    for (String[] args : List.of(new String[] {"publish", "--help"}, new String[] {"status", "-h"},
        new String[] {"db", "migrate", "--help"}, new String[] {"doctor", "--help"}, new String[] {"demo", "--help"},
        new String[] {"run", "--help"})) {
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
  void unknownOption_exits2() {
    CliRun run = CliRun.run(Map.of(), "status", "dQw4w9WgXcQ", "--frobnicate");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.errLines().get(0).startsWith("error: Unknown option: '--frobnicate'"), run::toString);
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
  void statusWithoutTarget_exits2() {
    CliRun run = CliRun.run(Map.of(), "status");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Missing required parameter: '<url|id|execution-arn>'", run.errLines().get(0));
  }

  @Test
  void statusWithBothStateMachineOptions_exits2() {
    CliRun run = CliRun.run(Map.of(), "status", "dQw4w9WgXcQ", "--stack", "a",
        "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:x");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.errLines().get(0).contains("mutually exclusive"), run::toString);
  }

  @Test
  void statusOfAMalformedArn_exits2() {
    CliRun run = CliRun.run(Map.of(), "status", "arn:aws:states:us-east-1:123456789012:stateMachine:x");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.errLines().get(0).contains("is not a Step Functions execution ARN"), run::toString);
  }

  @Test
  void statusWithAnIntervalOutOfRange_exits2() {
    CliRun run = CliRun.run(Map.of(), "status", "dQw4w9WgXcQ", "--watch", "--interval", "0");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: --interval must be between 0.1 and 3600 seconds", run.errLines().get(0));
  }

  @Test
  void endpointOptionThatIsNoUrl_exits2() {
    CliRun run = CliRun.run(UNREACHABLE_AWS, "status", "arn:aws:states:us-east-1:123456789012:execution:sm:one",
        "--endpoint-url", "localhost:4566");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: --endpoint-url must be an absolute http:// or https:// URL", run.errLines().get(0));
  }

  @Test
  void dbWithoutSubcommand_exits2() {
    CliRun run = CliRun.run(Map.of(), "db");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Missing the db command (migrate)", run.errLines().get(0));
    assertTrue(run.err().contains("Usage: youtube-chat db"), run::toString);
  }

  @Test
  void runWithoutVideo_exits2() {
    CliRun run = CliRun.run(Map.of(), "run");
    assertEquals(2, run.status(), run::toString);
    assertEquals("error: Missing required parameter: '<url|id>'", run.errLines().get(0));
    assertTrue(run.err().contains("Usage: youtube-chat run"), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void runOfSomethingThatIsNoVideo_isAUsageError_beforeAnyConfigurationIsRead() {
    CliRun run = CliRun.run(Map.of(), "run", "https://vimeo.com/12345");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.errLines().get(0).startsWith("error: url 'https://vimeo.com/12345' is not a YouTube video URL"),
        run::toString);
    assertEquals("", run.out());
  }

  @Test
  void demoOrRunWithExtraArguments_exit2_beforeStartingAnything() {
    for (String[] args : List.of(new String[] {"demo", "dQw4w9WgXcQ"}, new String[] {"demo", "--frobnicate"},
        new String[] {"run", "dQw4w9WgXcQ", "again"})) {
      CliRun run = CliRun.run(Map.of(), args);
      assertEquals(2, run.status(), run::toString);
      assertTrue(run.errLines().get(0).startsWith("error: Unknown option: '--frobnicate'")
          || run.errLines().get(0).startsWith("error: Unmatched argument"), run::toString);
      assertTrue(run.err().contains("Usage: youtube-chat " + args[0]), run::toString);
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
  void failingCommand_printsOneLineWithoutStackTrace_exits1() {
    CliRun run = CliRun.run(UNREACHABLE_AWS, "status",
        "arn:aws:states:us-east-1:123456789012:execution:sm:one");
    assertEquals(1, run.status(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("error: Could not reach AWS: Unable to execute HTTP request"), run::toString);
    assertFalse(run.err().contains("\tat "), run::toString);
  }

  @Test
  void failingCommandWithVerbose_addsTheStackTrace_beforeOrAfterTheCommandName() {
    for (String[] args : List.of(
        new String[] {"--verbose", "status", "arn:aws:states:us-east-1:123456789012:execution:sm:one"},
        new String[] {"status", "arn:aws:states:us-east-1:123456789012:execution:sm:one", "-v"})) {
      CliRun run = CliRun.run(UNREACHABLE_AWS, args);
      assertEquals(1, run.status(), run::toString);
      assertTrue(run.errLines().get(0).startsWith("error: Could not reach AWS"), run::toString);
      assertTrue(run.err().contains("\tat software.amazon.awssdk"), run::toString);
    }
  }

  @Test
  void malformedEndpointVariable_failsWithOneLine() {
    CliRun run = CliRun.run(Map.of("AWS_ENDPOINT_URL", "not a url", "AWS_REGION", "us-east-1"),
        "status", "arn:aws:states:us-east-1:123456789012:execution:sm:one");
    assertEquals(1, run.status(), run::toString);
    assertEquals(List.of("error: AWS_ENDPOINT_URL must be an absolute http:// or https:// URL"), run.errLines());
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
