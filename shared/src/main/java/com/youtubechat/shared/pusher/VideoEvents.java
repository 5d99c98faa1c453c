package com.youtubechat.shared.pusher;

import com.youtubechat.shared.log.Log;

/** Tells the web app, live, what changed about a video. */
public interface VideoEvents {

  void videoDetails(VideoDetailsEvent event);

  /** Runs the serialisation and signing code on a canned event without sending it (SnapStart priming). */
  default void warm() {}

  /** Pusher when it is configured; otherwise a no-op that says so once in the log. */
  static VideoEvents create(PusherSettings settings) {
    if (settings.enabled()) {
      return new PusherVideoEvents(settings);
    }
    Log.get(VideoEvents.class).log(System.Logger.Level.WARNING, "Pusher is not configured (PUSHER_APP_ID,"
        + " PUSHER_KEY, PUSHER_SECRET unset): video-details notifications are off");
    return event -> { };
  }

}
