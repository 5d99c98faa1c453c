package com.youtubechat.shared.error;

/**
 * YouTube answered "This content isn't available, try again later": a rate limit on this session
 * or IP that lasts up to about an hour. Retried by the state machine for longer than that, with
 * few attempts, since every attempt is another YouTube call.
 */
public final class YoutubeThrottledException extends CapacityException {

  public YoutubeThrottledException(String message) {
    super(message, null);
  }
}
