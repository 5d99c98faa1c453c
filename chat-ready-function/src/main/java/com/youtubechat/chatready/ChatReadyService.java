package com.youtubechat.chatready;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.PrimedService;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;

/**
 * Sends the web app's {@code video-details} events, each as its own step after the step whose
 * work it announces has committed, so a client that reacts to the event finds the data, and a
 * Pusher failure is retried here without calling YouTube or Cohere again:
 * <ul>
 *   <li>after Embedding (the ChatReady state): {@code {id, chatEnabled: true, status: "ready"}};
 *   <li>after Info (the NotifyInfo state): the metadata event Info prepared, as {@code details}.
 * </ul>
 */
public final class ChatReadyService implements PrimedService {

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
  @Override
  public void prime() {
    Warmup.json("{\"videoId\":\"rec_warmup\",\"embeddingCount\":1,\"chatEnabled\":true}", ChatReadyRequest.class);
    events.warm();
    Json.write(ChatReadyResult.of(VideoDetailsEvent.chatReady("rec_warmup")));
  }

  /** Nothing to drop: no database connection, and the Pusher client reconnects by itself. */
  @Override
  public void reset() {}

  public ChatReadyResult announce(ChatReadyRequest request) {
    String videoId = request.videoId();
    if (videoId == null || videoId.isBlank()) {
      throw new InvalidInputException("The input has no 'videoId': the ChatReady step takes the Embedding step's output");
    }
    VideoDetailsEvent event = request.details() == null ? VideoDetailsEvent.chatReady(videoId) : request.details();
    if (!videoId.equals(event.id())) {
      throw new InvalidInputException("The input's details are for video '" + Echo.of(event.id())
          + "', not for its videoId '" + Echo.of(videoId) + "': the NotifyInfo step takes the Info step's output");
    }
    events.videoDetails(event);
    return ChatReadyResult.of(event);
  }
}
