package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a chunker's output against its input without trusting the chunker: the overlaps are found by
 * searching for a placement of every chunk in the input, so a chunker that drops, repeats, reorders or
 * glues words, overlaps by more than it may, or gives a chunk times outside its words' segments, has no
 * valid placement.
 */
final class TranscriptInvariants {

  private static final double EPSILON = 1e-9;

  private record SearchState(int chunk, int covered, int previousFrom) {}

  /** What a successful check found. */
  record Report(int chunks, int chunksWithOverlap, int maxOverlapTokens, int inputWords) {}

  private final ChunkerSettings settings;
  private final List<TranscriptChunk> chunks;
  private final String input; // the input's words, concatenated without spaces
  private final boolean[] wordBoundary; // input positions where one word ends and another begins
  private final boolean[] insideLongWord; // positions strictly inside a word over half the budget
  private final int[] segmentAt; // kept-segment index of each input position
  private final double[] segmentStart; // non-decreasing starts
  private final double[] segmentEnd;
  private final int[] segmentLastPosition;
  private final String[] packed; // each chunk's text without spaces
  private final int[] placement;
  private final Set<SearchState> dead = new HashSet<>();
  private int deepest;

  private TranscriptInvariants(List<CaptionSegment> segments, ChunkerSettings settings, List<TranscriptChunk> chunks) {
    this.settings = settings;
    this.chunks = chunks;
    List<String> texts = new ArrayList<>();
    List<CaptionSegment> kept = new ArrayList<>();
    for (CaptionSegment segment : segments) {
      String text = CaptionText.normalizeWhitespace(segment.text());
      if (!text.isEmpty()) {
        texts.add(text);
        kept.add(segment);
      }
    }
    StringBuilder all = new StringBuilder();
    for (String text : texts) {
      all.append(text.replace(" ", ""));
    }
    input = all.toString();
    wordBoundary = new boolean[input.length() + 1];
    insideLongWord = new boolean[input.length() + 1];
    segmentAt = new int[input.length()];
    segmentStart = new double[kept.size()];
    segmentEnd = new double[kept.size()];
    segmentLastPosition = new int[kept.size()];
    int position = 0;
    double previousStart = 0;
    for (int s = 0; s < kept.size(); s++) {
      previousStart = Math.max(previousStart, kept.get(s).start());
      segmentStart[s] = previousStart;
      segmentEnd[s] = Math.max(previousStart, kept.get(s).end());
      for (String word : texts.get(s).split(" ")) {
        wordBoundary[position] = true;
        boolean longWord = TokenEstimator.estimate(word) > settings.maxTokens() / 2;
        for (int i = 0; i < word.length(); i++) {
          segmentAt[position + i] = s;
          insideLongWord[position + i] = longWord && i > 0;
        }
        position += word.length();
      }
      segmentLastPosition[s] = position - 1;
    }
    wordBoundary[position] = true;
    packed = chunks.stream().map(chunk -> chunk.text().replace(" ", "")).toArray(String[]::new);
    placement = new int[chunks.size()];
  }

  static Report check(List<CaptionSegment> segments, ChunkerSettings settings, List<TranscriptChunk> chunks) {
    return new TranscriptInvariants(segments, settings, chunks).check();
  }

