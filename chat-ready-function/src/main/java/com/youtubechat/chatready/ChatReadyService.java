package com.youtubechat.chatready;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;

/**
 * Tells the web app that a video's chat is ready: {@code video-details}
 * {@code {id, chatEnabled: true, status: "ready"}}. It runs as its own step after Embedding has
 * committed the embeddings and set {@code chat_enabled}, so a client that reacts to the event finds
 * the rows, and a Pusher failure is retried here without calling Cohere again.
 */
public final class ChatReadyService {

  private final VideoEvents events;

  public ChatReadyService(VideoEvents events) {
    this.events = events;
  }

  public static ChatReadyService fromEnvironment(ConfigReader config) {
    PusherSettings pusher = PusherSettings.read(config);
    config.validate();
    return new ChatReadyService(VideoEvents.create(pusher));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  public void prime() {
    Warmup.json("{\"videoId\":\"rec_warmup\",\"embeddingCount\":1,\"chatEnabled\":true}", ChatReadyRequest.class);
    events.warm();
    Json.write(ChatReadyResult.of(VideoDetailsEvent.chatReady("rec_warmup")));
  }

  public ChatReadyResult announce(ChatReadyRequest request) {
    String videoId = request.videoId();
    if (videoId == null || videoId.isBlank()) {
      throw new InvalidInputException("The input has no 'videoId': the ChatReady step takes the Embedding step's output");
    }
    VideoDetailsEvent event = VideoDetailsEvent.chatReady(videoId);
    events.videoDetails(event);
    return ChatReadyResult.of(event);
  }
}
