package com.youtubechat.shared.transcript;

/**
 * A deliberately pessimistic count of the tokens an embedding model's tokenizer will make of a text,
 * used to keep every chunk inside Cohere {@code embed-english-v3.0}'s {@value #MODEL_MAX_INPUT_TOKENS}
 * token input so that the model never truncates one. It needs no vocabulary and is the same on every
 * machine.
 *
 * <p>The text is split into words at whitespace (whitespace itself costs nothing: BPE tokenizers fold
 * the leading space into the next token). Each word costs the sum of:
 *
 * <ul>
 *   <li><b>ASCII letters</b>: one token per started run of 3 consecutive letters ({@code the} = 1,
 *       {@code caption} = 3). English averages about 4 characters per BPE or WordPiece token, so ordinary
 *       English prose is over-counted by roughly half; only rare letter salad splits finer than this.
 *   <li><b>ASCII digits, punctuation and symbols</b>: one token each ({@code 2024} = 4, {@code don't} =
 *       3), which no mainstream tokenizer exceeds.
 *   <li><b>every other code point</b> (accented Latin, Cyrillic, Arabic, Hebrew, Devanagari, CJK, emoji,
 *       variation selectors, joiners…): its UTF-8 length in bytes (2, 3 or 4), plus 1 for the space
 *       before a word that starts with one. A byte-level BPE never makes more tokens than bytes, and a
 *       WordPiece or byte-fallback SentencePiece never more than characters (plus one word marker), so
 *       for these scripts the estimate is a true upper bound, typically 1.5 to 3 times the real count.
 * </ul>
 *
 * <p>The estimate of a concatenation never exceeds the sum of the estimates of its parts, so a chunk
 * built from pieces whose estimates add up to at most a budget is itself within that budget.
 */
public final class TokenEstimator {

  /** The longest input {@code embed-english-v3.0} embeds without truncating it. */
  public static final int MODEL_MAX_INPUT_TOKENS = 512;

  private static final int LETTERS_PER_TOKEN = 3;

  private TokenEstimator() {}

  /** The estimated token count of {@code text}: the sum over its whitespace-separated words. */
  public static int estimate(CharSequence text) {
    int total = 0;
    int length = text.length();
    int i = 0;
    while (i < length) {
      int cp = Character.codePointAt(text, i);
      if (CaptionText.isWhitespace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int wordStart = i;
      while (i < length && !CaptionText.isWhitespace(cp = Character.codePointAt(text, i))) {
        i += Character.charCount(cp);
      }
      total += estimateWord(text, wordStart, i);
    }
    return total;
  }

  /** The estimate of {@code text[from, to)}, which must hold no whitespace. */
  static int estimateWord(CharSequence text, int from, int to) {
    int tokens = 0;
    int letters = 0;
    for (int i = from; i < to; ) {
      int cp = Character.codePointAt(text, i);
      if (cp < 0x80 && isAsciiLetter(cp)) {
        letters++;
      } else {
        tokens += letterTokens(letters);
        letters = 0;
        tokens += cp < 0x80 ? 1 : utf8Length(cp) + (i == from ? 1 : 0);
      }
      i += Character.charCount(cp);
    }
    return tokens + letterTokens(letters);
  }

  private static int letterTokens(int letters) {
    return (letters + LETTERS_PER_TOKEN - 1) / LETTERS_PER_TOKEN;
  }

  private static boolean isAsciiLetter(int cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }

  private static int utf8Length(int cp) {
    if (cp < 0x800) {
      return 2;
    }
    return cp < 0x10000 ? 3 : 4;
  }
}
