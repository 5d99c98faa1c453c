package com.youtubechat.shared.error;

/**
 * The HTTP proxy in {@code YOUTUBE_PROXY_URL} refused its credentials (HTTP 407). Not retried:
 * the same credentials will be refused again until the setting is fixed.
 */
public class ProxyAuthenticationException extends PermanentException {

  public ProxyAuthenticationException(String message) {
    super(message);
  }

  public ProxyAuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
