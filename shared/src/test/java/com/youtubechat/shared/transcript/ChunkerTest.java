package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static final Chunker SMALL = new Chunker(new ChunkerSettings(64, 0));

  private static CaptionSegment segment(String text, double start, double duration) {
    return new CaptionSegment(text, start, duration);
  }

  /** {@code count} distinct two-letter words (one estimated token each), starting at word {@code from}. */
  private static String words(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(i -> "" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26))
        .reduce((a, b) -> a + " " + b).orElse("");
  }

  /** Segments of ten one-token words each, 5 s apart and 5 s long. */
  private static List<CaptionSegment> tenWordSegments(int count) {
    List<CaptionSegment> segments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      segments.add(segment(words(i * 10, 10), i * 5.0, 5.0));
    }
    return segments;
  }

  private static List<String> wordsOf(TranscriptChunk chunk) {
    return Arrays.asList(chunk.text().split(" "));
  }

  @Test
  void noSegmentsOrOnlyBlankOnes_giveNoChunks() {
    assertEquals(List.of(), SMALL.chunk(List.of()));
    assertEquals(List.of(), SMALL.chunk(List.of(segment("", 0, 1), segment(" \n\t\u00A0", 1, 1))));
  }

  @Test
  void shortTranscript_isOneChunkFromFirstStartToLastEnd() {
    List<TranscriptChunk> chunks = SMALL.chunk(List.of(
        segment("  Hello\n there. ", 1.0, 2.0),
        segment("", 2.0, 9.0),
        segment("General\tKenobi!", 2.5, 3.0)));

    assertEquals(List.of(new TranscriptChunk(0, "Hello there. General Kenobi!", 1.0, 5.5)), chunks);
  }

  @Test
  void chunkFull_cutsAtTheLatestSegmentBoundaryInsteadOfMidSegment() {
    List<TranscriptChunk> chunks = SMALL.chunk(tenWordSegments(10));

    assertEquals(words(0, 60), chunks.get(0).text(), "6 whole segments (60 tokens) rather than 64 words");
    assertEquals(30.0, chunks.get(0).end());
    assertEquals(words(60, 40), chunks.get(1).text());
    assertEquals(30.0, chunks.get(1).start());
    assertEquals(2, chunks.size());
  }

  @Test
  void sentenceEndInSecondHalf_isPreferredToALaterSegmentBoundary() {
    List<CaptionSegment> segments = new ArrayList<>(tenWordSegments(10));
    String fourth = segments.get(3).text().replaceFirst("^((?:\\S+ ){4}\\S+)", "$1.");
    segments.set(3, segment(fourth, 15.0, 5.0));

    List<TranscriptChunk> chunks = SMALL.chunk(segments);

    assertEquals(words(0, 35) + ".", chunks.get(0).text());
    assertEquals(15.0 + 5.0 * (5 * 3 - 1 + 1) / 30.0, chunks.get(0).end(), 1e-9, "interpolated end of 'bi.'");
    assertTrue(chunks.get(1).text().startsWith(words(35, 5) + " "));
  }

  @Test
  void sentenceEndInFirstHalf_isNotWorthAHalfEmptyChunk() {
    List<CaptionSegment> segments = new ArrayList<>(tenWordSegments(10));
    segments.set(1, segment(segments.get(1).text() + "!", 5.0, 5.0));

    assertEquals(String.join(" ", segments.subList(0, 6).stream().map(CaptionSegment::text).toList()),
        SMALL.chunk(segments).get(0).text(), "cut after 61 tokens, not after 21");
  }

  @Test
  void pauseOfOnePointFiveSeconds_isPreferredToALaterSegmentBoundary() {
    List<CaptionSegment> segments = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      double start = i * 5.0 + (i >= 4 ? 1.5 : 0);
      segments.add(segment(words(i * 10, 10), start, 5.0));
    }

    List<TranscriptChunk> chunks = SMALL.chunk(segments);

    assertEquals(words(0, 40), chunks.get(0).text());
    assertEquals(20.0, chunks.get(0).end());
    assertEquals(21.5, chunks.get(1).start());
  }

  @Test
  void gapShorterThanAPause_isJustASegmentBoundary() {
    List<CaptionSegment> segments = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      segments.add(segment(words(i * 10, 10), i * 5.0 + (i >= 4 ? 1.4 : 0), 5.0));
    }

    assertEquals(words(0, 60), SMALL.chunk(segments).get(0).text());
  }

  @Test
  void segmentLongerThanTheBudget_isCutBetweenWordsWithInterpolatedTimes() {
    List<TranscriptChunk> chunks = SMALL.chunk(List.of(segment(words(0, 200), 100.0, 60.0)));

    assertEquals(List.of(words(0, 64), words(64, 64), words(128, 64), words(192, 8)),
        chunks.stream().map(TranscriptChunk::text).toList());
    int length = 200 * 3 - 1;
    assertEquals(100.0, chunks.get(0).start());
    assertEquals(100.0 + 60.0 * (64 * 3 - 1) / length, chunks.get(0).end(), 1e-9);
    assertEquals(100.0 + 60.0 * (64 * 3) / length, chunks.get(1).start(), 1e-9);
    assertEquals(160.0, chunks.get(3).end());
  }

  @Test
  void overlap_repeatsTheLastWordsOfThePreviousChunkAndStartsAtTheirTime() {
    Chunker chunker = new Chunker(new ChunkerSettings(64, 10));

    List<TranscriptChunk> chunks = chunker.chunk(List.of(segment(words(0, 200), 0.0, 599.0)));

    assertEquals(words(0, 64), chunks.get(0).text());
    assertEquals(words(54, 64), chunks.get(1).text(), "10 overlap words, then 54 new ones");
    assertEquals(54 * 3, chunks.get(1).start(), 1e-9, "starts at the first overlap word");
    assertEquals(words(108, 64), chunks.get(2).text());
    assertEquals(words(162, 38), chunks.get(3).text());
    assertEquals(4, chunks.size());
    TranscriptInvariants.Report report = TranscriptInvariants.check(
        List.of(segment(words(0, 200), 0.0, 599.0)), chunker.settings(), chunks);
    assertEquals(10, report.maxOverlapTokens());
  }

  @Test
  void overlap_isWholeWordsAndNeverMoreThanTheSetting() {
    Chunker chunker = new Chunker(new ChunkerSettings(64, 10));
    // "abcd" estimates 2 tokens: 10 tokens of overlap hold exactly 5 of them
    String text = String.join(" ", java.util.Collections.nCopies(80, "abcd"));

    List<TranscriptChunk> chunks = chunker.chunk(List.of(segment(text, 0, 10)));

    assertEquals(32, wordsOf(chunks.get(0)).size());
    assertEquals(32, wordsOf(chunks.get(1)).size(), "5 overlap words + 27 new");
    assertEquals(80 - 32 - 27, wordsOf(chunks.get(2)).size() - 5);
  }

  @Test
  void wordLongerThanTheBudget_isSplitAndRejoinsExactly() {
    String word = "abcdefghij".repeat(100); // 334 estimated tokens, no spaces
    List<CaptionSegment> segments = List.of(segment("before " + word + " after", 10, 20));

    List<TranscriptChunk> chunks = SMALL.chunk(segments);

    assertTrue(chunks.size() >= 6, "334 tokens need at least 6 chunks of 64, got " + chunks.size());
    String joined = String.join("", chunks.stream().map(TranscriptChunk::text).toList());
    assertEquals("before" + word + "after", joined.replace(" ", ""));
    assertTrue(chunks.get(0).text().startsWith("before abcdefghij"));
    for (TranscriptChunk chunk : chunks) {
      assertTrue(TokenEstimator.estimate(chunk.text()) <= 64);
      assertTrue(chunk.start() >= 10 && chunk.end() <= 30);
    }
    TranscriptInvariants.check(segments, SMALL.settings(), chunks);
  }

  @Test
  void cjkTranscriptWithoutSpaces_isCutAfterSentenceEndsWithinTheBudget() {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder();
    List<CaptionSegment> segments = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      StringBuilder line = new StringBuilder();
      for (int sentence = 0; sentence < 3; sentence++) {
        for (int i = 4 + random.nextInt(6); i > 0; i--) {
          line.appendCodePoint(0x4E00 + random.nextInt(0x5000));
        }
        line.append('。');
      }
      text.append(line);
      segments.add(segment(line.toString(), s * 4.0, 4.0));
    }
    // lines are 15-30 characters (46-91 tokens), so some are cut into pieces
    Chunker chunker = new Chunker(new ChunkerSettings(120, 0));

    List<TranscriptChunk> chunks = chunker.chunk(segments);

    // caption lines are separate words, so chunks hold a space between lines
    assertEquals(text.toString(), String.join("", chunks.stream().map(TranscriptChunk::text).toList()).replace(" ", ""));
    for (TranscriptChunk chunk : chunks.subList(0, chunks.size() - 1)) {
      assertTrue(chunk.text().endsWith("。"), "chunk " + chunk.index() + " cut mid-sentence: " + chunk.text());
      assertTrue(TokenEstimator.estimate(chunk.text()) <= 120);
      // at least half full (60) by the pieces' estimates, each of which counts 1 for its word start
      assertTrue(TokenEstimator.estimate(chunk.text()) >= 50, chunk.text());
    }
    TranscriptInvariants.check(segments, chunker.settings(), chunks);
    TranscriptInvariants.check(segments, new ChunkerSettings(120, 40),
        new Chunker(new ChunkerSettings(120, 40)).chunk(segments));
  }

  @Test
  void emojiZwjSequences_areNeverCutApart() {
    String family = "👨‍👩‍👧‍👦"; // 7 code points, 11 chars, 26 estimated tokens
    List<CaptionSegment> segments = List.of(segment(family.repeat(40), 0, 10));

    List<TranscriptChunk> chunks = SMALL.chunk(segments);

    assertTrue(chunks.size() > 10);
    for (TranscriptChunk chunk : chunks) {
      assertEquals(family.repeat(chunk.text().length() / family.length()), chunk.text());
    }
    TranscriptInvariants.check(segments, SMALL.settings(), chunks);
  }

  @Test
  void zeroDurationsAndEqualStarts_giveEmptyButValidSpans() {
    List<CaptionSegment> segments = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      segments.add(segment(words(i * 10, 10), 7.0, 0));
    }

    List<TranscriptChunk> chunks = SMALL.chunk(segments);

    assertEquals(5, chunks.size());
    for (TranscriptChunk chunk : chunks) {
      assertEquals(7.0, chunk.start());
      assertEquals(7.0, chunk.end());
    }
    TranscriptInvariants.check(segments, SMALL.settings(), chunks);
  }

  @Test
  void startsOutOfOrder_neverMakeChunkStartsDecrease() {
    List<CaptionSegment> segments = new ArrayList<>();
    double[] starts = {10, 3, 12, 1, 0, 30, 29, 31, 2, 40};
    for (int i = 0; i < starts.length; i++) {
      segments.add(segment(words(i * 20, 20), starts[i], 1.0));
    }

    List<TranscriptChunk> chunks = new Chunker(new ChunkerSettings(64, 15)).chunk(segments);

    assertEquals(10.0, chunks.get(0).start(), "an earlier start after a later one is held at the later one");
    TranscriptInvariants.check(segments, new ChunkerSettings(64, 15), chunks);
  }

  @Test
  void generatedCaptionsStillOnScreen_areSpokenUntilTheNextLineStarts() {
    // line 1 is on screen for 50 s, but line 2 starts after 10 s, so its words are spread over 10 s
    List<CaptionSegment> segments = List.of(segment(words(0, 100), 0, 50), segment(words(100, 10), 10, 5));

    List<TranscriptChunk> chunks = SMALL.chunk(segments);

    assertEquals(10.0 * (64 * 3) / (100 * 3 - 1), chunks.get(1).start(), 1e-9);
    assertTrue(chunks.get(0).end() < 10.0, "mid-line chunk ends by the time line 2 starts");
  }

  @Test
  void sameInput_givesTheSameChunks() {
    List<CaptionSegment> segments = TranscriptFixtures.speech(new Random(5), 300);
    Chunker chunker = new Chunker(ChunkerSettings.defaults());

    assertEquals(chunker.chunk(segments), chunker.chunk(List.copyOf(segments)));
    assertNotEquals(chunker.chunk(segments), chunker.chunk(TranscriptFixtures.speech(new Random(6), 300)));
  }

  @Test
  void tenHourTranscript_hasASaneNumberOfWellFilledChunks() {
    List<CaptionSegment> segments = TranscriptFixtures.speech(new Random(10), 6_000);
    double lastEnd = segments.getLast().end();
    assertTrue(lastEnd > 10 * 3600 && lastEnd < 11 * 3600, "fixture is ~10 hours: " + lastEnd);
    ChunkerSettings settings = ChunkerSettings.defaults();
    int inputTokens = segments.stream().mapToInt(s -> TokenEstimator.estimate(s.text())).sum();

    List<TranscriptChunk> chunks = new Chunker(settings).chunk(segments);

    // each chunk adds between (max/2 - overlap) and max new tokens
    int fewest = inputTokens / settings.maxTokens();
    int most = inputTokens / (settings.maxTokens() / 2 - settings.overlapTokens()) + 1;
    assertTrue(chunks.size() >= fewest && chunks.size() <= most,
        chunks.size() + " chunks for " + inputTokens + " tokens, expected " + fewest + ".." + most);
    int[] sizes = chunks.stream().mapToInt(c -> TokenEstimator.estimate(c.text())).sorted().toArray();
    assertTrue(sizes[sizes.length / 2] >= settings.maxTokens() * 3 / 4, "median " + sizes[sizes.length / 2]);
    Set<Double> endsBeforePauses = new HashSet<>();
    for (int i = 0; i + 1 < segments.size(); i++) {
      if (segments.get(i + 1).start() - segments.get(i).end() >= Chunker.PAUSE_SECONDS) {
        endsBeforePauses.add(segments.get(i).end());
      }
    }
    long goodCuts = chunks.stream().limit(chunks.size() - 1)
        .filter(c -> Chunker.endsSentence(c.text(), 0, c.text().length()) || endsBeforePauses.contains(c.end()))
        .count();
    assertEquals(chunks.size() - 1, goodCuts, "every cut is at a sentence end or a pause");
    assertEquals(0.0, chunks.getFirst().start());
    assertEquals(lastEnd, chunks.getLast().end());
    TranscriptInvariants.Report report = TranscriptInvariants.check(segments, settings, chunks);
    assertTrue(report.chunksWithOverlap() == chunks.size() - 1, "every chunk after the first overlaps");
  }
}
