package com.youtubechat.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** What every command of one run shares: the configuration, the output streams and --verbose. */
public final class CliContext {

  private final Environment environment;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Charset charset;
  private volatile boolean verbose;

  public CliContext(Environment environment, PrintWriter out, PrintWriter err) {
    this(environment, out, err, StandardCharsets.UTF_8);
  }

  public CliContext(Environment environment, PrintWriter out, PrintWriter err, Charset charset) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.charset = charset;
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

  /** What the output streams end in (the terminal's encoding): decides whether symbols like ▶ can be printed. */
  public Charset charset() {
    return charset;
  }

  public boolean verbose() {
    return verbose;
  }

  void verbose(boolean on) {
    this.verbose = on;
  }
}
