package com.youtubechat.cli;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

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
