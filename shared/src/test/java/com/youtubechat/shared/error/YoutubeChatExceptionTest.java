package com.youtubechat.shared.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Messages are bounded and clean however they were built: the base class sees to it. */
class YoutubeChatExceptionTest {

  @Test
  void hugeMessageWithNewlines_isCutAndEscaped() {
    InvalidInputException e = new InvalidInputException("The id 'rec\nforged " + "x".repeat(1 << 20) + "' is bad");

    assertEquals(YoutubeChatException.MAX_MESSAGE, e.getMessage().length());
    assertTrue(e.getMessage().startsWith("The id 'rec\\u000aforged xxx"), e.getMessage().substring(0, 40));
    assertTrue(e.getMessage().endsWith("characters)"), e.getMessage().substring(3_900));
    assertFalse(Echo.hasControlCharacters(e.getMessage()));
  }

  @Test
  void everyKindOfProjectError_isBounded() {
    String huge = "\u0000".repeat(100_000);
    for (YoutubeChatException e : new YoutubeChatException[] {new TransientException(huge),
        new DatabaseBusyException(huge, null), new CohereRateLimitedException(huge, null),
        new VideoRecordMismatchException(huge), new DatabaseException(huge, new IOException("short"))}) {
      assertTrue(e.getMessage().length() <= YoutubeChatException.MAX_MESSAGE, e.getClass().getSimpleName());
      assertFalse(Echo.hasControlCharacters(e.getMessage()), e.getClass().getSimpleName());
    }
  }

  @Test
  void causeWithAShortMessage_isKeptAsItIs() {
    IOException cause = new IOException("connection reset\nby peer");

    assertSame(cause, new TransientException("Cohere unreachable", cause).getCause());
  }

  @Test
  void causeWithAHugeMessage_isKeptBoundedWithItsClassAndStackTrace() {
    IOException root = new IOException("short root");
    IllegalArgumentException cause = new IllegalArgumentException("value '" + "s".repeat(1 << 20) + "'", root);

    Throwable kept = new InvalidInputException("The input is not JSON", cause).getCause();

    assertInstanceOf(BoundedCause.class, kept);
    assertTrue(kept.getMessage().startsWith("java.lang.IllegalArgumentException: value 'sss"), kept.getMessage());
    assertTrue(kept.getMessage().length() < 1_100, "message of " + kept.getMessage().length());
    assertArrayEquals(cause.getStackTrace(), kept.getStackTrace());
    assertTrue(kept.getCause().getMessage().startsWith("java.io.IOException: short root"), kept.getCause().getMessage());
  }

  @Test
  void cyclicCauseChain_isSummarisedOnce() {
    IllegalStateException first = new IllegalStateException("a".repeat(5_000));
    IllegalStateException second = new IllegalStateException("b", first);
    first.initCause(second);

    Throwable kept = new DatabaseException("failed", first).getCause();

    assertInstanceOf(BoundedCause.class, kept);
    assertInstanceOf(BoundedCause.class, kept.getCause());
    assertNull(kept.getCause().getCause());
  }
}
