package com.youtubechat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as users run it: {@code java -jar youtube-chat.jar ...} in a fresh JVM, in a
 * working directory of the test's, with a clean environment (PATH, JAVA_HOME and HOME only, HOME
 * being that directory so no ~/.aws of the machine's is read) plus what the test adds.
 */
record JarRun(int status, String out, String err, Duration elapsed) {

  static final Path JAR = Path.of(System.getProperty("cli.jar", "target/youtube-chat.jar"));
  private static final Duration TIMEOUT = Duration.ofSeconds(300); // a hang guard: patient with a busy machine

  static JarRun run(Path workingDirectory, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-jar",
        JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("HOME", workingDirectory.toString());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(workingDirectory, "stdout", ".txt");
    Path err = Files.createTempFile(workingDirectory, "stderr", ".txt");
    long start = System.nanoTime();
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("java -jar did not finish within " + TIMEOUT.toSeconds() + " s: " + command
          + "\n--- stdout ---\n" + Files.readString(out));
    }
    JarRun result = new JarRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + status + " after " + elapsed.toMillis() + " ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
