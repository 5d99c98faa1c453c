package com.youtubechat.chatready;

import com.youtubechat.shared.pusher.VideoDetailsEvent;

/**
 * The Notify step's input: the output of the step it follows. After Embedding (merged with the
 * Transcript summary) only {@code videoId} matters, and the chat-ready event is sent; after Info,
 * {@code details} is the {@code video-details} event Info prepared (the video's metadata).
 */
public record ChatReadyRequest(String videoId, VideoDetailsEvent details) {

  public ChatReadyRequest(String videoId) {
    this(videoId, null);
  }
}
