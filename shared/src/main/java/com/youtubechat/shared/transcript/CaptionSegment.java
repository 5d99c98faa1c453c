package com.youtubechat.shared.transcript;

import java.util.Objects;

/**
 * One caption line as YouTube serves it.
 *
 * @param text what is said, already unescaped and with whitespace normalised by the parser
 * @param start when the line appears, in seconds from the start of the video
 * @param duration how long the line stays on screen, in seconds; 0 when YouTube does not say. Lines
 *     of generated (ASR) captions often stay on screen after the next one has started, so
 *     consecutive segments may overlap in time.
 */
public record CaptionSegment(String text, double start, double duration) {

  public CaptionSegment {
    Objects.requireNonNull(text, "text");
    if (!Double.isFinite(start) || start < 0) {
      throw new IllegalArgumentException("start must be a non-negative number of seconds, got " + start);
    }
    if (!Double.isFinite(duration) || duration < 0) {
      throw new IllegalArgumentException("duration must be a non-negative number of seconds, got " + duration);
    }
  }

  /** {@code start + duration}: when the line leaves the screen. */
  public double end() {
    return start + duration;
  }
}
