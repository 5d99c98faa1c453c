package com.youtubechat.shared.error;

/**
 * The ChatReady step was asked to announce a video whose row is not chat-enabled (its embeddings
 * are not committed): the step reads the row first, so no event can tell the web app a chat is
 * ready that is not. Not retried: the row will not become ready by itself.
 */
public class ChatNotEnabledException extends PermanentException {

  public ChatNotEnabledException(String message) {
    super(message);
  }
}
