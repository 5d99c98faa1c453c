package com.youtubechat.shared.error;

/** The video has captions, but none in the wanted languages, nor a translation into the first of them; the message lists those it has. */
public class NoTranscriptException extends PermanentException {

  public NoTranscriptException(String message) {
    super(message);
  }

  public NoTranscriptException(String message, Throwable cause) {
    super(message, cause);
  }
}
