package com.youtubechat.shared.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LineFormatterTest {

  private static final String EOL = System.lineSeparator();

  private static String format(Level level, String pattern, Object... parameters) {
    LogRecord record = new LogRecord(level, pattern);
    record.setLoggerName("com.youtubechat.failure.FailureService");
    record.setParameters(parameters);
    return new LineFormatter().format(record);
  }

  /** The line without its terminator: where no line break may hide. */
  private static String body(String line) {
    assertTrue(line.endsWith(EOL), line);
    return line.substring(0, line.length() - EOL.length());
  }

  @Test
  void plainRecord_isLevelLoggerAndMessage() {
    assertEquals("INFO com.youtubechat.failure.FailureService: video rec_1 marked failed" + EOL,
        format(Level.INFO, "video {0} marked failed", "rec_1"));
  }

  @Test
  void inputWithLineBreaksAndControls_staysOnOneEscapedLine() {
    String line = format(Level.WARNING, "execution {0} ended {1}", "e\nSEVERE forged\r\u0000\u2028", "\u001b[2J");

    assertEquals("WARNING com.youtubechat.failure.FailureService: execution e\\u000aSEVERE forged\\u000d\\u0000\\u2028"
        + " ended \\u001b[2J", body(line));
  }

  @Test
  void stackTrace_isOnTheSameLine() {
    LogRecord record = new LogRecord(Level.SEVERE, "failed");
    record.setLoggerName("x");
    record.setThrown(new IllegalStateException("boom"));

    String body = body(new LineFormatter().format(record));

    assertTrue(body.startsWith("SEVERE x: failed\\u000ajava.lang.IllegalStateException: boom\\u000a\\u0009at "), body);
    assertTrue(body.chars().noneMatch(c -> c == '\n' || c == '\r'), body);
  }

  @Test
  void megabyteMessage_isCut() {
    String body = body(format(Level.INFO, "message {0}", "m".repeat(1 << 20)));

    assertEquals(LineFormatter.MAX_LINE, body.length());
  }

  @Test
  void theProjectsLogging_writesThroughIt() {
    Log.get(LineFormatterTest.class);
    Handler[] console = Arrays.stream(Logger.getLogger("").getHandlers()).filter(ConsoleHandler.class::isInstance)
        .toArray(Handler[]::new);

    assertEquals(1, console.length);
    assertInstanceOf(LineFormatter.class, console[0].getFormatter());
  }
}
