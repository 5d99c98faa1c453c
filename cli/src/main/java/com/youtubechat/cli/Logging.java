package com.youtubechat.cli;

import java.io.PrintWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Log records (the project's own, pgjdbc's, and the AWS SDK's through slf4j-jdk14) are hidden
 * unless {@code --verbose}; then they go to the command's stderr, through its redaction. The JDK's
 * default console handler is removed, so nothing reaches stderr unredacted.
 */
final class Logging {

  private static final String FORMAT = "%4$s %3$s: %5$s%6$s%n";
  private static final Logger ROOT = Logger.getLogger("");
  private static Handler installed;

  private Logging() {}

  static synchronized void apply(boolean verbose, PrintWriter err) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      // Set before shared's Log class loads, which otherwise re-reads (and so resets) the JUL configuration.
      System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
    }
    for (Handler handler : ROOT.getHandlers()) {
      ROOT.removeHandler(handler);
    }
    Formatter formatter = new SimpleFormatter();
    installed = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          err.print(formatter.format(record));
          err.flush();
        }
      }

      @Override
      public void flush() {
        err.flush();
      }

      @Override
      public void close() {
        flush();
      }
    };
    Level level = verbose ? Level.INFO : Level.OFF;
    installed.setLevel(level);
    ROOT.setLevel(level);
    ROOT.addHandler(installed);
  }
}
