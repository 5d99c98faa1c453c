package com.youtubechat.shared.pusher;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code video-details} payload. The web app merges it into the video's card by {@code id},
 * so each step sends only the fields it changed (nulls are left out). The channel may be public, so
 * a failure carries only a stable {@code reason} code and a message the project wrote for it, never
 * exception text (README: the web app's events).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoDetailsEvent(
    String id,
    String title,
    String author,
    String thumbnailUrl,
    Long length,
    String publishDate,
    String description,
    Boolean chatEnabled,
    String status,
    String reason,
    String error) {

  public static VideoDetailsEvent of(String id) {
    return new VideoDetailsEvent(id, null, null, null, null, null, null, null, null, null, null);
  }

  /** The video's embeddings are committed and chat is on. */
  public static VideoDetailsEvent chatReady(String id) {
    return new VideoDetailsEvent(id, null, null, null, null, null, null, true, "ready", null, null);
  }

  /**
   * Processing the video failed: {@code reason} is a public reason code, {@code message} the
   * project's own sentence for it (both from the failure recorder's fixed list).
   */
  public static VideoDetailsEvent failed(String id, String reason, String message) {
    return new VideoDetailsEvent(id, null, null, null, null, null, null, null, "failed", reason, message);
  }

  public VideoDetailsEvent withDescription(String newDescription) {
    return new VideoDetailsEvent(id, title, author, thumbnailUrl, length, publishDate, newDescription,
        chatEnabled, status, reason, error);
  }

  public VideoDetailsEvent withError(String newError) {
    return new VideoDetailsEvent(id, title, author, thumbnailUrl, length, publishDate, description,
        chatEnabled, status, reason, newError);
  }
}
