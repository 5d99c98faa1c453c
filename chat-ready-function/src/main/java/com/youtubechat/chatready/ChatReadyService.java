package com.youtubechat.chatready;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.ChatNotEnabledException;
import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.PrimedService;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;

/**
 * Sends the web app's {@code video-details} events, each as its own step after the step whose
 * work it announces has committed, so a client that reacts to the event finds the data, and a
 * Pusher failure is retried here without calling YouTube or Cohere again:
 * <ul>
 *   <li>after Embedding (the ChatReady state): {@code {id, chatEnabled: true, status: "ready"}},
 *       only when the row says so (a missing row is {@code VideoRecordNotFoundException}, a row
 *       that is not chat-enabled {@link ChatNotEnabledException}), whoever invokes the function;
 *   <li>after Info (the NotifyInfo state): the metadata event Info prepared, as {@code details},
 *       only when the row exists, so no event announces a video the web app has deleted.
 * </ul>
 * The row is read on a connection closed again before Pusher is called: the connection is held
 * for one SELECT, never for a Pusher call that may take seconds.
 */
public final class ChatReadyService implements PrimedService {

  private final VideoStore videos;
  private final VideoEvents events;

  public ChatReadyService(VideoStore videos, VideoEvents events) {
    this.videos = videos;
    this.events = events;
  }

  public static ChatReadyService fromEnvironment(ConfigReader config) {
    XataSettings xata = XataSettings.read(config);
    PusherSettings pusher = PusherSettings.read(config);
    config.validate();
    return new ChatReadyService(new VideoStore(new XataConnection(xata)), VideoEvents.create(pusher));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  @Override
  public void prime() {
    Warmup.json("{\"videoId\":\"rec_warmup\",\"embeddingCount\":1,\"chatEnabled\":true}", ChatReadyRequest.class);
    new VideoStore.ChatState("ready", true).ready();
    XataConnection.warmDriver();
    events.warm();
    Json.write(ChatReadyResult.of(VideoDetailsEvent.chatReady("rec_warmup")));
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  @Override
  public void reset() {
    videos.resetConnection();
  }

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
    VideoStore.ChatState row;
    try {
      row = videos.chatState(videoId);
    } finally {
      videos.resetConnection();
    }
    if (request.details() == null && !row.ready()) {
      throw new ChatNotEnabledException("Video '" + Echo.of(videoId) + "' is not chat-enabled (status '"
          + Echo.of(row.status()) + "', chat_enabled " + row.chatEnabled() + "): the chat-ready event is sent only"
          + " after the Embedding step has committed the video's embeddings");
    }
    events.videoDetails(event);
    return ChatReadyResult.of(event);
  }
}
