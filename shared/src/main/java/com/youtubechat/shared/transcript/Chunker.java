package com.youtubechat.shared.transcript;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Joins caption segments into overlapping chunks that each fit the embedding model whole.
 *
 * <p><b>Units.</b> Each segment's text is split into words at whitespace (blank segments are ignored).
 * A word whose {@link TokenEstimator estimate} exceeds half the budget (in practice only a long run of
 * CJK or Thai text without spaces, or a pasted URL) is cut into pieces of at most {@value #PIECE_TOKENS}
 * estimated tokens at grapheme-cluster boundaries (a bigger cluster, such as an emoji ZWJ sequence, is a
 * piece of its own; only a cluster over half the budget is cut between code points), a piece also
 * ending after sentence punctuation such as {@code 。}. Pieces of one word that land in the same chunk
 * are written without a space, so the word is not changed.
 *
 * <p><b>Packing.</b> A chunk is the overlap carried from the previous chunk followed by as many new units
 * as fit in {@link ChunkerSettings#maxTokens()}, counting each unit's estimate. When the next unit does
 * not fit, the chunk is cut at the best place in its second half (at least half the budget full), trying
 * in turn: after a sentence end ({@code . ! ? …} and their CJK, Arabic and Devanagari forms, before any
 * closing quotes or brackets) or before a pause of at least {@value #PAUSE_SECONDS} s between segments;
 * at a segment boundary; between words; inside a split word. Among equally good places the latest wins.
 * Units after the cut start the next chunk. Since the estimate is subadditive,
 * {@code TokenEstimator.estimate(chunk.text()) <= maxTokens} for every chunk.
 *
 * <p><b>Overlap.</b> The next chunk starts with the longest run of whole units from the end of the chunk
 * before whose estimates add up to at most {@link ChunkerSettings#overlapTokens()}. Every chunk but the
 * last holds more than that, so each chunk adds new text and none is contained in another.
 *
 * <p><b>Times.</b> Starts are first made non-decreasing in document order (a segment that starts before
 * its predecessor is treated as starting with it). A word's time is interpolated within its segment in
 * proportion to its character offset, over the time until the next segment starts (generated captions
 * stay on screen after the next line begins) or the segment's end, whichever is first. A chunk's
 * {@code start} is the time of its first word, <em>overlap included</em>, so it points at the first thing
 * the chunk says; its {@code end} is the end ({@code start + duration}) of its last segment when the
 * chunk ends with a whole segment, and the interpolated end of its last word otherwise. Hence starts never
 * decrease and {@code start <= end}.
 *
 * <p>The output is deterministic, and the chunks' texts with their overlaps removed are exactly the
 * input's words in order. Instances are immutable and thread-safe.
 */
public final class Chunker {

  /** A silence between segments at least this long is as good a place to cut as a sentence end. */
  public static final double PAUSE_SECONDS = 1.5;

  /** The largest piece an over-long word is cut into, in estimated tokens. */
  static final int PIECE_TOKENS = 12;

  private static final byte INSIDE_WORD = 0;
  private static final byte BETWEEN_WORDS = 1;
  private static final byte BETWEEN_SEGMENTS = 2;
  private static final byte SENTENCE_OR_PAUSE = 3;

  private static final String SENTENCE_ENDS = ".!?…。！？‼‽⁇⁈⁉؟।॥።｡";
  private static final String CLOSERS = "\"')]}»”’›」』）】〉》〕〗〙〛";

  private final ChunkerSettings settings;

  public Chunker(ChunkerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public ChunkerSettings settings() {
    return settings;
  }

  /** The chunks of {@code segments}, indexed from 0; empty when every segment is blank. */
  public List<TranscriptChunk> chunk(List<CaptionSegment> segments) {
    Units units = new Units(segments.size() * 12 + 16);
    addUnits(segments, units);
    return assemble(units);
  }

  private List<TranscriptChunk> assemble(Units units) {
    int budget = settings.maxTokens();
    int overlapBudget = settings.overlapTokens();
    int minFill = Math.max(budget / 2, overlapBudget + 1);
    List<TranscriptChunk> chunks = new ArrayList<>();
    StringBuilder text = new StringBuilder(budget * 8);

    int first = 0; // first unit of the chunk being built, overlap included
    int next = 0; // first unit not yet in any chunk
    int overlapTokens = 0;
    while (next < units.size) {
      int total = overlapTokens;
      int end = next;
      while (end < units.size && total + units.tokens[end] <= budget) {
        total += units.tokens[end];
        end++;
      }
      if (end == next) {
        // cannot happen: units are at most half the budget and the overlap is less than half
        throw new IllegalStateException("unit " + next + " does not fit after the overlap");
      }
      int cut = end;
      if (end < units.size) {
        int bestRank = -1;
        int filled = overlapTokens;
        for (int u = next; u < end; u++) {
          filled += units.tokens[u];
          if (filled >= minFill && units.rank[u] >= bestRank) {
            bestRank = units.rank[u];
            cut = u + 1;
          }
        }
      }

      text.setLength(0);
      for (int u = first; u < cut; u++) {
        if (u > first && !units.glued[u]) {
          text.append(' ');
        }
        units.appendText(u, text);
      }
      chunks.add(new TranscriptChunk(chunks.size(), text.toString(), units.start[first], units.end[cut - 1]));

      int overlapFirst = cut;
      overlapTokens = 0;
      while (overlapFirst - 1 > first && overlapTokens + units.tokens[overlapFirst - 1] <= overlapBudget) {
        overlapFirst--;
        overlapTokens += units.tokens[overlapFirst];
      }
      first = overlapFirst;
      next = cut;
    }
    return chunks;
  }

  private void addUnits(List<CaptionSegment> segments, Units units) {
    List<String> texts = new ArrayList<>(segments.size());
    List<CaptionSegment> kept = new ArrayList<>(segments.size());
    for (CaptionSegment segment : segments) {
      String text = CaptionText.normalizeWhitespace(segment.text());
      if (!text.isEmpty()) {
        texts.add(text);
        kept.add(segment);
      }
    }
    int count = kept.size();
    double[] starts = new double[count];
    double previous = 0;
    for (int i = 0; i < count; i++) {
      previous = Math.max(previous, kept.get(i).start());
      starts[i] = previous;
    }
    int maxUnitTokens = settings.maxTokens() / 2;
    for (int i = 0; i < count; i++) {
      String text = texts.get(i);
      double start = starts[i];
      double end = Math.max(start, kept.get(i).end());
      boolean last = i == count - 1;
      double spokenUntil = last ? end : Math.max(start, Math.min(end, starts[i + 1]));
      boolean pauseAfter = !last && starts[i + 1] - end >= PAUSE_SECONDS;

      int segmentFirstUnit = units.size;
      int length = text.length();
      int from = 0;
      while (from < length) {
        int to = text.indexOf(' ', from);
        if (to < 0) {
          to = length;
        }
        int tokens = TokenEstimator.estimateWord(text, from, to);
        if (tokens <= maxUnitTokens) {
          units.add(text, from, to, tokens, false);
        } else {
          addPieces(text, from, to, maxUnitTokens, units);
        }
        from = to + 1;
      }
      double span = spokenUntil - start;
      for (int u = segmentFirstUnit; u < units.size; u++) {
        units.start[u] = start + span * units.from[u] / length;
        units.end[u] = units.to[u] == length ? end : start + span * units.to[u] / length;
        boolean lastOfSegment = u == units.size - 1;
        if (endsSentence(text, units.from[u], units.to[u]) || (lastOfSegment && pauseAfter)) {
          units.rank[u] = SENTENCE_OR_PAUSE;
        } else if (lastOfSegment) {
          units.rank[u] = BETWEEN_SEGMENTS;
        } else {
          units.rank[u] = units.glued[u + 1] ? INSIDE_WORD : BETWEEN_WORDS;
        }
      }
    }
  }

  /**
   * Cuts the over-long word {@code text[from, to)} into pieces of at most {@link #PIECE_TOKENS}, or one
   * grapheme cluster of at most {@code maxUnitTokens} (an emoji ZWJ sequence is kept whole).
   */
  private static void addPieces(String text, int from, int to, int maxUnitTokens, Units units) {
    // atoms: grapheme clusters (code points when a cluster alone is too big), with sentence
    // punctuation and closing marks attached to what they follow when that still fits a piece
    List<int[]> atoms = new ArrayList<>();
    BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
    clusters.setText(text.substring(from, to));
    for (int a = clusters.first(), b = clusters.next(); b != BreakIterator.DONE; a = b, b = clusters.next()) {
      int atomFrom = from + a;
      int atomTo = from + b;
      if (TokenEstimator.estimateWord(text, atomFrom, atomTo) > maxUnitTokens) {
        for (int i = atomFrom; i < atomTo; i += Character.charCount(text.codePointAt(i))) {
          atoms.add(new int[] {i, i + Character.charCount(text.codePointAt(i))});
        }
        continue;
      }
      int[] previous = atoms.isEmpty() ? null : atoms.getLast();
      if (previous != null && continuesSentenceEnd(text.codePointAt(atomFrom))
          && TokenEstimator.estimateWord(text, previous[0], atomTo) <= PIECE_TOKENS) {
        previous[1] = atomTo;
      } else {
        atoms.add(new int[] {atomFrom, atomTo});
      }
    }
    int pieceStart = from;
    for (int k = 0; k < atoms.size(); k++) {
      int[] atom = atoms.get(k);
      if (atom[0] > pieceStart && TokenEstimator.estimateWord(text, pieceStart, atom[1]) > PIECE_TOKENS) {
        units.add(text, pieceStart, atom[0], TokenEstimator.estimateWord(text, pieceStart, atom[0]),
            pieceStart > from);
        pieceStart = atom[0];
      }
      boolean sentenceBreak = k + 1 < atoms.size() && endsSentence(text, pieceStart, atom[1])
          && !continuesSentenceEnd(text.codePointAt(atoms.get(k + 1)[0]));
      if (sentenceBreak) {
        units.add(text, pieceStart, atom[1], TokenEstimator.estimateWord(text, pieceStart, atom[1]),
            pieceStart > from);
        pieceStart = atom[1];
      }
    }
    if (pieceStart < to) {
      units.add(text, pieceStart, to, TokenEstimator.estimateWord(text, pieceStart, to), pieceStart > from);
    }
  }

  /** Whether {@code text[from, to)} ends with sentence punctuation, possibly followed by closing marks. */
  static boolean endsSentence(String text, int from, int to) {
    int i = to;
    while (i > from) {
      int cp = text.codePointBefore(i);
      if (SENTENCE_ENDS.indexOf(cp) >= 0) {
        return true;
      }
      if (CLOSERS.indexOf(cp) < 0) {
        return false;
      }
      i -= Character.charCount(cp);
    }
    return false;
  }

  private static boolean continuesSentenceEnd(int cp) {
    return SENTENCE_ENDS.indexOf(cp) >= 0 || CLOSERS.indexOf(cp) >= 0;
  }

  /** Words and word pieces as parallel arrays: a 10-hour transcript has ~100,000 of them. */
  private static final class Units {
    int size;
    String[] source;
    int[] from;
    int[] to;
    int[] tokens;
    boolean[] glued;
    byte[] rank;
    double[] start;
    double[] end;

    Units(int capacity) {
      source = new String[capacity];
      from = new int[capacity];
      to = new int[capacity];
      tokens = new int[capacity];
      glued = new boolean[capacity];
      rank = new byte[capacity];
      start = new double[capacity];
      end = new double[capacity];
    }

    void add(String text, int textFrom, int textTo, int estimate, boolean continuesWord) {
      if (size == source.length) {
        int capacity = size * 3 / 2 + 16;
        source = Arrays.copyOf(source, capacity);
        from = Arrays.copyOf(from, capacity);
        to = Arrays.copyOf(to, capacity);
        tokens = Arrays.copyOf(tokens, capacity);
        glued = Arrays.copyOf(glued, capacity);
        rank = Arrays.copyOf(rank, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
      }
      source[size] = text;
      from[size] = textFrom;
      to[size] = textTo;
      tokens[size] = estimate;
      glued[size] = continuesWord;
      size++;
    }

    void appendText(int unit, StringBuilder out) {
      out.append(source[unit], from[unit], to[unit]);
    }
  }
}
