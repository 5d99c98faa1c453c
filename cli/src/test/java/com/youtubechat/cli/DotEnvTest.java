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

class DotEnvTest {

  @Test
  void parse_readsAssignmentsCommentsExportAndQuotes() {
    DotEnv env = DotEnv.parse("""
        # a comment
        XATA_DB_URL=postgresql://u@localhost:5432/db

        export AWS_REGION = eu-west-1
        COHERE_MODEL="embed english # not a comment"
        PUSHER_CHANNEL='single quoted'   # a comment after quotes
        YOUTUBE_TIMEOUT_SECONDS=15 # trailing comment
        EMPTY=
        HASH_IN_VALUE=abc#def
        """);
    assertEquals(Map.of(
        "XATA_DB_URL", "postgresql://u@localhost:5432/db",
        "AWS_REGION", "eu-west-1",
        "COHERE_MODEL", "embed english # not a comment",
        "PUSHER_CHANNEL", "single quoted",
        "YOUTUBE_TIMEOUT_SECONDS", "15",
        "EMPTY", "",
        "HASH_IN_VALUE", "abc#def"), env.variables());
    assertEquals(List.of(), env.problems());
  }

  @Test
  void parse_reportsMalformedLinesByNumberOnly() {
    DotEnv env = DotEnv.parse("GOOD=1\nno equals sign here\n=value-without-name\nBAD NAME=x\nQ=\"unterminated\n");
    assertEquals(Map.of("GOOD", "1"), env.variables());
    assertEquals(List.of("line 2 is not KEY=VALUE", "line 3 is not KEY=VALUE", "line 4 is not KEY=VALUE",
        "line 5 has an unterminated or malformed quoted value for Q"), env.problems());
  }

  @Test
  void read_missingFile_isEmpty(@TempDir Path dir) {
    DotEnv env = DotEnv.read(dir.resolve(".env"));
    assertTrue(env.variables().isEmpty());
    assertTrue(env.problems().isEmpty());
  }

  @Test
  void environment_processEnvironmentWinsOverTheFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "AWS_REGION=eu-west-1\nCOHERE_MODEL=from-file\nBLANKED=file\n");
    Environment env = Environment.of(Map.of("AWS_REGION", "us-east-1", "BLANKED", ""), dir);
    assertEquals("us-east-1", env.get("AWS_REGION").orElseThrow());
    assertEquals("from-file", env.get("COHERE_MODEL").orElseThrow());
    assertTrue(env.get("BLANKED").isEmpty(), "a variable set (even empty) in the environment wins");
  }

  @Test
  void environment_tellsWhichValuesCameFromTheFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "AWS_REGION=eu-west-1\nXATA_DB_URL=postgresql://u@h/db\n");
    Environment env = Environment.of(Map.of("AWS_REGION", "us-east-1", "PATH", "/bin"), dir);
    assertTrue(env.fromDotEnv("XATA_DB_URL"));
    assertFalse(env.fromDotEnv("AWS_REGION"), "set in the process environment too");
    assertFalse(env.fromDotEnv("PATH"));
    assertFalse(env.fromDotEnv("UNSET"));
  }

  @Test
  void environment_fileProblemsNameTheFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "oops\n");
    assertEquals(List.of(".env line 1 is not KEY=VALUE"), Environment.of(Map.of(), dir).problems());
  }
}
