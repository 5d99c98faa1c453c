package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTokenEstimatorTest {

  @Test
  void asciiWords_countLetterTriplesAndEachOtherCharacter() {
    assertEquals(0, TokenEstimator.estimate(""));
    assertEquals(0, TokenEstimator.estimate(" \n\t "));
    assertEquals(1, TokenEstimator.estimate("the"));
    assertEquals(2, TokenEstimator.estimate("there"));
    assertEquals(3, TokenEstimator.estimate("caption"));
    assertEquals(3, TokenEstimator.estimate("don't"));
    assertEquals(4, TokenEstimator.estimate("2024"));
    assertEquals(6, TokenEstimator.estimate("Hello, world!"));
    assertEquals(2, TokenEstimator.estimate("a  \n b"), "whitespace is free");
  }

  @Test
  void nonAsciiCodePoints_costTheirUtf8BytesPlusOnePerWord() {
    assertEquals(1 + 3 + 3, TokenEstimator.estimate("你好"));
    assertEquals(1 + 10, TokenEstimator.estimate("مرحبا"));
    assertEquals(1 + 12, TokenEstimator.estimate("привет"));
    assertEquals(1 + 4, TokenEstimator.estimate("😀"));
    assertEquals(1 + 25, TokenEstimator.estimate("👨‍👩‍👧‍👦"));
    assertEquals(1 + 2, TokenEstimator.estimate("café"), "'caf' is one letter run, é two bytes");
  }

  @Test
  void nonAsciiText_neverEstimatesBelowItsUtf8Bytes() {
    // A byte-level BPE cannot make more tokens than bytes: for these scripts the estimate is a bound.
    String[] samples = {"我们今天要讨论的是人工智能的发展。", "مرحبا بكم في هذا الفيديو", "Привет всем, как дела?",
        "नमस्ते दुनिया", "こんにちは、世界！", "🎵🎶 🔥🔥🔥 👍🏽", "สวัสดีครับ"};
    for (String sample : samples) {
      int bytes = sample.replace(" ", "").getBytes(StandardCharsets.UTF_8).length;
      assertTrue(TokenEstimator.estimate(sample) >= bytes, sample);
    }
  }

  @Test
  void englishProse_isOverCountedRelativeToTypicalBpe() {
    // English BPE and WordPiece tokenizers average about 1.3 tokens per word; the estimate must not be below.
    String prose = "So today we're going to talk about how vector search works, and why the way you split"
        + " a transcript into chunks matters more than which embedding model you pick. Let's start with a"
        + " simple example: imagine a ten-hour podcast where the answer to your question is spread across"
        + " two minutes of conversation, right at the boundary between two chunks.";
    int words = prose.split("\\s+").length;
    assertTrue(TokenEstimator.estimate(prose) >= 1.3 * words,
        "estimate " + TokenEstimator.estimate(prose) + " for " + words + " words");
  }

  @Test
  void estimate_isAdditiveOverSpacesAndSubadditiveOverConcatenation() {
    Random random = new Random(7);
    String alphabet = "abcXYZ019.,'-éßжن你😀\u200D\uFE0F";
    for (int run = 0; run < 5_000; run++) {
      String a = randomWord(random, alphabet);
      String b = randomWord(random, alphabet);
      int separate = TokenEstimator.estimate(a) + TokenEstimator.estimate(b);
      assertEquals(separate, TokenEstimator.estimate(a + " " + b), a + " " + b);
      assertTrue(TokenEstimator.estimate(a + b) <= separate, a + "|" + b);
    }
  }

  private static String randomWord(Random random, String alphabet) {
    int[] codePoints = alphabet.codePoints().toArray();
    StringBuilder word = new StringBuilder();
    for (int i = 1 + random.nextInt(12); i > 0; i--) {
      word.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return word.toString();
  }
}
