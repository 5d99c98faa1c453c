package com.youtubechat.shared.error;

/** Cohere refused the API key (HTTP 401 or 498): COHERE_API_KEY is wrong, expired or revoked. */
public class CohereAuthenticationException extends PermanentException {

  public CohereAuthenticationException(String message) {
    super(message);
  }

  public CohereAuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
