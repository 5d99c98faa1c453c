package com.youtubechat.shared.transcript;

import com.youtubechat.shared.config.ConfigReader;

/**
 * How large transcript chunks are, in {@link TokenEstimator} tokens.
 *
 * <ul>
 *   <li>{@code CHUNK_MAX_TOKENS}, {@value #MIN_MAX_TOKENS} to {@value #MAX_MAX_TOKENS}, default
 *       {@value #DEFAULT_MAX_TOKENS}: the most a chunk may hold, overlap included. The estimator
 *       over-counts English by about half, so the default is about 240 real tokens for English speech;
 *       for non-ASCII scripts the estimate is a hard upper bound; and a chunk of ASCII letters overflows
 *       the model's 512 only if its real tokenizer averages under 2.1 letters per token over the whole
 *       chunk (letter salad, long random ids); at the ceiling, under 2.3 letters per token.
 *   <li>{@code CHUNK_OVERLAP_TOKENS}, 0 to less than half of the maximum, default 2/15 of the maximum
 *       ({@value #DEFAULT_OVERLAP_TOKENS} for the default maximum): how much of the end of one chunk is
 *       repeated at the start of the next, so a passage cut by a chunk boundary is still found whole.
 * </ul>
 */
public record ChunkerSettings(int maxTokens, int overlapTokens) {

  public static final int MIN_MAX_TOKENS = 64;
  public static final int MAX_MAX_TOKENS = 400;
  public static final int DEFAULT_MAX_TOKENS = 360;
  public static final int DEFAULT_OVERLAP_TOKENS = DEFAULT_MAX_TOKENS * 2 / 15;

  public ChunkerSettings {
    if (maxTokens < MIN_MAX_TOKENS || maxTokens > MAX_MAX_TOKENS) {
      throw new IllegalArgumentException("maxTokens must be between " + MIN_MAX_TOKENS + " and "
          + MAX_MAX_TOKENS + ", got " + maxTokens);
    }
    if (overlapTokens < 0 || 2 * overlapTokens >= maxTokens) {
      throw new IllegalArgumentException("overlapTokens must be at least 0 and less than half of maxTokens ("
          + maxTokens + "), got " + overlapTokens);
    }
  }

  public static ChunkerSettings defaults() {
    return new ChunkerSettings(DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
  }

  /** Reads {@code CHUNK_MAX_TOKENS} and {@code CHUNK_OVERLAP_TOKENS}, recording problems in {@code config}. */
  public static ChunkerSettings read(ConfigReader config) {
    int max = config.integer("CHUNK_MAX_TOKENS", DEFAULT_MAX_TOKENS, MIN_MAX_TOKENS, MAX_MAX_TOKENS);
    int defaultOverlap = defaultOverlap(max);
    int overlap = config.integer("CHUNK_OVERLAP_TOKENS", defaultOverlap, 0, MAX_MAX_TOKENS);
    if (2 * overlap >= max) {
      config.problem("CHUNK_OVERLAP_TOKENS", "must be less than half of CHUNK_MAX_TOKENS");
      overlap = defaultOverlap;
    }
    return new ChunkerSettings(max, overlap);
  }

  /** 2/15 of {@code maxTokens} (about 13%), rounded down. */
  public static int defaultOverlap(int maxTokens) {
    return maxTokens * 2 / 15;
  }
}
