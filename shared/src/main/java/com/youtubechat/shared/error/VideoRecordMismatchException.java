package com.youtubechat.shared.error;

/**
 * The event names one YouTube video for a row that holds another: processing it would overwrite
 * that row's title, transcript and embeddings with a different video's. Refused before anything is
 * fetched or written.
 */
public class VideoRecordMismatchException extends PermanentException {

  public VideoRecordMismatchException(String message) {
    super(message);
  }
}
