package com.youtubechat.shared.error;

/** The video row has no stored transcript, so there is nothing to embed: the Transcript step has not run (or failed) for it. */
public class TranscriptMissingException extends PermanentException {

  public TranscriptMissingException(String message) {
    super(message);
  }

  public TranscriptMissingException(String message, Throwable cause) {
    super(message, cause);
  }
}
