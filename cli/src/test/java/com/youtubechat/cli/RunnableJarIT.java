package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.xata.XataConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code mvn verify}: failsafe runs this after {@code package}), run as users run
 * it: {@code java -jar youtube-chat.jar ...} in a fresh JVM with a clean environment.
 */
class RunnableJarIT {

  private static final Path JAR = JarRun.JAR;

  private static JarRun java(Path workingDirectory, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return JarRun.run(workingDirectory, env, args);
  }

  @Test
  void help_printsTheCommands_exits0(@TempDir Path dir) throws Exception {
    JarRun result = java(dir, Map.of(), "--help");
    assertEquals(0, result.status(), result::toString);
    assertTrue(result.out().startsWith("Usage: youtube-chat [-hvV] COMMAND"), result::toString);
    assertTrue(result.out().contains("  publish ") && result.out().contains("  doctor "), result::toString);
    assertEquals("", result.err());
  }

  @Test
  void version_comesFromTheManifest(@TempDir Path dir) throws Exception {
    JarRun result = java(dir, Map.of(), "--version");
    assertEquals(0, result.status(), result::toString);
    assertTrue(result.out().matches("youtube-chat \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? on Java 25.*\\R"), result::toString);
  }

  @Test
  void usageErrors_exit2(@TempDir Path dir) throws Exception {
    JarRun missing = java(dir, Map.of(), "publish");
    assertEquals(2, missing.status(), missing::toString);
    assertEquals("error: Missing required parameter: '<url|id>'", missing.errLines().get(0));
    assertTrue(missing.err().contains("Usage: youtube-chat publish"), missing::toString);
    assertEquals("", missing.out());

    JarRun unknown = java(dir, Map.of(), "frobnicate");
    assertEquals(2, unknown.status(), unknown::toString);
    assertEquals("error: Unknown command 'frobnicate'", unknown.errLines().get(0));
  }

  @Test
  void failure_readsTheDotEnvFile_printsOneLine_exits1(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "XATA_DB_URL=postgresql://ws:dotenv-secret-Xy12Ab@127.0.0.1:9/db\n");
    JarRun result = java(dir, Map.of(), "db", "migrate");
    assertEquals(1, result.status(), result::toString);
    assertEquals(1, result.errLines().size(), result::toString);
    assertTrue(result.err().startsWith("error: Database unavailable: Connecting to jdbc:postgresql://127.0.0.1:9/db"),
        result::toString);
    assertFalse(result.err().contains("dotenv-secret-Xy12Ab"), result::toString);
    assertEquals("", result.out());
  }

  @Test
  void jdbcDriverAndAwsSdk_loadFromTheShadedJar(@TempDir Path dir) throws Exception {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      JarRun migrated = java(dir, Map.of("XATA_DB_URL", scratch.url), "db", "migrate");
      assertEquals(0, migrated.status(), migrated::toString); // DriverManager found pgjdbc through META-INF/services
      try (XataConnection database = scratch.connect()) {
        assertEquals(List.of(), Databases.missingTables(database));
      }
    }
    MotoServer moto = MotoServer.get();
    Map<String, String> env = new HashMap<>(moto.environment());
    JarRun status = java(dir, env, "status", "arn:aws:states:us-east-1:123456789012:execution:sm:missing");
    assertEquals(1, status.status(), status::toString);
    assertTrue(status.err().startsWith("error: Step Functions answered ExecutionDoesNotExist (HTTP 400)"), status::toString);
  }

  @Test
  void jar_hasMergedServiceFiles_andNoStaleSignatures() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Manifest manifest = jar.getManifest();
      assertEquals("com.youtubechat.cli.Main", manifest.getMainAttributes().getValue("Main-Class"));
      assertEquals("true", manifest.getMainAttributes().getValue("Multi-Release"));
      assertTrue(read(jar, "META-INF/services/java.sql.Driver").contains("org.postgresql.Driver"));
      assertTrue(read(jar, "META-INF/services/software.amazon.awssdk.http.SdkHttpService")
          .contains("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService"));
      assertTrue(read(jar, "META-INF/services/org.slf4j.spi.SLF4JServiceProvider").contains("JULServiceProvider"));
      List<String> signatures = jar.stream().map(entry -> entry.getName())
          .filter(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList();
      assertEquals(List.of(), signatures);
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    var entry = jar.getEntry(name);
    assertTrue(entry != null, name + " is missing from the jar");
    try (var in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
