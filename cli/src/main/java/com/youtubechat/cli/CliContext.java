package com.youtubechat.cli;

import java.io.PrintWriter;

/** What every command of one run shares: the configuration, the output streams and --verbose. */
public final class CliContext {

  private final Environment environment;
  private final PrintWriter out;
  private final PrintWriter err;
  private volatile boolean verbose;

  public CliContext(Environment environment, PrintWriter out, PrintWriter err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  public Environment environment() {
    return environment;
  }

  /** Results: what a script would read (an event id, a listing). */
  public PrintWriter out() {
    return out;
  }

  /** Errors and progress notes. */
  public PrintWriter err() {
    return err;
  }

  public boolean verbose() {
    return verbose;
  }

  void verbose(boolean on) {
    this.verbose = on;
  }
}
