package com.youtubechat.shared.log;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Logging through the JDK's own {@link System.Logger} (no logging jars to load at cold start),
 * formatted one line per record so each record is one CloudWatch event ({@link LineFormatter}:
 * control characters escaped, so no input can forge a line). The runtime's JSON log format wraps
 * each line with timestamp and request id.
 */
public final class Log {

  private static final String FORMAT = "%4$s %3$s: %5$s%6$s%n";

  static {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
      try {
        LogManager.getLogManager().readConfiguration();
      } catch (java.io.IOException e) {
        // the defaults stay in place: logging still works, only the format differs
      }
      for (Handler handler : Logger.getLogger("").getHandlers()) {
        handler.setFormatter(new LineFormatter());
      }
    }
  }

  private Log() {}

  public static System.Logger get(Class<?> owner) {
    return System.getLogger(owner.getName());
  }
}
