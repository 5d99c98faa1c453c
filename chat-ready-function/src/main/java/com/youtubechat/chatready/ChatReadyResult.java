package com.youtubechat.chatready;

import com.youtubechat.shared.pusher.VideoDetailsEvent;

/** What the step told the web app about the video: chat enabled and status for chat-ready, else null. */
public record ChatReadyResult(String videoId, Boolean chatEnabled, String status) {

  static ChatReadyResult of(VideoDetailsEvent sent) {
    return new ChatReadyResult(sent.id(), sent.chatEnabled(), sent.status());
  }
}