  private Report check() {
    if (input.isEmpty()) {
      assertEquals(List.of(), chunks, "no words in, no chunks out");
      return new Report(0, 0, 0, 0);
    }
    assertFalse(chunks.isEmpty(), "words in, no chunks out");
    double previousStart = -1;
    for (int i = 0; i < chunks.size(); i++) {
      TranscriptChunk chunk = chunks.get(i);
      String text = chunk.text();
      assertEquals(i, chunk.index(), "indices are 0..n-1");
      assertFalse(text.isEmpty(), "chunk " + i + " is empty");
      assertEquals(CaptionText.normalizeWhitespace(text), text, "chunk " + i + " whitespace is not normalised");
      int tokens = TokenEstimator.estimate(text);
      assertTrue(tokens <= settings.maxTokens(),
          "chunk " + i + " estimates " + tokens + " tokens, over the budget of " + settings.maxTokens());
      assertTrue(chunk.start() <= chunk.end(), "chunk " + i + " ends before it starts");
      assertTrue(chunk.start() >= previousStart, "chunk " + i + " starts before chunk " + (i - 1));
      previousStart = chunk.start();
    }

    if (!place(0, 0, -1)) {
      fail("the chunks are not the input's words in order, with overlaps of at most " + settings.overlapTokens()
          + " tokens and times within their segments; no placement found for chunk " + deepest + ": \""
          + chunks.get(deepest).text() + "\"");
    }

    int withOverlap = 0;
    int maxOverlap = 0;
    int covered = 0;
    for (int i = 0; i < chunks.size(); i++) {
      if (placement[i] < covered) {
        withOverlap++;
        maxOverlap = Math.max(maxOverlap, overlapTokens(i, covered - placement[i]));
      }
      covered = placement[i] + packed[i].length();
    }
    return new Report(chunks.size(), withOverlap, maxOverlap, countWords());
  }

  /** Depth-first search for where each chunk starts in the input, given where the previous one ended. */
  private boolean place(int chunk, int covered, int previousFrom) {
    if (chunk == chunks.size()) {
      return covered == input.length();
    }
    deepest = Math.max(deepest, chunk);
    SearchState key = new SearchState(chunk, covered, previousFrom);
    if (dead.contains(key)) {
      return false;
    }
    String text = packed[chunk];
    int lowest = chunk == 0 ? 0 : previousFrom + 1;
    for (int from = covered; from >= lowest && covered - from < text.length(); from--) {
      int to = from + text.length();
      if (to <= input.length() && (wordBoundary[from] || insideLongWord[from]) && input.startsWith(text, from)) {
        if (overlapTokens(chunk, covered - from) > settings.overlapTokens()) {
          break; // only grows as the overlap does
        }
        if (!wordsFit(chunk, from) || !timesFit(chunk, from, to)) {
          continue;
        }
        placement[chunk] = from;
        if (place(chunk + 1, to, from)) {
          return true;
        }
      }
    }
    dead.add(key);
    return false;
  }

  /** Each of the chunk's words is one input word, or a piece of a long one at the chunk's edge. */
  private boolean wordsFit(int chunk, int from) {
    String[] words = chunks.get(chunk).text().split(" ");
    int x = from;
    for (int j = 0; j < words.length; j++) {
      int to = x + words[j].length();
      for (int y = x + 1; y < to; y++) {
        if (wordBoundary[y]) {
          return false; // two input words glued together
        }
      }
      if (!wordBoundary[x] && !(j == 0 && insideLongWord[x])) {
        return false;
      }
      if (!wordBoundary[to] && !(j == words.length - 1 && insideLongWord[to])) {
        return false;
      }
      x = to;
    }
    return true;
  }

  /**
   * The chunk starts within the time of the segment holding its first word and ends within the time of
   * the one holding its last, exactly at that segment's end when the chunk ends with the segment.
   */
  private boolean timesFit(int chunk, int from, int to) {
    TranscriptChunk c = chunks.get(chunk);
    int first = segmentAt[from];
    int last = segmentAt[to - 1];
    boolean startFits = c.start() >= segmentStart[first] - EPSILON && c.start() <= segmentEnd[first] + EPSILON;
    boolean endFits = to - 1 == segmentLastPosition[last]
        ? Math.abs(c.end() - segmentEnd[last]) <= EPSILON
        : c.end() >= segmentStart[last] - EPSILON && c.end() <= segmentEnd[last] + EPSILON;
    return startFits && endFits;
  }

  /** The estimate of the first {@code characters} non-space characters of a chunk's text. */
  private int overlapTokens(int chunk, int characters) {
    if (characters == 0) {
      return 0;
    }
    String text = chunks.get(chunk).text();
    int seen = 0;
    int i = 0;
    while (seen < characters) {
      if (text.charAt(i) != ' ') {
        seen++;
      }
      i++;
    }
    return TokenEstimator.estimate(text.substring(0, i));
  }

  private int countWords() {
    int words = 0;
    for (int i = 0; i < input.length(); i++) {
      if (wordBoundary[i]) {
        words++;
      }
    }
    return words;
  }
}
