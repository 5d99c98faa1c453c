package com.youtubechat.chatready;

import com.youtubechat.shared.pusher.VideoDetailsEvent;

/** What the ChatReady step told the web app about the video. */
public record ChatReadyResult(String videoId, boolean chatEnabled, String status) {

  static ChatReadyResult of(VideoDetailsEvent sent) {
    return new ChatReadyResult(sent.id(), sent.chatEnabled(), sent.status());
  }
}
