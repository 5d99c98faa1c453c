package com.youtubechat.cli;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs the CLI in this JVM through picocli, with captured output. */
record CliRun(int status, String out, String err) {

  static CliRun run(Map<String, String> environment, String... args) {
    return run(new Environment(environment, List.of()), args);
  }

  static CliRun run(Environment environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Cli.run(environment, out, err, args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /**
   * Starts the CLI on another thread, for commands that keep running (status --watch): the test waits
   * for what the command prints rather than sleeping and hoping it got that far.
   */
  static Running start(Map<String, String> environment, String... args) {
    // StringWriter is backed by a StringBuffer: reading it while the command writes is safe.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<CliRun> result = CompletableFuture.supplyAsync(() -> {
      int status = Cli.run(new Environment(environment, List.of()), out, err, args);
      return new CliRun(status, out.toString(), err.toString());
    });
    return new Running(result, out, err);
  }

  /** A command still running, and what it printed so far. */
  record Running(CompletableFuture<CliRun> result, StringWriter out, StringWriter err) {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Waits until stdout or stderr holds {@code text}; fails if the command ends or takes minutes first. */
    void awaitPrinted(String text) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!(out.toString() + err.toString()).contains(text)) {
        if (result.isDone()) {
          throw new AssertionError("ended without printing '" + text + "': " + result.join());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("'" + text + "' not printed within " + PATIENCE.toSeconds() + " s; so far:\n"
              + out + "--- stderr ---\n" + err);
        }
        Thread.sleep(20);
      }
    }

    CliRun get() throws Exception {
      return result.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** stdout and stderr together, for "never printed" checks. */
  String all() {
    return out + err;
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
