package com.youtubechat.shared.error;

/**
 * YouTube answered with a bot check ("Sign in to confirm you're not a bot") or Google's captcha
 * page, and no proxy is configured. The block belongs to the IP, so running again from the same IP
 * gets the same answer: only another IP helps. With {@code YOUTUBE_PROXY_URL} set the same answer
 * is a {@link TransientException} instead, because a rotating proxy gives the retry a new IP.
 */
public final class YoutubeBotCheckException extends PermanentException {

  public YoutubeBotCheckException(String message) {
    super(message);
  }
}
