package com.youtubechat.shared.transcript;

import java.util.Objects;

/**
 * A passage of a transcript, sized to be embedded whole.
 *
 * @param index position among the video's chunks, from 0
 * @param text the passage: words separated by single spaces, beginning with the overlap repeated from
 *     the end of the previous chunk
 * @param start seconds from the start of the video to the first word of {@code text} (overlap included)
 * @param end seconds to the end of the last word: the end of its caption line when the chunk ends with
 *     a whole line
 */
public record TranscriptChunk(int index, String text, double start, double end) {

  public TranscriptChunk {
    Objects.requireNonNull(text, "text");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    if (!(start >= 0 && start <= end && Double.isFinite(end))) {
      throw new IllegalArgumentException("need 0 <= start <= end, got start " + start + " and end " + end);
    }
  }
}
