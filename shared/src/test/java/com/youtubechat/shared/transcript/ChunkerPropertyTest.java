package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Chunks 200 seeded random caption streams (English, other scripts, and hostile shapes) with random
 * settings and checks every output with {@link TranscriptInvariants}.
 */
class ChunkerPropertyTest {

  private static final long SEED = 20261124L;
  private static final int STREAMS = 200;

  private static final String[] OTHER_SCRIPTS = {
    "привет", "всем,", "как", "дела?", "مرحبا", "بكم", "في", "الفيديو؟", "नमस्ते", "दुनिया।", "שלום", "Straße",
    "naïve", "café.", "こんにちは", "世界！", "안녕하세요", "สวัสดีครับ", "😀", "🎵🎶", "👍🏽", "👨‍👩‍👧‍👦", "¿qué?", "«oui»",
    "“quoted.”", "…", "—", "(aside)", "e.g.", "3.14", "$100", "#hashtag", "@user", "a/b", "x86-64",
  };
  private static final String[] BLANKS = {"", " ", "\n", " \t\n ", "\u00A0", "\u3000"};
  private static final String[] SPACES = {" ", " ", " ", "  ", "\n", "\t", " \n "};

  @Test
  void randomStreams_keepEveryWordInOrderWithinBudgetAndOverlap() {
    Random random = new Random(SEED);
    int chunks = 0;
    int overlapping = 0;
    int streamsWithLongWords = 0;
    int words = 0;
    for (int stream = 0; stream < STREAMS; stream++) {
      ChunkerSettings settings = randomSettings(random);
      List<CaptionSegment> segments = randomStream(random, settings);
      Chunker chunker = new Chunker(settings);

      List<TranscriptChunk> result = chunker.chunk(segments);

      TranscriptInvariants.Report report;
      try {
        report = TranscriptInvariants.check(segments, settings, result);
      } catch (AssertionError e) {
        throw new AssertionError("stream " + stream + " (" + segments.size() + " segments, " + settings + "): "
            + e.getMessage(), e);
      }
      assertTrue(report.maxOverlapTokens() <= settings.overlapTokens());
      if (stream % 10 == 0) {
        assertEquals(result, chunker.chunk(segments), "deterministic");
      }
      chunks += report.chunks();
      overlapping += report.chunksWithOverlap();
      words += report.inputWords();
      if (segments.stream().anyMatch(s -> hasLongWord(s.text(), settings))) {
        streamsWithLongWords++;
      }
    }
    // the streams exercise what they are meant to
    assertTrue(chunks > 5_000, "chunks: " + chunks);
    assertTrue(overlapping > chunks / 2, "chunks with overlap: " + overlapping);
    assertTrue(streamsWithLongWords >= 15, "streams with words over half the budget: " + streamsWithLongWords);
    assertTrue(words > 200_000, "words: " + words);
  }

  private static ChunkerSettings randomSettings(Random random) {
    if (random.nextInt(5) == 0) {
      return ChunkerSettings.defaults();
    }
    int max = ChunkerSettings.MIN_MAX_TOKENS
        + random.nextInt(ChunkerSettings.MAX_MAX_TOKENS - ChunkerSettings.MIN_MAX_TOKENS + 1);
    int overlap = random.nextInt(4) == 0 ? 0 : random.nextInt((max - 1) / 2 + 1);
    return new ChunkerSettings(max, overlap);
  }

  private static List<CaptionSegment> randomStream(Random random, ChunkerSettings settings) {
    int kind = random.nextInt(20);
    int count = kind == 0 ? random.nextInt(3) : 1 + random.nextInt(400);
    List<CaptionSegment> segments = new ArrayList<>(count);
    double time = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 100;
    for (int i = 0; i < count; i++) {
      String text;
      if (random.nextInt(20) == 0) {
        text = BLANKS[random.nextInt(BLANKS.length)];
      } else {
        int wordCount = random.nextInt(40) == 0 ? 100 + random.nextInt(400) : random.nextInt(21);
        StringBuilder builder = new StringBuilder(random.nextBoolean() ? "" : SPACES[random.nextInt(SPACES.length)]);
        for (int w = 0; w < wordCount; w++) {
          if (w > 0) {
            builder.append(SPACES[random.nextInt(SPACES.length)]);
          }
          builder.append(randomWord(random, kind, settings));
        }
        text = builder.append(random.nextBoolean() ? "" : SPACES[random.nextInt(SPACES.length)]).toString();
      }
      double duration = random.nextInt(10) == 0 ? 0 : random.nextDouble() * 8;
      segments.add(new CaptionSegment(text, time, duration));
      int step = random.nextInt(20);
      time += step < 3 ? 0 : step < 4 ? -random.nextDouble() * 3 : step < 6 ? 1.5 + random.nextDouble() * 8
          : 0.5 + random.nextDouble() * 5;
      time = Math.max(0, time);
    }
    return segments;
  }

  private static String randomWord(Random random, int kind, ChunkerSettings settings) {
    int pick = random.nextInt(1000);
    boolean hostile = kind >= 16;
    if (pick < (hostile ? 30 : 2)) {
      return longWord(random, settings);
    }
    if (kind >= 10 && pick < 400) {
      return OTHER_SCRIPTS[random.nextInt(OTHER_SCRIPTS.length)];
    }
    if (kind >= 10 && pick < 450) {
      return cjkRun(random, 1 + random.nextInt(30));
    }
    String word = TranscriptFixtures.ENGLISH[random.nextInt(TranscriptFixtures.ENGLISH.length)];
    int ending = random.nextInt(30);
    return ending == 0 ? word + "." : ending == 1 ? word + "?" : ending == 2 ? word + "," : word;
  }

  /** A word over half the budget: CJK with sentence ends, letters, digits or emoji, never periodic. */
  private static String longWord(Random random, ChunkerSettings settings) {
    int tokens = settings.maxTokens() / 2 + 1 + random.nextInt(settings.maxTokens() * 3);
    int kind = random.nextInt(4);
    if (kind == 0) {
      return cjkRun(random, tokens / 3 + 1);
    }
    String[] emoji = {"🔥", "👍🏽", "🎵", "😀", "🇫🇷", "👨‍👩‍👧"};
    StringBuilder word = new StringBuilder();
    int estimate = 0; // each letter a third of a token, each digit one, each emoji its UTF-8 bytes
    while (estimate <= tokens) {
      switch (kind) {
        case 1 -> word.append((char) ('a' + random.nextInt(26)));
        case 2 -> word.append((char) ('0' + random.nextInt(10)));
        default -> word.append(emoji[random.nextInt(emoji.length)]);
      }
      estimate = kind == 1 ? word.length() / 3 : kind == 2 ? word.length() : estimate + 4;
    }
    return word.toString();
  }

  private static String cjkRun(Random random, int length) {
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(12);
      run.append(pick == 0 ? "。" : pick == 1 ? "，" : pick == 2 ? "」" : "")
          .appendCodePoint(0x4E00 + random.nextInt(0x5000));
    }
    return run.toString();
  }

  private static boolean hasLongWord(String text, ChunkerSettings settings) {
    for (String word : CaptionText.normalizeWhitespace(text).split(" ")) {
      if (TokenEstimator.estimate(word) > settings.maxTokens() / 2) {
        return true;
      }
    }
    return false;
  }
}
