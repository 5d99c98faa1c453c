package com.youtubechat.shared.log;

import com.youtubechat.shared.error.Echo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code LEVEL logger: message}, exactly one line per record whatever the record holds: control
 * characters in the message or a stack trace (newlines, carriage returns, NUL, ANSI escapes...)
 * are escaped as {@code \\uXXXX}, and the line is cut at {@value #MAX_LINE} characters. Messages
 * quote input (ids, SQS message ids, execution names), and a raw newline in one would forge a log
 * line, a CloudWatch event of its own.
 */
public final class LineFormatter extends Formatter {

  public static final int MAX_LINE = 16_000;

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder()
        .append(record.getLevel().getLocalizedName()).append(' ')
        .append(record.getLoggerName()).append(": ")
        .append(formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      try (PrintWriter out = new PrintWriter(trace)) {
        out.println();
        record.getThrown().printStackTrace(out);
      }
      line.append(trace);
    }
    return Echo.bounded(line.toString(), MAX_LINE) + System.lineSeparator();
  }
}
