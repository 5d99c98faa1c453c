package com.youtubechat.shared.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoTest {

  @Test
  void of_escapesControlsAndSeparatorsAndCutsAt80() {
    assertEquals("rec\\u000a\\u0000\\u2028\\u0085\\u001b[2J", Echo.of("rec\n\u0000\u2028\u0085\u001b[2J"));
    assertEquals("a".repeat(Echo.MAX) + "…", Echo.of("a".repeat(1 << 20)));
  }

  @Test
  void bounded_leavesAShortCleanTextAsItIs() {
    assertEquals("The video id 'rec_1' is fine", Echo.bounded("The video id 'rec_1' is fine", 100));
    assertNull(Echo.bounded(null, 100));
  }

  @Test
  void bounded_escapesEveryLineBreakingCharacter() {
    String bounded = Echo.bounded("one\ntwo\rthree\u0000four\u2029five\u007f", 1_000);

    assertEquals("one\\u000atwo\\u000dthree\\u0000four\\u2029five\\u007f", bounded);
    assertFalse(Echo.hasControlCharacters(bounded));
  }

  @Test
  void bounded_cutsALongTextToTheLimitAndSaysHowLongItWas() {
    String bounded = Echo.bounded("x".repeat(1 << 20), 4_000);

    assertEquals(4_000, bounded.length());
    assertTrue(bounded.endsWith("… (1048576 characters)"), bounded.substring(3_900));
  }

  @Test
  void bounded_countsTheEscapesAgainstTheLimit() {
    String bounded = Echo.bounded("\n".repeat(1_000), 1_000); // 6,000 characters once escaped

    assertEquals(1_000, bounded.length());
    assertFalse(Echo.hasControlCharacters(bounded));
  }

  @Test
  void bounded_neverKeepsHalfASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    for (int max = 30; max < 40; max++) {
      String bounded = Echo.bounded(emoji.repeat(100), max);
      String kept = bounded.substring(0, bounded.indexOf('…'));
      assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "max " + max + ": " + bounded);
    }
  }
}
