package com.youtubechat.cli;

import com.youtubechat.local.ExecutionListener;
import com.youtubechat.local.HistoryEvent;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.regex.Pattern;

/**
 * Prints an execution's progress as it runs, one line per history event: {@code ▶ Info} when a
 * state starts, {@code ✔ Info  412 ms} when it ends, and retries, caught and uncaught errors with
 * the error's name and message. Parallel branches report from their own threads; lines never mix.
 * Terminals that cannot show the symbols get ASCII ones.
 */
final class ProgressPrinter implements ExecutionListener {

  /** The marks of each kind of line. */
  record Symbols(String entered, String exited, String retry, String failed, String aborted) {
    static final Symbols UNICODE = new Symbols("▶", "✔", "↻", "✖", "■");
    static final Symbols ASCII = new Symbols(">", "+", "~", "x", "-");

    static Symbols forCharset(Charset charset) {
      var encoder = charset.newEncoder();
      return encoder.canEncode(String.join("", UNICODE.entered, UNICODE.exited, UNICODE.retry, UNICODE.failed,
          UNICODE.aborted)) ? UNICODE : ASCII;
    }
  }

  private static final int NAME_WIDTH = 16; // TranscriptFailed
  private static final int MESSAGE_LIMIT = 160;
  private static final Pattern JAVA_CLASS = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*)");

  private final PrintWriter out;
  private final Symbols symbols;

  ProgressPrinter(PrintWriter out, Symbols symbols) {
    this.out = out;
    this.symbols = symbols;
  }

  @Override
  public void onEvent(HistoryEvent event) {
    String line = line(event);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  String line(HistoryEvent event) {
    String name = event.state();
    String padded = String.format("%-" + NAME_WIDTH + "s", name);
    String attempt = event.attempt() > 1 ? " (attempt " + event.attempt() + ")" : "";
    return "  " + switch (event.type()) {
      case ENTERED -> symbols.entered() + " " + name;
      case EXITED -> symbols.exited() + " " + padded + " " + ExecutionReport.duration(event.duration()) + attempt;
      case RETRY -> symbols.retry() + " " + padded + " attempt " + event.attempt() + " failed: " + error(event)
          + "; retrying in " + ExecutionReport.duration(event.duration());
      case CAUGHT -> symbols.failed() + " " + padded + " failed after " + ExecutionReport.duration(event.duration())
          + attempt + ": " + error(event) + " (caught: the branch records the failure and ends)";
      case FAILED -> symbols.failed() + " " + padded + " " + error(event);
      case ABORTED -> symbols.aborted() + " " + padded + " stopped after " + ExecutionReport.duration(event.duration());
    };
  }

  /** {@code TransientException: HTTP 503 from ...}: the error's short name and its message, one line. */
  static String error(HistoryEvent event) {
    String message = event.cause() == null ? "" : Failures.oneLine(ExecutionReport.readableCause(event.cause(), false));
    if (message.length() > MESSAGE_LIMIT) {
      message = message.substring(0, MESSAGE_LIMIT - 3) + "...";
    }
    return shortName(event.error()) + (message.isEmpty() ? "" : ": " + message);
  }

  /** A Java exception's simple name; Step Functions' own names ({@code States.Timeout}) as they are. */
  static String shortName(String error) {
    if (error == null) {
      return "error";
    }
    var matcher = JAVA_CLASS.matcher(error);
    return matcher.matches() ? matcher.group(1) : error;
  }
}
